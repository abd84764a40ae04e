"""Accounts: creation along the hierarchy, invitations, deactivation."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.enums import EventKind, Role
from core.models import User
from workflows.emails import queue_email
from workflows.errors import WorkflowError
from workflows.events import emit

CREATE_PERMISSION = {role: f"core.create_{role}" for role in Role.values}


def creatable_roles(user):
    """The account kinds this user may create (the creation hierarchy)."""
    return [role for role in Role if user.has_perm(CREATE_PERMISSION[role])]


def check_can_create(user, *, role, establishment=None, company=None):
    """Refuse (PermissionDenied) an account the hierarchy does not allow this user to create."""
    if role not in Role.values:
        raise PermissionDenied("Type de compte inconnu.")
    # An employer may invite colleagues into its own company, and nothing else.
    colleague = (
        role == Role.EMPLOYER
        and company is not None
        and user.has_perm("core.invite_colleague", company)
    )
    if not (user.has_perm(CREATE_PERMISSION[role]) or colleague):
        raise PermissionDenied("Vous ne pouvez pas créer ce type de compte.")
    if establishment is not None and not user.has_perm("core.assign_establishment", establishment):
        raise PermissionDenied("Vous ne pouvez créer de comptes que pour votre établissement.")


def email_taken(email, exclude_pk=None):
    """True when another account already uses this email, whatever its case.

    Emails are stored lower-cased (and a unique index on lower(email) guards it), so an exact
    lookup uses the index where ``iexact`` would scan the table.
    """
    qs = User.objects.filter(email=User.objects.normalize_email(email))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


@transaction.atomic
def create_account(account, *, user, send_invitation=True):
    """Save a new (unsaved) account created by ``user``, then invite it after commit."""
    check_can_create(
        user, role=account.role, establishment=account.establishment, company=account.company
    )
    if email_taken(account.email):
        raise WorkflowError("Un compte existe déjà avec cette adresse email.", field="email")
    account.email = User.objects.normalize_email(account.email)
    account.created_by = user
    account.set_unusable_password()
    account._history_user = user
    account._change_reason = "Création du compte"
    account.save()
    if account.role != Role.CANDIDATE:
        emit(
            EventKind.ACCOUNT_CREATED,
            actor=user,
            summary=f"Compte {account.get_role_display().lower()} créé : {account}",
        )
    if send_invitation:
        invite(account)
    return account


def invitation_url(account):
    """The single-use link that lets the account set its password (valid 3 days)."""
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    return reverse("invitation_confirm", kwargs={"uidb64": uid, "token": token})


def invite(account):
    """Queue the invitation email (sent after commit) and remember when it was sent."""
    from django.conf import settings

    queue_email(
        to=account.email,
        template="invitation",
        context={
            "account": account,
            "link": settings.SITE_URL + invitation_url(account),
            "role": account.get_role_display(),
        },
    )
    User.objects.filter(pk=account.pk).update(invited_at=timezone.now())


def invite_many(accounts):
    """Queue the invitations of many new accounts (an import) in one go."""
    from django.conf import settings

    from workflows.emails import queue_emails

    accounts = list(accounts)
    queue_emails(
        [
            (
                account.email,
                "invitation",
                {
                    "account": account,
                    "link": settings.SITE_URL + invitation_url(account),
                    "role": account.get_role_display(),
                },
            )
            for account in accounts
        ]
    )
    User.objects.filter(pk__in=[a.pk for a in accounts]).update(invited_at=timezone.now())


def _check_account_perm(user, account, *, candidate_perm, staff_perm):
    """A candidate's account is managed by whoever follows the dossier; others by the rules on
    accounts."""
    if account.role == Role.CANDIDATE:
        dossier = getattr(account, "candidate", None)
        allowed = dossier is not None and user.has_perm(candidate_perm, dossier)
    else:
        allowed = user.has_perm(staff_perm, account)
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def resend_invitation(account, *, user):
    """Send the invitation again ("Renvoyer l'invitation")."""
    _check_account_perm(
        user,
        account,
        candidate_perm="core.resend_candidate_invitation",
        staff_perm="core.resend_invitation",
    )
    if not account.is_active:
        raise WorkflowError("Ce compte est désactivé : réactivez-le avant de l'inviter.")
    invite(account)


def _set_active(account, *, user, active, reason):
    _check_account_perm(
        user,
        account,
        candidate_perm="core.deactivate_candidate",
        staff_perm="core.deactivate_user",
    )
    if account.pk == user.pk:
        raise PermissionDenied
    account = User.objects.select_for_update().get(pk=account.pk)
    if account.is_active == active:
        raise WorkflowError("Ce compte est déjà " + ("actif." if active else "désactivé."))
    account.is_active = active
    account._history_user = user
    account._change_reason = reason
    account.save()
    return account


@transaction.atomic
def deactivate(account, *, user, reason="Compte désactivé"):
    """Deactivate an account (accounts are never deleted)."""
    return _set_active(account, user=user, active=False, reason=reason)


@transaction.atomic
def reactivate(account, *, user, reason="Compte réactivé"):
    """Reactivate a deactivated account."""
    return _set_active(account, user=user, active=True, reason=reason)
