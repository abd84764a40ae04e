"""Job offers: save, publish, close, duplicate, and the daily closing of expired offers."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from core.enums import OfferState
from core.models import JobOffer
from workflows.errors import WorkflowError


def _check(user, perm, offer):
    if not user.has_perm(perm, offer):
        raise PermissionDenied


@transaction.atomic
def save_offer(offer, *, user, change):
    """Create or edit an offer (its state is left to publish/close)."""
    if change:
        _check(user, "core.change_joboffer", offer)
    else:
        _check(user, "core.add_joboffer", None)
        if not user.has_perm("core.change_joboffer", offer):
            raise PermissionDenied("Vous ne pouvez créer des offres que pour votre entreprise.")
        offer.state = OfferState.DRAFT
    offer._history_user = user
    offer.save()
    return offer


@transaction.atomic
def publish(offer, *, user):
    """Draft or closed → published (publication date set now if empty)."""
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    _check(user, "core.publish_joboffer", offer)
    if offer.state == OfferState.PUBLISHED:
        raise WorkflowError("Cette offre est déjà publiée.")
    now = timezone.now()
    if offer.expires_at and offer.expires_at <= now:
        raise WorkflowError("La date d'expiration est passée : modifiez-la avant de publier.")
    offer.state = OfferState.PUBLISHED
    offer.published_at = now
    offer._history_user = user
    offer._change_reason = "Offre publiée"
    offer.save()
    return offer


@transaction.atomic
def close(offer, *, user, reason="Offre clôturée"):
    """Published or draft → closed."""
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    _check(user, "core.publish_joboffer", offer)
    if offer.state == OfferState.CLOSED:
        raise WorkflowError("Cette offre est déjà clôturée.")
    offer.state = OfferState.CLOSED
    offer._history_user = user
    offer._change_reason = reason
    offer.save()
    return offer


@transaction.atomic
def duplicate(offer, *, user):
    """A draft copy of the offer, with a new unique reference."""
    _check(user, "core.publish_joboffer", offer)
    base = f"{offer.reference}-copie"[:45]
    reference, n = base, 1
    while JobOffer.objects.filter(company=offer.company, reference=reference).exists():
        n += 1
        reference = f"{base}-{n}"
    copy = JobOffer.objects.get(pk=offer.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.reference = reference
    copy.state = OfferState.DRAFT
    copy.published_at = None
    copy._history_user = user
    copy._change_reason = f"Copie de l'offre {offer.reference}"
    copy.save()
    return copy


def close_expired(now=None):
    """Close every published offer whose expiry date has passed; returns how many."""
    count = 0
    for offer in JobOffer.objects.expired(now):
        with transaction.atomic():
            offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
            if offer.state != OfferState.PUBLISHED:
                continue
            offer.state = OfferState.CLOSED
            offer._change_reason = "Offre expirée (clôture automatique)"
            offer.save()
            count += 1
    return count


@task()
def close_expired_offers():
    """Daily task: close expired offers."""
    return close_expired()
