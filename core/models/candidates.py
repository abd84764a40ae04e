"""The candidate dossier: identity lives on the account, the rest here."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core import rules as perms
from core.enums import Rqth

ADULT_AGE = 18


def age_on(birth_date, today):
    """Full years between a birth date and a day."""
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


class CandidateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Dossiers the user may read: admin all, chargé de mission their establishment,
        référent their cohort, a candidate their own; employers none, ever."""
        if perms.is_admin(user):
            return self
        if perms.is_charge_de_mission(user):
            return self.filter(user__establishment_id=user.establishment_id)
        if perms.is_referent(user):
            return self.filter(referents=user, user__establishment_id=user.establishment_id)
        if perms.is_candidate(user):
            return self.filter(user=user)
        return self.none()

    def minors(self, today=None):
        """Candidates under 18 today."""
        today = today or timezone.localdate()
        return self.filter(birth_date__gt=_years_before(today, ADULT_AGE))

    def adults(self, today=None):
        """Candidates 18 or older today."""
        today = today or timezone.localdate()
        return self.filter(birth_date__lte=_years_before(today, ADULT_AGE))

    def with_awaiting_count(self):
        """Annotate ``awaiting_count``: applications waiting for the référent's validation."""
        from django.db.models import Count, Q

        from core.enums import ApplicationState

        return self.annotate(
            awaiting_count=Count(
                "applications",
                filter=Q(applications__state=ApplicationState.AWAITING_VALIDATION),
                distinct=True,
            )
        )


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class Candidate(models.Model):
    user = models.OneToOneField(
        "core.User", on_delete=models.PROTECT, related_name="candidate", verbose_name="compte"
    )
    referents = models.ManyToManyField(
        "core.User",
        related_name="cohort",
        verbose_name="référents établissement",
        help_text="Référents de l'établissement qui suivent ce candidat.",
    )
    birth_date = models.DateField("date de naissance")
    nationality = models.CharField("nationalité", max_length=80, blank=True)
    secondary_email = models.EmailField("email complémentaire", blank=True)
    is_autonomous = models.BooleanField(
        "candidat autonome",
        default=False,
        help_text="Lorsqu'un candidat est autonome, il peut valider lui-même ses candidatures : "
        "elles sont envoyées à l'employeur sauf s'il sollicite l'aide de son référent.",
    )
    training = models.CharField("formation", max_length=200, blank=True)
    diploma = models.CharField("diplôme", max_length=200, blank=True)
    diploma_year = models.PositiveSmallIntegerField("année diplôme", null=True, blank=True)
    rqth = models.CharField(
        "RQTH", max_length=10, choices=Rqth.choices, blank=True, help_text="Donnée sensible."
    )
    looking_for_internship = models.BooleanField("recherche un stage", default=False)
    project = models.TextField("projet professionnel", blank=True)
    family_contact_name = models.CharField("contact famille — nom", max_length=150, blank=True)
    family_contact_relationship = models.CharField(
        "contact famille — lien", max_length=80, blank=True, help_text="Ex. : mère, tuteur."
    )
    family_contact_phone = models.CharField(
        "contact famille — téléphone", max_length=30, blank=True
    )
    family_contact_email = models.EmailField("contact famille — email", blank=True)
    created_by = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    last_activity_at = models.DateTimeField("dernière activité", null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[referents])
    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = "candidat"
        verbose_name_plural = "candidats"
        ordering = ["user__last_name", "user__first_name", "pk"]

    def __str__(self):
        return str(self.user)

    @property
    def establishment(self):
        return self.user.establishment

    @property
    def establishment_id(self):
        return self.user.establishment_id

    def is_minor(self, today=None):
        """Under 18 on the given day (today by default)."""
        if not self.birth_date:
            return False
        return age_on(self.birth_date, today or timezone.localdate()) < ADULT_AGE

    is_minor.boolean = True

    def clean(self):
        """Birth date in the past; a minor needs a family contact (name, link, phone or email)."""
        errors = {}
        today = timezone.localdate()
        if self.birth_date:
            if self.birth_date >= today:
                errors["birth_date"] = "La date de naissance doit être dans le passé."
            elif self.birth_date < date(today.year - 100, 1, 1):
                errors["birth_date"] = "Cette date de naissance n'est pas plausible."
        if self.diploma_year and not 1950 <= self.diploma_year <= today.year + 10:
            errors["diploma_year"] = "Année de diplôme invalide."
        if self.birth_date and self.is_minor(today) and "birth_date" not in errors:
            if not self.family_contact_name:
                errors["family_contact_name"] = (
                    "Candidat mineur : le nom d'un contact famille est obligatoire."
                )
            if not self.family_contact_relationship:
                errors["family_contact_relationship"] = (
                    "Candidat mineur : précisez le lien avec le candidat."
                )
            if not (self.family_contact_phone or self.family_contact_email):
                errors["family_contact_phone"] = (
                    "Candidat mineur : indiquez un téléphone ou un email du contact famille."
                )
        if errors:
            raise ValidationError(errors)
