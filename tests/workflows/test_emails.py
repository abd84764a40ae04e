"""The outbox: sent after commit, never twice, retried, then given up."""

import pytest
from django.core import mail

from core.enums import EmailStatus
from core.models import OutboundEmail
from workflows.emails import deliver, queue_email

pytestmark = pytest.mark.django_db


def test_email_leaves_only_after_commit(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_email(
            to="x@example.test",
            template="invitation",
            context={"account": world.ref_a1, "link": "http://l", "role": "Référent"},
        )
    assert mailoutbox == []
    callbacks[0]()
    assert len(mailoutbox) == 1
    assert OutboundEmail.objects.get().status == EmailStatus.SENT


def test_email_is_never_sent_twice(world, mailoutbox):
    email = queue_email(
        to="x@example.test",
        template="invitation",
        context={"account": world.ref_a1, "link": "http://l", "role": "R"},
    )
    assert deliver(email.pk) is True
    assert deliver(email.pk) is False
    assert len(mailoutbox) == 1


def test_failures_are_retried_then_given_up(world, monkeypatch, settings):
    email = queue_email(
        to="x@example.test",
        template="invitation",
        context={"account": world.ref_a1, "link": "http://l", "role": "R"},
    )

    def boom(self, *args, **kwargs):
        raise ConnectionError("fournisseur injoignable")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", boom)
    for _ in range(settings.EMAIL_MAX_ATTEMPTS - 1):
        deliver(email.pk)
        email.refresh_from_db()
        assert email.status == EmailStatus.PENDING
    deliver(email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert "injoignable" in email.last_error
    assert email.attempts == settings.EMAIL_MAX_ATTEMPTS


def test_provider_tracking_events_are_recorded_on_the_outbox_row(world):
    from anymail.signals import AnymailTrackingEvent, tracking

    email = queue_email(
        to="x@example.test",
        template="invitation",
        context={"account": world.ref_a1, "link": "http://l", "role": "R"},
    )
    email.message_id = "<abc@provider>"
    email.save()
    event = AnymailTrackingEvent(
        event_type="bounced", message_id="<abc@provider>", recipient="x@example.test"
    )
    tracking.send(sender=object, event=event, esp_name="Brevo")
    email.refresh_from_db()
    assert email.tracking_event == "bounced"


def test_send_pending_emails_retries_what_failed(world, monkeypatch, mailoutbox):
    from django.core.management import call_command

    email = queue_email(
        to="x@example.test",
        template="invitation",
        context={"account": world.ref_a1, "link": "http://l", "role": "R"},
    )

    def boom(self, *args, **kwargs):
        raise ConnectionError("panne")

    with monkeypatch.context() as patch:
        patch.setattr(mail.EmailMultiAlternatives, "send", boom)
        deliver(email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING and email.attempts == 1
    call_command("send_pending_emails")
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [m.to for m in mailoutbox] == [["x@example.test"]]
