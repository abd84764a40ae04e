"""Events: what happened, to whom, by whom. The dashboard feed reads them; notifications
and alerts will be derived from them."""

from django.db import models
from django.db.models import Q

from core import rules as perms
from core.enums import EventKind


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Events about candidates the user follows; employers and candidates see none here."""
        if perms.is_admin(user):
            return self
        if perms.is_charge_de_mission(user):
            return self.filter(establishment_id=user.establishment_id)
        if perms.is_referent(user):
            # Their cohort's events, and the establishment-wide ones they caused (imports).
            return self.filter(establishment_id=user.establishment_id).filter(
                Q(candidate__referents=user) | Q(candidate__isnull=True, actor=user)
            )
        return self.none()


class Event(models.Model):
    kind = models.CharField("type", max_length=40, choices=EventKind.choices)
    actor = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="auteur"
    )
    establishment = models.ForeignKey(
        "core.Establishment", on_delete=models.CASCADE, null=True, related_name="+"
    )
    candidate = models.ForeignKey(
        "core.Candidate", on_delete=models.CASCADE, null=True, related_name="events"
    )
    application = models.ForeignKey(
        "core.Application", on_delete=models.SET_NULL, null=True, related_name="events"
    )
    sponsorship = models.ForeignKey(
        "core.SponsorshipRequest", on_delete=models.SET_NULL, null=True, related_name="events"
    )
    summary = models.CharField("résumé", max_length=300)
    created_at = models.DateTimeField("le", auto_now_add=True, db_index=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["establishment", "-created_at"])]

    def __str__(self):
        return self.summary
