"""Every right of the platform, as `rules` predicates and permissions.

Role predicates take the user; object predicates take (user, obj) and answer True for
obj=None ("could this user ever do it?"), which is how Django asks at model level.
Querysets are scoped separately by each model's ``visible_to(user)``: rules never filter lists.
"""

import rules

from core.enums import ApplicationState, OfferState, Role

# --- roles ---------------------------------------------------------------------------


def _has_role(user, role):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role == role)


@rules.predicate
def is_admin(user):
    return _has_role(user, Role.ADMIN)


@rules.predicate
def is_charge_de_mission(user):
    return _has_role(user, Role.CHARGE_DE_MISSION)


@rules.predicate
def is_referent(user):
    return _has_role(user, Role.REFERENT)


@rules.predicate
def is_employer(user):
    return _has_role(user, Role.EMPLOYER)


@rules.predicate
def is_candidate(user):
    return _has_role(user, Role.CANDIDATE)


is_establishment_staff = is_charge_de_mission | is_referent
is_staff_member = is_admin | is_establishment_staff

# --- relations -----------------------------------------------------------------------


def candidate_of(obj):
    """The candidate dossier an object belongs to (itself, a document, an application...)."""
    from core.models import Candidate, User

    if isinstance(obj, Candidate):
        return obj
    if isinstance(obj, User):
        return getattr(obj, "candidate", None)
    return getattr(obj, "candidate", None)


def establishment_id_of(obj):
    """The establishment an object belongs to, or None."""
    from core.models import Establishment, User

    if isinstance(obj, Establishment):
        return obj.pk
    if isinstance(obj, User):
        return obj.establishment_id
    candidate = candidate_of(obj)
    return candidate.user.establishment_id if candidate is not None else None


@rules.predicate
def same_establishment(user, obj):
    if obj is None:
        return True
    establishment_id = establishment_id_of(obj)
    return establishment_id is not None and establishment_id == user.establishment_id


@rules.predicate
def in_my_cohort(user, obj):
    if obj is None:
        return True
    candidate = candidate_of(obj)
    return candidate is not None and candidate.referents.filter(pk=user.pk).exists()


@rules.predicate
def is_own(user, obj):
    """The object is (or belongs to) the user's own candidate dossier."""
    if obj is None:
        return True
    candidate = candidate_of(obj)
    return candidate is not None and candidate.user_id == user.pk


@rules.predicate
def is_self(user, obj):
    return obj is not None and obj.pk == user.pk


@rules.predicate
def of_my_company(user, obj):
    if obj is None:
        return True
    from core.models import Company

    company_id = obj.pk if isinstance(obj, Company) else getattr(obj, "company_id", None)
    return company_id is not None and company_id == user.company_id


@rules.predicate
def was_sent_to_employer(user, obj):
    if obj is None:
        return True
    return obj.sent_at is not None and obj.state != ApplicationState.AWAITING_VALIDATION


@rules.predicate
def is_published(user, obj):
    return obj is None or obj.state == OfferState.PUBLISHED


@rules.predicate
def target_is_referent_or_candidate(user, obj):
    return obj is None or obj.role in (Role.REFERENT, Role.CANDIDATE)


@rules.predicate
def is_author(user, obj):
    return obj is None or obj.author_id == user.pk


@rules.predicate
def document_sent_to_my_company(user, document):
    """The employer may download a CV or LM carried by an application sent to its company."""
    if document is None:
        return True
    from django.db.models import Q

    from core.models import Application

    return (
        Application.objects.visible_to(user)
        .filter(Q(cv=document) | Q(cover_letter=document))
        .exists()
    )


# The people who follow a candidate: the admin, the establishment's chargés de mission,
# the référents of the cohort. This is the audience of dossiers, documents and follow-ups.
follows_candidate = (
    is_admin
    | (is_charge_de_mission & same_establishment)
    | (is_referent & same_establishment & in_my_cohort)
)
# Validation is the establishment's job, not the platform admin's (domain brief).
validates_for_candidate = (is_charge_de_mission & same_establishment) | (
    is_referent & same_establishment & in_my_cohort
)

# --- site access ---------------------------------------------------------------------

rules.add_perm("backoffice.access", is_staff_member)
rules.add_perm("employer_space.access", is_employer)
rules.add_perm("candidate_space.access", is_candidate)
# Module permission: lets the admin sites list the app's models (each model then asks its own).
rules.add_perm("core", is_staff_member | is_employer)

# --- accounts ------------------------------------------------------------------------
# Who creates which kind of account (creation hierarchy).
rules.add_perm("core.create_admin", is_admin)
rules.add_perm("core.create_charge_de_mission", is_admin)
rules.add_perm("core.create_referent", is_admin | is_charge_de_mission)
rules.add_perm("core.create_employer", is_admin)
rules.add_perm("core.create_candidate", is_staff_member)
rules.add_perm(
    "core.assign_establishment", is_admin | (is_establishment_staff & same_establishment)
)
# Only the platform admin picks an establishment; everyone else works in their own.
rules.add_perm("core.choose_establishment", is_admin)
# The chargé de mission's dashboard shows their référents' figures.
rules.add_perm("core.view_referent_stats", is_charge_de_mission)

rules.add_perm("core.view_user", is_admin | (is_charge_de_mission & same_establishment))
rules.add_perm("core.add_user", is_admin | is_charge_de_mission)
rules.add_perm(
    "core.change_user",
    is_admin | (is_charge_de_mission & same_establishment & target_is_referent_or_candidate),
)
rules.add_perm("core.delete_user", rules.always_deny)
rules.add_perm(
    "core.deactivate_user",
    (is_admin | (is_charge_de_mission & same_establishment & target_is_referent_or_candidate))
    & ~is_self,
)
rules.add_perm(
    "core.resend_invitation",
    is_admin | (is_charge_de_mission & same_establishment & target_is_referent_or_candidate),
)
rules.add_perm("core.view_directory", is_staff_member | is_employer)
rules.add_perm("core.view_directoryreferent", is_staff_member | is_employer)
rules.add_perm("core.view_directorycompany", rules.is_authenticated & rules.is_active)

# --- establishments ------------------------------------------------------------------
rules.add_perm("core.view_establishment", is_admin | (is_establishment_staff & same_establishment))
rules.add_perm("core.add_establishment", is_admin)
rules.add_perm("core.change_establishment", is_admin)
rules.add_perm("core.delete_establishment", rules.always_deny)

# --- candidates ----------------------------------------------------------------------
rules.add_perm("core.view_candidate", follows_candidate)
rules.add_perm("core.add_candidate", is_staff_member)
rules.add_perm("core.change_candidate", follows_candidate)
rules.add_perm("core.delete_candidate", rules.always_deny)
rules.add_perm("core.import_candidate", is_staff_member)
rules.add_perm("core.export_candidate", is_staff_member)
rules.add_perm("core.resend_candidate_invitation", follows_candidate)
rules.add_perm("core.deactivate_candidate", follows_candidate)
# RQTH and family contact leave the screen (exports) only for these.
rules.add_perm("core.export_sensitive_candidate_data", is_admin | is_charge_de_mission)

# --- documents -----------------------------------------------------------------------
rules.add_perm("core.view_document", follows_candidate | (is_candidate & is_own))
rules.add_perm("core.add_document", follows_candidate | (is_candidate & is_own))
rules.add_perm("core.change_document", follows_candidate | (is_candidate & is_own))
rules.add_perm("core.delete_document", follows_candidate | (is_candidate & is_own))
rules.add_perm(
    "core.download_document",
    follows_candidate | (is_candidate & is_own) | (is_employer & document_sent_to_my_company),
)

# A candidate edits the part of their dossier the profile page shows (never establishment,
# autonomy or référents).
rules.add_perm("core.edit_own_profile", is_candidate & is_own)
rules.add_perm("core.view_cvprofile", follows_candidate | (is_candidate & is_own))
rules.add_perm("core.change_cvprofile", is_candidate & is_own)

# --- companies and offers ------------------------------------------------------------
rules.add_perm("core.view_company", rules.is_authenticated & rules.is_active)
rules.add_perm("core.add_company", is_admin)
rules.add_perm("core.change_company", is_admin | (is_employer & of_my_company))
rules.add_perm("core.delete_company", rules.always_deny)
rules.add_perm("core.invite_colleague", is_employer & of_my_company)
rules.add_perm("core.view_colleague", is_employer & of_my_company)
rules.add_perm("core.view_companycontact", is_staff_member | is_employer)
rules.add_perm("core.add_companycontact", is_admin | is_employer)
rules.add_perm("core.change_companycontact", is_admin | (is_employer & of_my_company))
rules.add_perm("core.delete_companycontact", is_admin | (is_employer & of_my_company))

rules.add_perm(
    "core.view_joboffer",
    is_admin | (is_employer & of_my_company) | (rules.is_authenticated & is_published),
)
rules.add_perm("core.add_joboffer", is_admin | is_employer)
rules.add_perm("core.change_joboffer", is_admin | (is_employer & of_my_company))
rules.add_perm("core.delete_joboffer", rules.always_deny)
rules.add_perm("core.view_ownoffer", is_employer & of_my_company)
rules.add_perm("core.add_ownoffer", is_employer)
rules.add_perm("core.change_ownoffer", is_employer & of_my_company)
rules.add_perm("core.publish_joboffer", is_admin | (is_employer & of_my_company))

# --- applications --------------------------------------------------------------------
rules.add_perm(
    "core.view_application",
    follows_candidate
    | (is_candidate & is_own)
    | (is_employer & of_my_company & was_sent_to_employer),
)
rules.add_perm("core.add_application", is_establishment_staff | is_candidate)
rules.add_perm("core.change_application", validates_for_candidate)
rules.add_perm("core.delete_application", follows_candidate)
rules.add_perm("core.submit_application", validates_for_candidate | (is_candidate & is_own))
rules.add_perm("core.validate_application", validates_for_candidate)
rules.add_perm("core.withdraw_application", is_candidate & is_own)
rules.add_perm(
    "core.record_application_progress", is_employer & of_my_company & was_sent_to_employer
)
rules.add_perm("core.post_followup", follows_candidate | (is_candidate & is_own))
rules.add_perm("core.view_followups", follows_candidate | (is_candidate & is_own))
rules.add_perm("core.add_private_note", follows_candidate)
rules.add_perm(
    "core.view_privatenote",
    is_admin | (is_charge_de_mission & same_establishment) | (is_referent & is_author),
)

# --- sponsorships --------------------------------------------------------------------
rules.add_perm(
    "core.view_sponsorshiprequest",
    follows_candidate
    | (is_candidate & is_own)
    | (is_employer & of_my_company & was_sent_to_employer),
)
rules.add_perm("core.add_sponsorshiprequest", is_establishment_staff | is_candidate)
rules.add_perm("core.change_sponsorshiprequest", validates_for_candidate)
rules.add_perm("core.delete_sponsorshiprequest", follows_candidate)
rules.add_perm("core.submit_sponsorship", validates_for_candidate | (is_candidate & is_own))
rules.add_perm("core.validate_sponsorship", validates_for_candidate)
rules.add_perm("core.withdraw_sponsorship", is_candidate & is_own)
rules.add_perm("core.answer_sponsorship", is_employer & of_my_company & was_sent_to_employer)

# --- events and emails ---------------------------------------------------------------
rules.add_perm("core.view_event", is_staff_member)
rules.add_perm("core.view_outboundemail", is_admin)
