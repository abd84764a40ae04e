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


def establishment_for(user, chosen=None):
    """The establishment a new candidate joins: the admin's choice, anyone else's own."""
    if user.has_perm("core.choose_establishment"):
        if chosen is None:
            raise WorkflowError("L'établissement est obligatoire.", field="establishment")
        return chosen
    if chosen is not None and chosen.pk != user.establishment_id:
        raise WorkflowError(
            "Vous ne pouvez créer que des candidats de votre établissement.",
            field="establishment",
        )
    return user.establishment


def referents_for(*, user, establishment, referents, i_am_referent=False):
    """The candidate's référents: those chosen, plus ``user`` when "je suis son référent";
    at least one, all of the candidate's establishment."""
    referents = list(referents or [])
    if i_am_referent and user not in referents:
        referents.append(user)
    if not referents:
        raise WorkflowError(
            "Indiquez au moins un référent établissement (ou cochez « Je suis son référent »).",
            field="referents",
        )
    check_referents(referents, establishment)
    return referents


@transaction.atomic
def create_candidate(
    *, user, account, dossier, referents, i_am_referent=False, invite_now=True, emit_event=True
):
    """Create a candidate account and dossier for ``user``'s establishment, then invite them.

    ``account`` is an unsaved User (names, email, phone, establishment); ``dossier`` an unsaved
    Candidate. A non-admin's establishment is forced to their own.
    """
    if not user.has_perm("core.add_candidate"):
        raise PermissionDenied
    account.role = Role.CANDIDATE
    account.establishment = establishment_for(user, account.establishment)
    check_can_create(user, role=Role.CANDIDATE, establishment=account.establishment)
    referents = referents_for(
        user=user,
        establishment=account.establishment,
        referents=referents,
        i_am_referent=i_am_referent,
    )
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
    dossier.referents.add(*referents)
    if emit_event:
        emit(
            EventKind.CANDIDATE_CREATED,
            actor=user,
            candidate=dossier,
            summary=f"{account.full_name} a été ajouté(e) par {user}",
        )
    if invite_now:
        invite(account)
    return dossier


def record_import(*, user, created, updated):
    """One event for a whole import (the feed would drown in one line per row)."""
    if created or updated:
        emit(
            EventKind.CANDIDATES_IMPORTED,
            actor=user,
            establishment_id=user.establishment_id,
            summary=f"Import de candidats par {user} : {created} créé(s), {updated} mis à jour",
        )


ACCOUNT_FIELDS = ("last_name", "first_name", "email", "phone")


@transaction.atomic
def update_dossier(candidate, *, user, account=None, referents=None, reason):
    """Save an edited dossier (``candidate`` carries the new values), its account fields
    (``account``: a dict among last_name, first_name, email, phone) and, for staff, its
    référents. One path, with history, for the staff form, the candidate's profile and imports.
    """
    if not (
        user.has_perm("core.change_candidate", candidate)
        or user.has_perm("core.edit_own_profile", candidate)
    ):
        raise PermissionDenied
    if account:
        unknown = set(account) - set(ACCOUNT_FIELDS)
        if unknown:
            raise PermissionDenied(f"Champs non modifiables : {', '.join(sorted(unknown))}")
        if "email" in account and email_taken(account["email"], exclude_pk=candidate.user_id):
            raise WorkflowError("Un compte existe déjà avec cette adresse email.", field="email")
        profile = candidate.user
        for name, value in account.items():
            setattr(profile, name, value or "")
        profile.email = User.objects.normalize_email(profile.email)
        profile._history_user = user
        profile._change_reason = reason
        profile.save()
    candidate.full_clean(exclude=["user", "referents"])
    candidate._history_user = user
    candidate._change_reason = reason
    candidate.save()
    if referents is not None:
        if not user.has_perm("core.change_candidate", candidate):
            raise PermissionDenied
        candidate.referents.set(
            referents_for(
                user=user, establishment=candidate.user.establishment, referents=referents
            )
        )
    return candidate


def touch_activity(candidate):
    """Remember the candidate's last activity (shown in "Mes candidats")."""
    from django.utils import timezone

    Candidate.objects.filter(pk=candidate.pk).update(last_activity_at=timezone.now())


@transaction.atomic
def create_candidates_bulk(*, user, rows, reason="Import"):
    """Create many candidates at once (an import): ``rows`` are (account, dossier, referents)
    already validated one by one. Writes accounts, dossiers, référents and every history row
    in bulk, so 10,000 rows take seconds, not minutes. Returns the created dossiers."""
    from django.apps import apps
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    if not rows:
        return []
    if not user.has_perm("core.add_candidate"):
        raise PermissionDenied
    establishment = user.establishment
    check_can_create(user, role=Role.CANDIDATE, establishment=establishment)
    all_referents = {r.pk: r for _, _, referents in rows for r in referents}
    check_referents(list(all_referents.values()), establishment)
    now = timezone.now()
    unusable = make_password(None)
    accounts = []
    for account, _, _ in rows:
        account.email = User.objects.normalize_email(account.email)
        account.role = Role.CANDIDATE
        account.establishment = establishment
        account.created_by = user
        # One unusable hash for all: it only has to be unusable, not unique.
        account.password = unusable
        account.date_joined = now
        accounts.append(account)
    User.objects.bulk_create(accounts, batch_size=500)
    User.history.bulk_history_create(
        accounts, batch_size=500, default_user=user, default_change_reason=reason
    )
    dossiers = []
    for account, dossier, _ in rows:
        dossier.user = account
        dossier.created_by = user
        dossiers.append(dossier)
    Candidate.objects.bulk_create(dossiers, batch_size=500)
    histories = Candidate.history.bulk_history_create(
        dossiers, batch_size=500, default_user=user, default_change_reason=reason
    )
    through = Candidate.referents.through
    links = [
        (history, through(candidate_id=dossier.pk, user_id=referent.pk))
        for (_, dossier, referents), history in zip(rows, histories, strict=True)
        for referent in referents
    ]
    through.objects.bulk_create([link for _, link in links], batch_size=1000)
    # The m2m history row copies the through row (its id included), as simple-history does.
    history_m2m = apps.get_model("core", "HistoricalCandidate_referents")
    history_m2m.objects.bulk_create(
        [
            history_m2m(
                id=link.pk, history=history, candidate_id=link.candidate_id, user_id=link.user_id
            )
            for history, link in links
        ],
        batch_size=1000,
    )
    return dossiers
