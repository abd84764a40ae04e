"""Sponsorship requests: transitions × roles, autonomy, audience."""

import pytest
from django.core.exceptions import PermissionDenied

from core.enums import SponsorshipState as SP
from core.models import FollowUpMessage, SponsorshipRequest
from tests.factories import SponsorshipFactory
from workflows import sponsorships as flows
from workflows.applications import post_followup
from workflows.errors import WorkflowError

pytestmark = pytest.mark.django_db

ROLES = ["admin", "cdm_a", "ref_a2", "ref_a1", "emp_x", "emp_y", "candidate"]


def actor(world, role):
    return world.a2.user if role == "candidate" else getattr(world, role)


@pytest.mark.parametrize("role", ROLES)
def test_validate_only_by_the_candidates_referent_or_cdm(world, role):
    request = SponsorshipFactory(candidate=world.a2, company=world.company_x)
    if role in ("cdm_a", "ref_a2"):
        assert flows.validate(request, user=actor(world, role)).state == SP.SENT
    else:
        with pytest.raises(PermissionDenied):
            flows.validate(request, user=actor(world, role))


@pytest.mark.parametrize("role", ROLES)
def test_answer_only_by_the_addressed_company(world, role):
    request = SponsorshipFactory(candidate=world.a2, company=world.company_x, sent=True)
    user = actor(world, role)
    if role == "emp_x":
        accepted = flows.accept(
            request,
            user=user,
            sponsor_name="Paul Henry",
            sponsor_function="Tuteur",
            sponsor_email="paul@x.example",
        )
        assert accepted.state == SP.ACCEPTED
        assert accepted.history.first().history_user == user
    else:
        with pytest.raises(PermissionDenied):
            flows.decline(request, user=user)


def test_employer_cannot_answer_a_request_awaiting_validation(world):
    request = SponsorshipFactory(candidate=world.a2, company=world.company_x)
    with pytest.raises(PermissionDenied):
        flows.accept(request, user=world.emp_x, sponsor_name="X")
    assert request not in SponsorshipRequest.objects.visible_to(world.emp_x)


def test_accept_needs_a_sponsor_name(world):
    request = SponsorshipFactory(candidate=world.a2, company=world.company_x, sent=True)
    with pytest.raises(WorkflowError, match="nom du parrain"):
        flows.accept(request, user=world.emp_x, sponsor_name=" ")


def test_autonomy_rule(world):
    waits = flows.submit(
        user=world.a2.user, candidate=world.a2, company=world.company_x, message="Bonjour"
    )
    direct = flows.submit(
        user=world.a1.user, candidate=world.a1, company=world.company_x, message="Bonjour"
    )
    helped = flows.submit(
        user=world.a1.user,
        candidate=world.a1,
        company=world.company_x,
        message="Bonjour",
        help_requested=True,
    )
    assert (waits.state, direct.state, helped.state) == (
        SP.AWAITING_VALIDATION,
        SP.SENT,
        SP.AWAITING_VALIDATION,
    )


def test_edit_then_validate_and_the_sponsor_is_visible_to_candidate_and_referent(world):
    request = SponsorshipFactory(candidate=world.a2, company=world.company_x)
    flows.edit(request, user=world.ref_a2, message="Message revu")
    post_followup(request, user=world.ref_a2, body="Je valide ta demande.")
    flows.validate(request, user=world.ref_a2)
    with pytest.raises(WorkflowError, match="déjà été validée"):
        flows.validate(request, user=world.cdm_a)
    flows.accept(request, user=world.emp_x, sponsor_name="Paul Henry")
    for user in (world.a2.user, world.ref_a2):
        seen = SponsorshipRequest.objects.visible_to(user).get(pk=request.pk)
        assert seen.sponsor_name == "Paul Henry"
    assert FollowUpMessage.objects.visible_to(world.emp_x).count() == 0


def test_withdraw_by_the_candidate_only(world):
    request = SponsorshipFactory(candidate=world.a2, company=world.company_x, sent=True)
    with pytest.raises(PermissionDenied):
        flows.withdraw(request, user=world.ref_a2)
    assert flows.withdraw(request, user=world.a2.user).state == SP.WITHDRAWN
