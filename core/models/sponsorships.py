"""Sponsorship (parrainage) requests. The state is written only by workflows/sponsorships.py."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.enums import SponsorshipState
from core.models.scoping import sent_to_company_scope

SP = SponsorshipState
EMPLOYER_VISIBLE_SPONSORSHIP_STATES = (SP.SENT, SP.ACCEPTED, SP.DECLINED, SP.WITHDRAWN)


class SponsorshipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Same audience as applications."""
        return sent_to_company_scope(
            self, user, employer_states=EMPLOYER_VISIBLE_SPONSORSHIP_STATES
        )


class SponsorshipRequest(models.Model):
    candidate = models.ForeignKey(
        "core.Candidate",
        on_delete=models.CASCADE,
        related_name="sponsorships",
        verbose_name="candidat",
    )
    company = models.ForeignKey(
        "core.Company",
        on_delete=models.PROTECT,
        related_name="sponsorships",
        verbose_name="entreprise",
    )
    message = models.TextField("message pour l'entreprise")
    help_requested = models.BooleanField("aide du référent demandée", default=False)
    state = models.CharField(
        "état", max_length=30, choices=SponsorshipState.choices, editable=False
    )
    created_at = models.DateTimeField("publiée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True, editable=False)
    validated_by = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="validée par",
    )
    answered_at = models.DateTimeField("réponse le", null=True, blank=True, editable=False)
    sponsor_name = models.CharField("parrain — nom", max_length=150, blank=True, editable=False)
    sponsor_function = models.CharField(
        "parrain — fonction", max_length=150, blank=True, editable=False
    )
    sponsor_email = models.EmailField("parrain — email", blank=True, editable=False)
    decline_reason = models.TextField("motif", blank=True, editable=False)
    withdrawn_at = models.DateTimeField("retirée le", null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = SponsorshipQuerySet.as_manager()

    class Meta:
        verbose_name = "demande de parrainage"
        verbose_name_plural = "demandes de parrainage"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="sponsorship_sent_has_date",
                condition=Q(state__in=[SP.AWAITING_VALIDATION, SP.WITHDRAWN])
                | Q(sent_at__isnull=False),
            ),
            models.CheckConstraint(
                name="sponsorship_accepted_has_sponsor",
                condition=~Q(state=SP.ACCEPTED) | ~Q(sponsor_name=""),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        """ "NOM Prénom - ENTREPRISE", as the tutorial's list shows it."""
        return f"{self.candidate.user.full_name} - {self.company.name}"
