"""Job offers published by partner companies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core import rules as perms
from core.departments import DEPARTMENTS, postal_code_matches_department
from core.enums import ContractType, OfferState, Sector
from core.validators import validate_postal_code

GENERIC_OFFER_HELP = (
    "Une offre générique ne correspond pas forcément à un emploi précis mais à un profil "
    "recherché. Les candidatures sont traitées par le service dédié au recrutement des "
    "travailleurs handicapés de l'entreprise."
)


class JobOfferQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=OfferState.PUBLISHED)

    def visible_to(self, user):
        """Published offers for everyone; an employer also its own company's; the admin all."""
        if perms.is_admin(user):
            return self
        if perms.is_employer(user):
            return self.filter(Q(state=OfferState.PUBLISHED) | Q(company_id=user.company_id))
        if user.is_authenticated and user.is_active:
            return self.published()
        return self.none()

    SEARCH_LOOKUPS = {
        "department": "department",
        "postal_code": "postal_code__startswith",
        "title": "title__icontains",
        "employer": "company__name__icontains",
        "reference": "reference__icontains",
        "sector": "sector",
        "contract_type": "contract_type",
    }

    def search(self, **criteria):
        """The tutorial's offer search: département, code postal, offre, employeur, référence,
        secteur, type de contrat. Empty criteria are ignored."""
        queryset = self
        for name, value in criteria.items():
            value = (value or "").strip()
            if value:
                queryset = queryset.filter(**{self.SEARCH_LOOKUPS[name]: value})
        return queryset

    def expired(self, now=None):
        """Published offers whose expiry date has passed."""
        now = now or timezone.now()
        return self.published().filter(expires_at__lt=now)


class JobOffer(models.Model):
    company = models.ForeignKey(
        "core.Company", on_delete=models.PROTECT, related_name="offers", verbose_name="employeur"
    )
    title = models.CharField("intitulé", max_length=200)
    reference = models.CharField(
        "référence", max_length=50, help_text="Unique parmi les offres de l'entreprise."
    )
    description = models.TextField("description")
    contract_type = models.CharField("type de contrat", max_length=30, choices=ContractType.choices)
    sector = models.CharField("secteur d'activité", max_length=30, choices=Sector.choices)
    department = models.CharField("département", max_length=3, choices=DEPARTMENTS)
    postal_code = models.CharField("code postal", max_length=5, validators=[validate_postal_code])
    city = models.CharField("ville", max_length=120)
    start_date = models.DateField("date de début", null=True, blank=True)
    duration = models.CharField("durée", max_length=80, blank=True, help_text="Ex. : 6 mois.")
    is_generic = models.BooleanField("offre générique", default=False, help_text=GENERIC_OFFER_HELP)
    state = models.CharField(
        "état", max_length=20, choices=OfferState.choices, default=OfferState.DRAFT
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    expires_at = models.DateTimeField("expire le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    history = HistoricalRecords()
    objects = JobOfferQuerySet.as_manager()

    class Meta:
        verbose_name = "offre"
        verbose_name_plural = "offres"
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "reference"], name="offer_reference_unique_per_company"
            ),
            models.CheckConstraint(
                name="offer_published_has_date",
                condition=~Q(state=OfferState.PUBLISHED) | Q(published_at__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"]),
            models.Index(fields=["department"]),
            models.Index(fields=["contract_type"]),
            models.Index(fields=["sector"]),
            models.Index(fields=["postal_code"]),
        ]

    def __str__(self):
        return f"{self.title} ({self.reference})"

    def clean(self):
        """Postal code inside the department; expiry after publication; a reference used once
        per company (checked here, so every form that forces the company gets the message)."""
        errors = {}
        if (
            self.postal_code
            and self.department
            and not postal_code_matches_department(self.postal_code, self.department)
        ):
            errors["postal_code"] = "Ce code postal n'appartient pas au département choisi."
        if self.published_at and self.expires_at and self.expires_at <= self.published_at:
            errors["expires_at"] = "La date d'expiration doit être postérieure à la publication."
        if (
            self.company_id
            and self.reference
            and JobOffer.objects.filter(company_id=self.company_id, reference=self.reference)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["reference"] = "Cette référence est déjà utilisée par une offre de l'entreprise."
        if errors:
            raise ValidationError(errors)
