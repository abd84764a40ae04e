"""The scope shared by everything a candidate sends to a company (applications, sponsorship
requests): the staff who follow the candidate, the candidate, and — only once sent — the
company it is addressed to."""

from core import rules as perms


def sent_to_company_scope(queryset, user, *, employer_states):
    """Filter ``queryset`` (with ``candidate``, ``company``, ``state``, ``sent_at``) to ``user``."""
    if perms.is_admin(user):
        return queryset
    if perms.is_charge_de_mission(user):
        return queryset.filter(candidate__user__establishment_id=user.establishment_id)
    if perms.is_referent(user):
        return queryset.filter(
            candidate__referents=user,
            candidate__user__establishment_id=user.establishment_id,
        )
    if perms.is_candidate(user):
        return queryset.filter(candidate__user=user)
    if perms.is_employer(user):
        # Never what still awaits the référent's validation.
        return queryset.filter(
            company_id=user.company_id, state__in=employer_states, sent_at__isnull=False
        )
    return queryset.none()
