"""Candidates: creation (form or import) with the account, the dossier and its référents."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.enums import EventKind, Role
from core.models import Candidate, User
from workflows.accounts import check_can_create, email_taken, invite
from workflows.errors import WorkflowError
from workflows.events import emit


def check_referents(referents, establishment):
    """Every référent must be an active référent or chargé de mission of the establishment."""
    allowed = set(User.objects.referents_of(establishment.pk).values_list("pk", flat=True))
    wrong = [r for r in referents if r.pk not in allowed]
    if wrong:
        raise WorkflowError(
            "Les référents doivent appartenir à l'établissement du candidat : "
            + ", ".join(str(r) for r in wrong),
            field="referents",
        )


@transaction.atomic
def create_candidate(*, user, account, dossier, referents, i_am_referent=False, invite_now=True):
    """Create a candidate account and dossier for ``user``'s establishment, then invite them.

    ``account`` is an unsaved User (names, email, phone, establishment); ``dossier`` an unsaved
    Candidate. A non-admin's establishment is forced to their own.
    """
    if not user.has_perm("core.add_candidate"):
        raise PermissionDenied
    account.role = Role.CANDIDATE
    if not user.has_perm("core.create_admin"):
        account.establishment = user.establishment
    if account.establishment is None:
        raise WorkflowError("L'établissement est obligatoire.", field="establishment")
    check_can_create(user, role=Role.CANDIDATE, establishment=account.establishment)
    referents = list(referents)
    if i_am_referent and user not in referents:
        referents.append(user)
    if not referents:
        raise WorkflowError("Indiquez au moins un référent établissement.", field="referents")
    check_referents(referents, account.establishment)
    if email_taken(account.email):
        raise WorkflowError("Un compte existe déjà avec cette adresse email.", field="email")

    account.email = User.objects.normalize_email(account.email)
    account.created_by = user
    account.set_unusable_password()
    account._history_user = user
    account._change_reason = "Création du candidat"
    account.save()
    dossier.user = account
    dossier.created_by = user
    dossier.full_clean(exclude=["user", "referents"])
    dossier._history_user = user
    dossier._change_reason = "Création du candidat"
    dossier.save()
    dossier.referents.set(referents)
    emit(
        EventKind.CANDIDATE_CREATED,
        actor=user,
        candidate=dossier,
        summary=f"{account.full_name} a été ajouté(e) par {user}",
    )
    if invite_now:
        invite(account)
    return dossier


@transaction.atomic
def update_referents(candidate, referents, *, user):
    """Replace the candidate's référents (all of the candidate's establishment)."""
    if not user.has_perm("core.change_candidate", candidate):
        raise PermissionDenied
    referents = list(referents)
    if not referents:
        raise WorkflowError("Indiquez au moins un référent établissement.", field="referents")
    check_referents(referents, candidate.user.establishment)
    candidate.referents.set(referents)


def touch_activity(candidate):
    """Remember the candidate's last activity (shown in "Mes candidats")."""
    from django.utils import timezone

    Candidate.objects.filter(pk=candidate.pk).update(last_activity_at=timezone.now())
