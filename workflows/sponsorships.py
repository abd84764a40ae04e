"""Sponsorship (parrainage) requests: submission, validation by the référent, the company's
answer, withdrawal. Same guarantees as applications (see workflows/machine.py)."""

from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from core.enums import EventKind
from core.enums import SponsorshipState as SP
from core.models import SponsorshipRequest, User
from workflows import machine
from workflows.applications import needs_validation
from workflows.candidates import touch_activity
from workflows.emails import queue_email
from workflows.errors import WorkflowError
from workflows.events import emit
from workflows.machine import Transition

TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            name="validate",
            label="Demande de parrainage validée par le référent",
            sources=(SP.AWAITING_VALIDATION,),
            target=SP.SENT,
            permission="core.validate_sponsorship",
            event=EventKind.SPONSORSHIP_SENT,
            timestamps=("sent_at",),
        ),
        Transition(
            name="accept",
            label="Parrainage accepté",
            sources=(SP.SENT,),
            target=SP.ACCEPTED,
            permission="core.answer_sponsorship",
            event=EventKind.SPONSORSHIP_ACCEPTED,
            timestamps=("answered_at",),
        ),
        Transition(
            name="decline",
            label="Parrainage décliné",
            sources=(SP.SENT,),
            target=SP.DECLINED,
            permission="core.answer_sponsorship",
            event=EventKind.SPONSORSHIP_DECLINED,
            timestamps=("answered_at",),
        ),
        Transition(
            name="withdraw",
            label="Demande retirée par le candidat",
            sources=(SP.AWAITING_VALIDATION, SP.SENT),
            target=SP.WITHDRAWN,
            permission="core.withdraw_sponsorship",
            event=EventKind.SPONSORSHIP_WITHDRAWN,
            timestamps=("withdrawn_at",),
        ),
    )
}
EDITABLE_STATES = (SP.AWAITING_VALIDATION,)


def can(verb, sponsorship, user):
    """True when ``user`` may run ``verb`` on ``sponsorship`` now."""
    if verb == "edit":
        return sponsorship.state in EDITABLE_STATES and user.has_perm(
            "core.change_sponsorshiprequest", sponsorship
        )
    if verb == "delete":
        return user.has_perm("core.delete_sponsorshiprequest", sponsorship)
    return MACHINE.can(verb, sponsorship, user)


def _check_message(message):
    if not (message or "").strip():
        raise WorkflowError("Le message pour l'entreprise est obligatoire.", field="message")


@transaction.atomic
def submit(*, user, candidate, company, message, help_requested=False):
    """Ask a company for a sponsor; waits for the référent unless the candidate is autonomous
    and asks for no help."""
    if not user.has_perm("core.submit_sponsorship", candidate):
        raise PermissionDenied
    _check_message(message)
    if not company.is_active:
        raise WorkflowError("Cette entreprise n'est plus partenaire.", field="company")
    waits = needs_validation(candidate, help_requested)
    request = SponsorshipRequest(
        candidate=candidate,
        company=company,
        message=message.strip(),
        help_requested=help_requested,
        state=SP.AWAITING_VALIDATION if waits else SP.SENT,
        sent_at=None if waits else timezone.now(),
    )
    request._history_user = user
    request._change_reason = "À valider par le référent" if waits else "Envoyée à l'entreprise"
    request.save()
    touch_activity(candidate)
    emit(
        EventKind.SPONSORSHIP_AWAITING if waits else EventKind.SPONSORSHIP_SENT,
        actor=user,
        sponsorship=request,
        summary=f"Demande de parrainage : {request.title}",
    )
    if not waits:
        _notify_company(request)
    return request


@transaction.atomic
def edit(sponsorship, *, user, message):
    """Edit the message of a request awaiting validation ("Parrainage édition")."""
    sponsorship = SponsorshipRequest.objects.select_for_update().get(pk=sponsorship.pk)
    if not user.has_perm("core.change_sponsorshiprequest", sponsorship):
        raise PermissionDenied
    if sponsorship.state not in EDITABLE_STATES:
        raise WorkflowError("Cette demande a déjà été envoyée : elle ne peut plus être modifiée.")
    _check_message(message)
    sponsorship.message = message.strip()
    sponsorship._history_user = user
    sponsorship._change_reason = "Demande de parrainage modifiée"
    sponsorship.save()
    return sponsorship


MACHINE = machine.Machine(
    model=SponsorshipRequest,
    subject="sponsorship",
    transitions=TRANSITIONS,
    already_validated="Cette demande de parrainage a déjà été validée.",
    noun="la demande",
    summary=lambda s, t: f"{t.label} : {s.title}",
)
_transition = MACHINE.fire


def validate(sponsorship, *, user, reason=""):
    """Référent or chargé de mission: awaiting_validation → sent to the company."""

    def apply(s):
        s.validated_by = user

    return _transition(
        "validate", sponsorship, user=user, reason=reason, apply=apply, after=_notify_company
    )


def accept(sponsorship, *, user, sponsor_name, sponsor_function="", sponsor_email=""):
    """Employer: accept and name the sponsor (name required, email checked)."""
    if not (sponsor_name or "").strip():
        raise WorkflowError("Indiquez le nom du parrain.", field="sponsor_name")
    if sponsor_email:
        try:
            validate_email(sponsor_email)
        except Exception as error:
            raise WorkflowError(
                "L'email du parrain n'est pas valide.", field="sponsor_email"
            ) from error

    def apply(s):
        s.sponsor_name = sponsor_name.strip()
        s.sponsor_function = (sponsor_function or "").strip()
        s.sponsor_email = (sponsor_email or "").strip()

    return _transition("accept", sponsorship, user=user, apply=apply)


def decline(sponsorship, *, user, reason=""):
    """Employer: decline, with an optional reason."""

    def apply(s):
        s.decline_reason = (reason or "").strip()

    return _transition("decline", sponsorship, user=user, reason=reason, apply=apply)


def withdraw(sponsorship, *, user, reason=""):
    """Candidate: withdraw the request before the company answers."""
    return _transition("withdraw", sponsorship, user=user, reason=reason)


@transaction.atomic
def delete(sponsorship, *, user, reason="Demande de parrainage supprimée"):
    """Staff in scope delete a request; its history stays."""
    sponsorship = SponsorshipRequest.objects.select_for_update().get(pk=sponsorship.pk)
    if not user.has_perm("core.delete_sponsorshiprequest", sponsorship):
        raise PermissionDenied
    emit(
        EventKind.SPONSORSHIP_DELETED,
        actor=user,
        candidate=sponsorship.candidate,
        summary=f"{user} a supprimé la demande de parrainage {sponsorship.title}",
    )
    sponsorship._history_user = user
    sponsorship._change_reason = reason
    sponsorship.delete()


def _notify_company(sponsorship):
    for recruiter in User.objects.recruiters_of(sponsorship.company_id):
        queue_email(
            to=recruiter.email,
            template="sponsorship_received",
            context={"sponsorship": sponsorship, "recipient": recruiter},
        )
