"""Applications (candidatures), their follow-up messages and private notes.

The state is written only by workflows/applications.py.
"""

import secrets

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core import rules as perms
from core.enums import ApplicationKind, ApplicationState
from core.models.scoping import sent_to_company_scope

S = ApplicationState
EMPLOYER_VISIBLE_STATES = (S.SENT, S.IN_REVIEW, S.RETAINED, S.REJECTED, S.WITHDRAWN)


def new_reference():
    """A short readable reference, e.g. "C-7K2QF9"."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "C-" + "".join(secrets.choice(alphabet) for _ in range(6))


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff in scope and the candidate see every state; an employer only what was sent
        to its company (never one awaiting validation)."""
        return sent_to_company_scope(self, user, employer_states=EMPLOYER_VISIBLE_STATES)

    def awaiting_validation_by(self, user):
        """Applications waiting for this user's validation: those of their cohort (référent)
        or establishment (chargé de mission). The platform admin validates nothing."""
        if not perms.is_establishment_staff(user):
            return self.none()
        return self.visible_to(user).filter(state=S.AWAITING_VALIDATION)

    def with_banner(self):
        """What a list row shows (banner), in a fixed number of queries."""
        return self.select_related("candidate__user", "company", "offer")


class Application(models.Model):
    reference = models.CharField("référence", max_length=12, unique=True, default=new_reference)
    candidate = models.ForeignKey(
        "core.Candidate",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name="candidat",
    )
    kind = models.CharField("type", max_length=20, choices=ApplicationKind.choices)
    offer = models.ForeignKey(
        "core.JobOffer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="offre",
    )
    company = models.ForeignKey(
        "core.Company",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name="employeur",
    )
    message = models.TextField("message pour l'employeur")
    cv = models.ForeignKey(
        "core.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="CV",
    )
    cover_letter = models.ForeignKey(
        "core.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="lettre de motivation",
    )
    help_requested = models.BooleanField("aide du référent demandée", default=False)
    state = models.CharField(
        "état", max_length=30, choices=ApplicationState.choices, editable=False
    )
    submitted_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField("déposée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True, editable=False)
    validated_at = models.DateTimeField("validée le", null=True, blank=True, editable=False)
    validated_by = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="validée par",
    )
    in_review_at = models.DateTimeField("prise en charge le", null=True, blank=True, editable=False)
    decided_at = models.DateTimeField("décision le", null=True, blank=True, editable=False)
    decision_reason = models.TextField("motif communiqué", blank=True, editable=False)
    withdrawn_at = models.DateTimeField("retirée le", null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "candidature"
        verbose_name_plural = "candidatures"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="application_offer_matches_kind",
                condition=Q(kind=ApplicationKind.OFFER, offer__isnull=False)
                | Q(kind=ApplicationKind.SPONTANEOUS, offer__isnull=True),
            ),
            models.CheckConstraint(
                name="application_sent_has_date",
                condition=Q(state=S.AWAITING_VALIDATION)
                | Q(state=S.WITHDRAWN)
                | Q(sent_at__isnull=False),
            ),
            models.CheckConstraint(
                name="application_decided_has_date",
                condition=~Q(state__in=[S.RETAINED, S.REJECTED]) | Q(decided_at__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-created_at"]),
            models.Index(fields=["company", "state"]),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    @property
    def title(self):
        """The banner's first part: type and title."""
        if self.kind == ApplicationKind.OFFER and self.offer_id:
            return f"Candidature à l'offre {self.offer.reference} - {self.offer.title}"
        return f"Candidature spontanée - {self.company.name}"

    @property
    def banner_date(self):
        """The date shown on the banner: when it was sent, else when it was submitted."""
        return self.sent_at or self.created_at


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Follow-up messages: the candidate and staff in scope; never an employer."""
        from core.models import SponsorshipRequest

        if perms.is_employer(user) or not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(application__in=Application.objects.visible_to(user))
            | Q(sponsorship__in=SponsorshipRequest.objects.visible_to(user))
        )

    def about(self, subject):
        """The thread of an application or of a sponsorship request, oldest first."""
        field = "application" if isinstance(subject, Application) else "sponsorship"
        return self.filter(**{field: subject}).select_related("author")


class FollowUpMessage(models.Model):
    """A "message de suivi": candidate ↔ référents, never the employer."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followups",
    )
    sponsorship = models.ForeignKey(
        "core.SponsorshipRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followups",
    )
    author = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    body = models.TextField("message")
    created_at = models.DateTimeField("envoyé le", auto_now_add=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = "message de suivi"
        verbose_name_plural = "messages de suivi"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="followup_has_exactly_one_subject",
                condition=Q(application__isnull=False, sponsorship__isnull=True)
                | Q(application__isnull=True, sponsorship__isnull=False),
            )
        ]

    def __str__(self):
        return f"Message de {self.author} le {self.created_at:%d/%m/%Y}"


class PrivateNoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Its author, the establishment's chargés de mission, the admin. Never the candidate
        or the employer."""
        if perms.is_admin(user):
            return self
        if perms.is_charge_de_mission(user):
            return self.filter(application__candidate__user__establishment_id=user.establishment_id)
        if perms.is_referent(user):
            return self.filter(
                author=user,
                application__candidate__user__establishment_id=user.establishment_id,
            )
        return self.none()


class PrivateNote(models.Model):
    """A "note privée" on an application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="private_notes"
    )
    author = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    body = models.TextField("note")
    created_at = models.DateTimeField("écrite le", auto_now_add=True)

    objects = PrivateNoteQuerySet.as_manager()

    class Meta:
        verbose_name = "note privée"
        verbose_name_plural = "notes privées"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note de {self.author} le {self.created_at:%d/%m/%Y}"
