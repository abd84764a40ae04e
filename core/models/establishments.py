"""Establishments: schools, universities, académies."""

from django.db import models
from simple_history.models import HistoricalRecords

from core import rules as perms
from core.departments import DEPARTMENTS
from core.enums import EstablishmentKind


class EstablishmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The admin sees every establishment; anyone else only their own."""
        if perms.is_admin(user):
            return self
        if user.is_authenticated and user.establishment_id:
            return self.filter(pk=user.establishment_id)
        return self.none()


class Establishment(models.Model):
    name = models.CharField("nom", max_length=200, unique=True)
    kind = models.CharField(
        "type", max_length=20, choices=EstablishmentKind.choices, default=EstablishmentKind.OTHER
    )
    department = models.CharField("département", max_length=3, choices=DEPARTMENTS)
    city = models.CharField("ville", max_length=120, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    history = HistoricalRecords()
    objects = EstablishmentQuerySet.as_manager()

    class Meta:
        verbose_name = "établissement"
        verbose_name_plural = "établissements"
        ordering = ["name"]

    def __str__(self):
        return self.name
