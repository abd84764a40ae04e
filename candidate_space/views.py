"""The candidate space: accessible pages of our own (not the admin)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from core.models import Application, Candidate, SponsorshipRequest


def candidate_required(view):
    """Only candidates; anyone else gets 404 (the space's existence is not their business)."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("candidate_space.access"):
            raise Http404
        request.candidate = (
            Candidate.objects.visible_to(request.user).select_related("user").first()
        )
        if request.candidate is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@candidate_required
def home(request):
    user = request.user
    applications = Application.objects.visible_to(user).with_banner()
    sponsorships = SponsorshipRequest.objects.visible_to(user).select_related("company")
    return render(
        request,
        "candidate_space/home.html",
        {
            "title": "Mon espace",
            "candidate": request.candidate,
            "applications": applications,
            "sponsorships": sponsorships,
        },
    )
