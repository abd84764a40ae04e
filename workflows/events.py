"""Events: the record of what happened, read by the dashboard feed."""

from core.models import Event


def emit(kind, *, actor, summary, candidate=None, application=None, sponsorship=None):
    """Record an event about a candidate (and its application or sponsorship request)."""
    if candidate is None:
        candidate = getattr(application, "candidate", None) or getattr(
            sponsorship, "candidate", None
        )
    establishment_id = candidate.user.establishment_id if candidate is not None else None
    return Event.objects.create(
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        establishment_id=establishment_id,
        candidate=candidate,
        application=application,
        sponsorship=sponsorship,
        summary=summary[:300],
    )
