"""Outgoing email: queued in the outbox inside the caller's transaction, sent by the task
worker after commit, retried with back-off, never sent twice."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from core.enums import EmailStatus
from core.models import OutboundEmail

logger = logging.getLogger(__name__)


def queue_email(*, to, template, context):
    """Render ``emails/<template>.{subject,txt,html}`` and send it after the commit."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{template}.subject.txt", context).split())
    email = OutboundEmail.objects.create(
        to=to,
        subject=subject,
        body_text=render_to_string(f"emails/{template}.txt", context),
        body_html=render_to_string(f"emails/{template}.html", context),
    )
    # After commit: an email about a row that was rolled back must never leave.
    transaction.on_commit(lambda: send_outbound_email.enqueue(email.pk))
    return email


def queue_emails(messages):
    """Queue many emails at once: (to, template, context) triples; one task sends them all."""
    rows = []
    for to, template, context in messages:
        context = {"site_url": settings.SITE_URL, **context}
        rows.append(
            OutboundEmail(
                to=to,
                subject=" ".join(
                    render_to_string(f"emails/{template}.subject.txt", context).split()
                ),
                body_text=render_to_string(f"emails/{template}.txt", context),
                body_html=render_to_string(f"emails/{template}.html", context),
            )
        )
    created = OutboundEmail.objects.bulk_create(rows, batch_size=500)
    ids = [email.pk for email in created]
    if ids:
        transaction.on_commit(lambda: send_outbound_emails.enqueue(ids))
    return created


@task()
def send_outbound_emails(email_ids):
    """Task: send a batch of outbox rows (each one on its own, see deliver)."""
    return sum(bool(deliver(email_id)) for email_id in email_ids)


@task()
def send_outbound_email(email_id):
    """Task: send one outbox row (see deliver)."""
    return deliver(email_id)


def deliver(email_id):
    """Send a pending outbox row once. On failure count the attempt and retry later."""
    with transaction.atomic():
        # The row lock keeps two workers from sending the same email.
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != EmailStatus.PENDING:
            return False
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any provider error is retried
            logger.warning("Email %s failed (attempt %s): %s", email.pk, email.attempts, error)
            email.last_error = str(error)[:2000]
            if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
                email.status = EmailStatus.FAILED
            email.save(update_fields=["attempts", "last_error", "status"])
            if email.status == EmailStatus.PENDING:
                _schedule_retry(email)
            return False
        email.status = EmailStatus.SENT
        email.sent_at = timezone.now()
        status = getattr(message, "anymail_status", None)
        email.message_id = (status.message_id if status else "") or ""
        email.save(update_fields=["attempts", "status", "sent_at", "message_id", "last_error"])
        return True


def _schedule_retry(email):
    backend = send_outbound_email.get_backend()
    if not backend.supports_defer:
        # Immediate backend (development): `manage.py send_pending_emails` retries.
        return
    delay = timedelta(minutes=2**email.attempts)
    transaction.on_commit(
        lambda: send_outbound_email.using(run_after=timezone.now() + delay).enqueue(email.pk)
    )


def retry_pending():
    """Try again every pending email (used by the send_pending_emails command)."""
    sent = 0
    for email_id in OutboundEmail.objects.filter(status=EmailStatus.PENDING).values_list(
        "pk", flat=True
    ):
        sent += bool(deliver(email_id))
    return sent


def record_tracking(sender, event, esp_name, **kwargs):
    """Anymail webhook: remember the provider's last word (delivered, bounced...) on the row."""
    if not event.message_id:
        return
    OutboundEmail.objects.filter(message_id=event.message_id).update(
        tracking_event=str(event.event_type)[:40]
    )
