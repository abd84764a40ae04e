"""Events: the record of what happened, read by the dashboard feed."""

from core.models import Event


def emit(
    kind,
    *,
    actor,
    summary,
    candidate=None,
    application=None,
    sponsorship=None,
    establishment_id=None,
):
    """Record an event about a candidate (and its application or sponsorship request), or
    about an establishment as a whole (``establishment_id``, e.g. an import)."""
    if candidate is None:
        candidate = getattr(application, "candidate", None) or getattr(
            sponsorship, "candidate", None
        )
    if candidate is not None:
        establishment_id = candidate.user.establishment_id
    return Event.objects.create(
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        establishment_id=establishment_id,
        candidate=candidate,
        application=application,
        sponsorship=sponsorship,
        summary=summary[:300],
    )
