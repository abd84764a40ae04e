"""Partner companies (employers) and their contact persons."""

from django.db import models
from simple_history.models import HistoricalRecords

from core import rules as perms
from core.enums import Sector
from core.validators import validate_siret


class CompanyQuerySet(models.QuerySet):
    def with_published_count(self):
        """Annotate ``published_count``: the company's published offers."""
        from django.db.models import Count, Q

        from core.enums import OfferState

        return self.annotate(
            published_count=Count("offers", filter=Q(offers__state=OfferState.PUBLISHED))
        )

    def visible_to(self, user):
        """Every logged-in user reads the partner companies; the admin also the inactive ones."""
        if perms.is_admin(user):
            return self
        if user.is_authenticated and user.is_active:
            return self.filter(is_active=True)
        return self.none()


class Company(models.Model):
    name = models.CharField("raison sociale", max_length=200)
    siret = models.CharField(
        "SIRET",
        max_length=14,
        unique=True,
        validators=[validate_siret],
        help_text="14 chiffres, sans espace.",
    )
    sector = models.CharField("secteur d'activité", max_length=30, choices=Sector.choices)
    description = models.TextField("présentation", blank=True)
    website = models.URLField("site internet", blank=True)
    address = models.CharField("adresse", max_length=250, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("ville", max_length=120, blank=True)
    is_active = models.BooleanField("partenaire actif", default=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    history = HistoricalRecords()
    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = "entreprise"
        verbose_name_plural = "entreprises"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        self.siret = (self.siret or "").replace(" ", "")


class CompanyContact(models.Model):
    """A "référent associé": the person the directory names for a company."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name="entreprise"
    )
    name = models.CharField("nom", max_length=150)
    function = models.CharField("fonction", max_length=150, blank=True)
    email = models.EmailField("email", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)

    class Meta:
        verbose_name = "référent associé"
        verbose_name_plural = "référents associés"
        ordering = ["name"]

    def __str__(self):
        return self.name
