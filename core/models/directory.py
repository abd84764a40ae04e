"""Proxy models for screens that show a model to another audience (directory, own offers)."""

from django.db import models

from core.models.accounts import User, UserQuerySet
from core.models.companies import Company, CompanyQuerySet
from core.models.offers import JobOffer, JobOfferQuerySet


class DirectoryReferentQuerySet(UserQuerySet):
    def visible_to(self, user):
        """The référent directory: staff and employers; never candidates."""
        if user.has_perm("core.view_directory"):
            return self.directory()
        return self.none()


class DirectoryReferent(User):
    objects = models.Manager.from_queryset(DirectoryReferentQuerySet)()

    class Meta:
        proxy = True
        verbose_name = "référent établissement"
        verbose_name_plural = "référents établissements"


class DirectoryCompany(Company):
    objects = CompanyQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = "employeur"
        verbose_name_plural = "employeurs"


class OwnOfferQuerySet(JobOfferQuerySet):
    def visible_to(self, user):
        """An employer's own company's offers, drafts included."""
        if user.has_perm("employer_space.access"):
            return self.filter(company_id=user.company_id)
        return self.none()


class OwnOffer(JobOffer):
    objects = OwnOfferQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = "offre de mon entreprise"
        verbose_name_plural = "offres de mon entreprise"
