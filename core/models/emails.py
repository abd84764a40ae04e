"""The email outbox: one row per email, so a send can be retried and is never doubled."""

from django.db import models

from core.enums import EmailStatus


class OutboundEmail(models.Model):
    to = models.EmailField("destinataire")
    subject = models.CharField("objet", max_length=250)
    body_text = models.TextField("texte")
    body_html = models.TextField("HTML", blank=True)
    status = models.CharField(
        "état", max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)
    message_id = models.CharField("identifiant fournisseur", max_length=250, blank=True)
    tracking_event = models.CharField("suivi", max_length=40, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "email"
        verbose_name_plural = "emails"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.subject} → {self.to}"
