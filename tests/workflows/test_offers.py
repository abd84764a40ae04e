"""Offer workflows: the daily closing of expired offers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.enums import OfferState
from tests.factories import JobOfferFactory
from workflows.offers import close_expired

pytestmark = pytest.mark.django_db


def test_expired_offers_close_themselves():
    now = timezone.now()
    expired = JobOfferFactory(
        published_at=now - timedelta(days=10), expires_at=now - timedelta(days=1)
    )
    current = JobOfferFactory(published_at=now, expires_at=now + timedelta(days=1))
    assert close_expired() == 1
    expired.refresh_from_db()
    current.refresh_from_db()
    assert expired.state == OfferState.CLOSED
    assert current.state == OfferState.PUBLISHED
    assert "expirée" in expired.history.first().history_change_reason
