"""Applications (candidatures): submission, validation, employer progress, withdrawal.

States and transitions are declared once, in TRANSITIONS. Only this module writes a state.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from core.enums import ApplicationKind, DocumentKind, EventKind, OfferState
from core.enums import ApplicationState as S
from core.models import Application, FollowUpMessage, PrivateNote, User
from core.models.documents import USABLE_AS
from workflows import machine
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
            label="Validée par le référent — envoyée au recruteur",
            sources=(S.AWAITING_VALIDATION,),
            target=S.SENT,
            permission="core.validate_application",
            event=EventKind.APPLICATION_SENT,
            timestamps=("sent_at", "validated_at"),
        ),
        Transition(
            name="take_in_charge",
            label="Prise en charge par le recruteur",
            sources=(S.SENT,),
            target=S.IN_REVIEW,
            permission="core.record_application_progress",
            event=EventKind.APPLICATION_IN_REVIEW,
            timestamps=("in_review_at",),
        ),
        Transition(
            name="retain",
            label="Candidature retenue",
            sources=(S.SENT, S.IN_REVIEW),
            target=S.RETAINED,
            permission="core.record_application_progress",
            event=EventKind.APPLICATION_RETAINED,
            timestamps=("decided_at",),
        ),
        Transition(
            name="reject",
            label="Candidature non retenue",
            sources=(S.SENT, S.IN_REVIEW),
            target=S.REJECTED,
            permission="core.record_application_progress",
            event=EventKind.APPLICATION_REJECTED,
            timestamps=("decided_at",),
        ),
        Transition(
            name="withdraw",
            label="Retirée par le candidat",
            sources=(S.AWAITING_VALIDATION, S.SENT, S.IN_REVIEW),
            target=S.WITHDRAWN,
            permission="core.withdraw_application",
            event=EventKind.APPLICATION_WITHDRAWN,
            timestamps=("withdrawn_at",),
        ),
    )
}
EDITABLE_STATES = (S.AWAITING_VALIDATION,)


def can(verb, application, user):
    """True when ``user`` may run ``verb`` on ``application`` now (shows or hides a button)."""
    if verb == "edit":
        return application.state in EDITABLE_STATES and user.has_perm(
            "core.change_application", application
        )
    if verb == "delete":
        return user.has_perm("core.delete_application", application)
    return MACHINE.can(verb, application, user)


def needs_validation(candidate, help_requested):
    """The autonomy rule: a non-autonomous candidate's application, or one asking for help,
    waits for the référent; an autonomous candidate's goes straight to the employer."""
    return help_requested or not candidate.is_autonomous


def check_documents(candidate, cv, cover_letter):
    """The CV and the cover letter must be documents of this candidate, of the right kind."""
    for document, kind, label, field in (
        (cv, DocumentKind.CV, "Le CV", "cv"),
        (cover_letter, DocumentKind.COVER_LETTER, "La lettre de motivation", "cover_letter"),
    ):
        if document is None:
            raise WorkflowError(f"{label} est obligatoire.", field=field)
        if document.candidate_id != candidate.pk:
            raise WorkflowError(f"{label} doit être un document du candidat.", field=field)
        if document.kind not in USABLE_AS[kind]:
            raise WorkflowError(f"{label} choisi n'est pas un document de ce type.", field=field)


def check_message(message):
    """The message for the employer may not be empty."""
    if not (message or "").strip():
        raise WorkflowError("Le message pour l'employeur est obligatoire.", field="message")


def resolve_target(offer, company):
    """(kind, company) of an application to ``offer``, or spontaneous to ``company``."""
    if offer is not None:
        if offer.state != OfferState.PUBLISHED:
            raise WorkflowError("Cette offre n'est plus ouverte aux candidatures.", field="offer")
        kind, company = ApplicationKind.OFFER, offer.company
    elif company is not None:
        kind = ApplicationKind.SPONTANEOUS
    else:
        raise WorkflowError("Choisissez une offre ou une entreprise.", field="offer")
    if not company.is_active:
        raise WorkflowError("Cette entreprise n'est plus partenaire.", field="company")
    return kind, company


def can_apply(user, candidate, offer=None, company=None):
    """True when ``user`` may submit an application of ``candidate`` to this offer/company now
    (shows the "Postuler" button)."""
    if not user.has_perm("core.submit_application", candidate):
        return False
    try:
        resolve_target(offer, company)
    except WorkflowError:
        return False
    return True


@transaction.atomic
def submit(
    *, user, candidate, message, cv, cover_letter, offer=None, company=None, help_requested=False
):
    """Create an application (the candidate, or staff on their behalf) and route it: to the
    référent's validation or straight to the employer."""
    if not user.has_perm("core.submit_application", candidate):
        raise PermissionDenied
    if not candidate.user.is_active:
        raise WorkflowError("Ce candidat est désactivé.")
    check_message(message)
    check_documents(candidate, cv, cover_letter)
    kind, company = resolve_target(offer, company)

    waits = needs_validation(candidate, help_requested)
    now = timezone.now()
    application = Application(
        candidate=candidate,
        kind=kind,
        offer=offer,
        company=company,
        message=message.strip(),
        cv=cv,
        cover_letter=cover_letter,
        help_requested=help_requested,
        submitted_by=user,
        state=S.AWAITING_VALIDATION if waits else S.SENT,
        sent_at=None if waits else now,
    )
    application._history_user = user
    application._change_reason = (
        ("Aide du référent demandée" if help_requested else "En attente de validation")
        if waits
        else "Envoyée directement (candidat autonome)"
    )
    application.save()
    touch_activity(candidate)
    who = candidate.user.full_name
    emit(
        EventKind.APPLICATION_SUBMITTED,
        actor=user,
        application=application,
        summary=f"{who} : {application.title}",
    )
    if waits:
        emit(
            EventKind.APPLICATION_AWAITING,
            actor=user,
            application=application,
            summary=f"{who} : candidature en attente de validation"
            + (" (aide demandée)" if help_requested else ""),
        )
        _notify_referents_awaiting(application)
    else:
        _notify_employer(application)
    return application


@transaction.atomic
def edit(application, *, user, message, cv, cover_letter, reason="Candidature modifiée"):
    """Edit the message, CV or cover letter of an application awaiting validation."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not user.has_perm("core.change_application", application):
        raise PermissionDenied
    if application.state not in EDITABLE_STATES:
        raise WorkflowError(
            "Cette candidature a déjà été envoyée : elle ne peut plus être modifiée."
        )
    check_message(message)
    check_documents(application.candidate, cv, cover_letter)
    application.message = message.strip()
    application.cv = cv
    application.cover_letter = cover_letter
    application._history_user = user
    application._change_reason = reason
    application.save()
    emit(
        EventKind.APPLICATION_EDITED,
        actor=user,
        application=application,
        summary=f"{user} a modifié la candidature de {application.candidate.user.full_name}",
    )
    return application


MACHINE = machine.Machine(
    model=Application,
    subject="application",
    transitions=TRANSITIONS,
    already_validated="Cette candidature a déjà été validée.",
    noun="la candidature",
    summary=lambda a, t: f"{a.candidate.user.full_name} : {t.label.lower()} ({a.title})",
)
_transition = MACHINE.fire


def validate(application, *, user, reason=""):
    """Référent or chargé de mission: awaiting_validation → sent; the employer is notified."""

    def apply(a):
        a.validated_by = user

    return _transition(
        "validate", application, user=user, reason=reason, apply=apply, after=_notify_employer
    )


def take_in_charge(application, *, user, reason=""):
    """Employer: sent → in_review."""
    return _transition("take_in_charge", application, user=user, reason=reason)


def retain(application, *, user, reason=""):
    """Employer: sent or in_review → retained; the optional reason is shared with the référent."""

    def apply(a):
        a.decision_reason = reason.strip()

    return _transition("retain", application, user=user, reason=reason, apply=apply)


def reject(application, *, user, reason=""):
    """Employer: sent or in_review → rejected; the optional reason is shared with the référent."""

    def apply(a):
        a.decision_reason = reason.strip()

    return _transition("reject", application, user=user, reason=reason, apply=apply)


def withdraw(application, *, user, reason=""):
    """Candidate: withdraw before a decision."""
    return _transition("withdraw", application, user=user, reason=reason)


def validate_many(applications, *, user):
    """Validate each application; return (validated, [(application, French reason), ...])."""
    done, failed = [], []
    for application in applications:
        try:
            done.append(validate(application, user=user))
        except PermissionDenied:
            failed.append((application, "vous ne pouvez pas valider cette candidature"))
        except WorkflowError as error:
            failed.append((application, error.message))
    return done, failed


@transaction.atomic
def delete(application, *, user, reason="Candidature supprimée"):
    """Staff in scope delete an application; its history stays (with author and reason)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not user.has_perm("core.delete_application", application):
        raise PermissionDenied
    emit(
        EventKind.APPLICATION_DELETED,
        actor=user,
        candidate=application.candidate,
        summary=f"{user} a supprimé : {application.title}",
    )
    application._history_user = user
    application._change_reason = reason
    application.delete()


@transaction.atomic
def post_followup(subject, *, user, body):
    """Post a follow-up message (message de suivi) on an application or sponsorship request.
    Between the candidate and the staff who follow them; never shown to the employer."""
    from core.models import SponsorshipRequest

    if not user.has_perm("core.post_followup", subject):
        raise PermissionDenied
    if not (body or "").strip():
        raise WorkflowError("Le message de suivi est vide.", field="body")
    is_application = isinstance(subject, Application)
    message = FollowUpMessage.objects.create(
        application=subject if is_application else None,
        sponsorship=subject if isinstance(subject, SponsorshipRequest) else None,
        author=user,
        body=body.strip(),
    )
    if user.pk == subject.candidate.user_id:
        touch_activity(subject.candidate)
    emit(
        EventKind.FOLLOWUP_POSTED,
        actor=user,
        application=subject if is_application else None,
        sponsorship=None if is_application else subject,
        summary=f"Message de suivi de {user} ({subject.title})",
    )
    return message


@transaction.atomic
def add_private_note(application, *, user, body):
    """Add a private note: read by its author, the chargés de mission and the admin only."""
    if not user.has_perm("core.add_private_note", application):
        raise PermissionDenied
    if not (body or "").strip():
        raise WorkflowError("La note privée est vide.", field="note")
    return PrivateNote.objects.create(application=application, author=user, body=body.strip())


def _notify_employer(application):
    for recruiter in User.objects.recruiters_of(application.company_id):
        queue_email(
            to=recruiter.email,
            template="application_received",
            context={"application": application, "recipient": recruiter},
        )


def _notify_referents_awaiting(application):
    for referent in application.candidate.referents.filter(is_active=True):
        queue_email(
            to=referent.email,
            template="application_awaiting",
            context={"application": application, "recipient": referent},
        )
