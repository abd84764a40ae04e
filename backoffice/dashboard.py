"""Dashboards ("Tableau de bord"): counters first, then the latest actions — in a fixed number
of queries whatever the volume."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from core.enums import ApplicationState, SponsorshipState
from core.models import Application, Candidate, Event, SponsorshipRequest, User

S = ApplicationState
FEED_SIZE = 20


def _month_start():
    now = timezone.localtime()
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def staff_dashboard(request, context):
    """Counters (awaiting my validation first) and the latest actions of my candidates."""
    user = request.user
    applications = Application.objects.visible_to(user)
    month = _month_start()
    awaiting_mine = Application.objects.awaiting_validation_by(user)
    counts = applications.aggregate(
        sent_month=Count("pk", filter=Q(sent_at__gte=month)),
        retained=Count("pk", filter=Q(state=S.RETAINED)),
    )
    site = "backoffice"
    app_list = reverse(f"{site}:core_application_changelist")
    counters = [
        {
            "label": "Candidatures en attente de ma validation",
            "value": awaiting_mine.count(),
            "url": f"{app_list}?a_valider=moi",
            "highlight": True,
        },
        {
            "label": "Candidatures envoyées ce mois-ci",
            "value": counts["sent_month"],
            "url": f"{app_list}?sent_at_from={month:%d/%m/%Y}",
        },
        {
            "label": "Candidatures retenues",
            "value": counts["retained"],
            "url": f"{app_list}?state__exact=retained",
        },
        {
            "label": "Parrainages à valider",
            "value": SponsorshipRequest.objects.visible_to(user)
            .filter(state=SponsorshipState.AWAITING_VALIDATION)
            .count(),
            "url": reverse(f"{site}:core_sponsorshiprequest_changelist")
            + "?state__exact=awaiting_validation",
        },
    ]
    per_referent = _per_referent(user, month) if user.has_perm("core.view_referent_stats") else []
    events = (
        Event.objects.visible_to(user)
        .select_related("application", "sponsorship")
        .order_by("-created_at", "-pk")
        .distinct()[:FEED_SIZE]
    )
    feed = []
    for event in events:
        link = None
        if event.application_id:
            link = reverse(f"{site}:core_application_change", args=[event.application_id])
        elif event.sponsorship_id:
            link = reverse(f"{site}:core_sponsorshiprequest_change", args=[event.sponsorship_id])
        elif event.candidate_id:
            link = reverse(f"{site}:core_candidate_dossier", args=[event.candidate_id])
        feed.append({"created_at": event.created_at, "summary": event.summary, "link": link})
    context.update(
        {
            "counters": counters,
            "per_referent": per_referent,
            "feed": feed,
            "feed_title": "Dernières actions de mes candidats",
        }
    )
    return context


def _per_referent(user, month):
    referents = (
        User.objects.referents_of(user.establishment_id)
        .annotate(
            candidates=Count("cohort", distinct=True),
            awaiting=Count(
                "cohort__applications",
                filter=Q(cohort__applications__state=S.AWAITING_VALIDATION),
                distinct=True,
            ),
            sent_month=Count(
                "cohort__applications",
                filter=Q(cohort__applications__sent_at__gte=month),
                distinct=True,
            ),
            retained=Count(
                "cohort__applications",
                filter=Q(cohort__applications__state=S.RETAINED),
                distinct=True,
            ),
        )
        .order_by("last_name")
    )
    return [
        {
            "name": r.full_name,
            "candidates": r.candidates,
            "awaiting": r.awaiting,
            "sent_month": r.sent_month,
            "retained": r.retained,
        }
        for r in referents
    ]


def employer_dashboard(request, context):
    """Received applications to handle, sponsorship requests to answer."""
    user = request.user
    site = "employer"
    received = Application.objects.visible_to(user)
    counts = received.aggregate(
        new=Count("pk", filter=Q(state=S.SENT)),
        in_review=Count("pk", filter=Q(state=S.IN_REVIEW)),
        retained=Count("pk", filter=Q(state=S.RETAINED)),
    )
    app_list = reverse(f"{site}:core_application_changelist")
    counters = [
        {
            "label": "Nouvelles candidatures à prendre en charge",
            "value": counts["new"],
            "url": f"{app_list}?state__exact=sent",
            "highlight": True,
        },
        {
            "label": "Candidatures prises en charge",
            "value": counts["in_review"],
            "url": f"{app_list}?state__exact=in_review",
        },
        {
            "label": "Candidatures retenues",
            "value": counts["retained"],
            "url": f"{app_list}?state__exact=retained",
        },
        {
            "label": "Demandes de parrainage à traiter",
            "value": SponsorshipRequest.objects.visible_to(user)
            .filter(state=SponsorshipState.SENT)
            .count(),
            "url": reverse(f"{site}:core_sponsorshiprequest_changelist") + "?state__exact=sent",
        },
    ]
    latest = received.with_banner().order_by("-sent_at")[:FEED_SIZE]
    feed = [
        {
            "created_at": a.sent_at,
            "summary": f"{a.candidate.user.full_name} — {a.title} ({a.get_state_display()})",
            "link": reverse(f"{site}:core_application_change", args=[a.pk]),
        }
        for a in latest
    ]
    context.update(
        {"counters": counters, "feed": feed, "feed_title": "Dernières candidatures reçues"}
    )
    return context


__all__ = ["staff_dashboard", "employer_dashboard", "Candidate"]
