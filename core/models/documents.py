"""Candidates' documents (CV, cover letters, others), kept in private storage."""

import uuid
from pathlib import PurePath

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.enums import DocumentKind


def document_path(instance, filename):
    # A random name: the stored path reveals neither the candidate nor the original name.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"documents/{uuid.uuid4().hex}{suffix}"


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


# An application's CV or cover letter: a document of that kind, or one filed as "other".
USABLE_AS = {
    DocumentKind.CV: (DocumentKind.CV, DocumentKind.OTHER),
    DocumentKind.COVER_LETTER: (DocumentKind.COVER_LETTER, DocumentKind.OTHER),
}


class DocumentQuerySet(models.QuerySet):
    def usable_as(self, kind):
        """Documents that may be sent as a CV (kind="cv") or a cover letter."""
        return self.filter(kind__in=USABLE_AS[kind])

    def visible_to(self, user):
        """Documents of the candidates whose dossier the user may read."""
        from core.models import Candidate

        return self.filter(candidate__in=Candidate.objects.visible_to(user))


class Document(models.Model):
    candidate = models.ForeignKey(
        "core.Candidate",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name="candidat",
    )
    kind = models.CharField("type", max_length=20, choices=DocumentKind.choices)
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to=document_path, storage=_private_storage)
    original_name = models.CharField("nom du fichier", max_length=255, blank=True)
    content_type = models.CharField("type de contenu", max_length=100, blank=True)
    size = models.PositiveIntegerField("taille (octets)", default=0)
    uploaded_by = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="déposé par",
    )
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    history = HistoricalRecords()
    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documents"
        ordering = ["-uploaded_at", "pk"]
        indexes = [models.Index(fields=["candidate", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.title}"

    def get_download_url(self):
        """The permission-checked download URL (there is no public one)."""
        return reverse("document_download", args=[self.pk])
