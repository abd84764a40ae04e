"""The application workflow: every (transition × source state × role), the autonomy rule,
bad input, history with author, concurrency."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from core.enums import ApplicationState as S
from core.models import Application, Event, FollowUpMessage, PrivateNote
from tests.factories import ApplicationFactory, DocumentFactory, JobOfferFactory
from workflows import applications as flows
from workflows.errors import WorkflowError

pytestmark = pytest.mark.django_db

STATES = [S.AWAITING_VALIDATION, S.SENT, S.IN_REVIEW, S.RETAINED, S.REJECTED, S.WITHDRAWN]
PRESETS = {
    S.AWAITING_VALIDATION: {},
    S.SENT: {"sent": True},
    S.IN_REVIEW: {"in_review": True},
    S.RETAINED: {"retained": True},
    S.REJECTED: {"rejected": True},
    S.WITHDRAWN: {"withdrawn": True},
}
ROLES = ["admin", "cdm_a", "cdm_b", "ref_a2", "ref_a1", "emp_x", "emp_y", "candidate", "other"]
# Who may run each verb on a2's application addressed to company X, and from which states.
ALLOWED = {
    "validate": ({"cdm_a", "ref_a2"}, {S.AWAITING_VALIDATION}),
    "take_in_charge": ({"emp_x"}, {S.SENT}),
    "retain": ({"emp_x"}, {S.SENT, S.IN_REVIEW}),
    "reject": ({"emp_x"}, {S.SENT, S.IN_REVIEW}),
    "withdraw": ({"candidate"}, {S.AWAITING_VALIDATION, S.SENT, S.IN_REVIEW}),
}
TARGET = {
    "validate": S.SENT,
    "take_in_charge": S.IN_REVIEW,
    "retain": S.RETAINED,
    "reject": S.REJECTED,
    "withdraw": S.WITHDRAWN,
}


def actor(world, role):
    if role == "candidate":
        return world.a2.user
    if role == "other":
        return world.a1.user
    return getattr(world, role)


@pytest.mark.parametrize("verb", list(ALLOWED))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_transition_matrix(world, verb, state, role):
    application = ApplicationFactory(
        candidate=world.a2, offer__company=world.company_x, **PRESETS[state]
    )
    user = actor(world, role)
    roles, sources = ALLOWED[verb]
    if role in roles and state in sources:
        result = getattr(flows, verb)(application, user=user, reason="parce que")
        assert result.state == TARGET[verb]
        last = result.history.first()
        assert last.history_user == user
        assert last.history_change_reason == "parce que"
        assert Event.objects.filter(application=application, actor=user).exists()
    else:
        with pytest.raises((PermissionDenied, WorkflowError)):
            getattr(flows, verb)(application, user=user)
        application.refresh_from_db()
        assert application.state == state


def submit(candidate, **kwargs):
    cv = DocumentFactory(candidate=candidate, kind="cv")
    lm = DocumentFactory(candidate=candidate, kind="cover_letter")
    kwargs.setdefault("offer", JobOfferFactory())
    return flows.submit(
        user=candidate.user,
        candidate=candidate,
        message="Bonjour",
        cv=cv,
        cover_letter=lm,
        **kwargs,
    )


def test_non_autonomous_candidate_always_waits_for_validation(world):
    assert submit(world.a2).state == S.AWAITING_VALIDATION


def test_autonomous_candidate_goes_straight_to_the_employer(world, mailoutbox, run_on_commit):
    offer = JobOfferFactory(company=world.company_x)
    with run_on_commit():
        application = submit(world.a1, offer=offer)
    assert application.state == S.SENT
    assert application.sent_at is not None
    assert [m.to for m in mailoutbox] == [[world.emp_x.email]]
    assert "Nouvelle candidature" in mailoutbox[0].subject
    # The employer's email names the candidate and the offer, nothing personal.
    assert str(world.a1.birth_date.year) not in mailoutbox[0].body


def test_autonomous_candidate_asking_for_help_waits(world, mailoutbox, run_on_commit):
    with run_on_commit():
        application = submit(world.a1, help_requested=True)
    assert application.state == S.AWAITING_VALIDATION
    assert [m.to for m in mailoutbox] == [[world.ref_a1.email]]
    assert "aide" in mailoutbox[0].body


def test_validation_notifies_the_employer(world, mailoutbox, run_on_commit):
    application = ApplicationFactory(candidate=world.a2, offer__company=world.company_x)
    with run_on_commit():
        flows.validate(application, user=world.ref_a2)
    application.refresh_from_db()
    assert application.validated_by == world.ref_a2
    assert [m.to for m in mailoutbox] == [[world.emp_x.email]]


def test_validating_twice_says_already_validated(world):
    application = ApplicationFactory(candidate=world.a2)
    flows.validate(application, user=world.ref_a2)
    with pytest.raises(WorkflowError, match="déjà été validée"):
        flows.validate(application, user=world.cdm_a)


def test_cv_of_another_candidate_is_refused(world):
    application = ApplicationFactory(candidate=world.a2)
    foreign = DocumentFactory(candidate=world.a1, kind="cv")
    with pytest.raises(WorkflowError, match="document du candidat"):
        flows.edit(
            application,
            user=world.ref_a2,
            message="x",
            cv=foreign,
            cover_letter=application.cover_letter,
        )
    application.refresh_from_db()
    assert application.cv != foreign


def test_empty_message_is_refused(world):
    application = ApplicationFactory(candidate=world.a2)
    with pytest.raises(WorkflowError, match="message"):
        flows.edit(
            application,
            user=world.ref_a2,
            message="   ",
            cv=application.cv,
            cover_letter=application.cover_letter,
        )


def test_edit_records_the_author_and_is_refused_once_sent(world):
    application = ApplicationFactory(candidate=world.a2)
    new_cv = DocumentFactory(candidate=world.a2, kind="cv")
    flows.edit(
        application,
        user=world.ref_a2,
        message="Nouveau message",
        cv=new_cv,
        cover_letter=application.cover_letter,
    )
    application.refresh_from_db()
    assert application.message == "Nouveau message" and application.cv == new_cv
    assert application.history.first().history_user == world.ref_a2
    flows.validate(application, user=world.ref_a2)
    with pytest.raises(WorkflowError, match="ne peut plus être modifiée"):
        flows.edit(
            application,
            user=world.ref_a2,
            message="x",
            cv=new_cv,
            cover_letter=application.cover_letter,
        )


def test_followups_and_private_notes_have_their_audience(world):
    application = ApplicationFactory(candidate=world.a2, sent=True, offer__company=world.company_x)
    flows.post_followup(application, user=world.a2.user, body="J'ai une question")
    flows.post_followup(application, user=world.ref_a2, body="Voici la réponse")
    flows.add_private_note(application, user=world.ref_a2, body="Note du référent")
    with pytest.raises(PermissionDenied):
        flows.post_followup(application, user=world.emp_x, body="Bonjour")
    with pytest.raises(PermissionDenied):
        flows.add_private_note(application, user=world.a2.user, body="x")
    assert FollowUpMessage.objects.visible_to(world.emp_x).count() == 0
    assert FollowUpMessage.objects.visible_to(world.a2.user).count() == 2
    assert PrivateNote.objects.visible_to(world.ref_a2).count() == 1
    assert PrivateNote.objects.visible_to(world.cdm_a).count() == 1
    assert PrivateNote.objects.visible_to(world.admin).count() == 1
    assert PrivateNote.objects.visible_to(world.ref_a1).count() == 0
    assert PrivateNote.objects.visible_to(world.a2.user).count() == 0
    assert PrivateNote.objects.visible_to(world.emp_x).count() == 0
    assert PrivateNote.objects.visible_to(world.cdm_b).count() == 0


def test_employer_sees_only_sent_applications_of_its_company(world):
    awaiting = ApplicationFactory(candidate=world.a2, offer__company=world.company_x)
    sent = ApplicationFactory(candidate=world.a2, offer__company=world.company_x, sent=True)
    other = ApplicationFactory(candidate=world.a2, offer__company=world.company_y, sent=True)
    visible = set(Application.objects.visible_to(world.emp_x))
    assert sent in visible
    assert awaiting not in visible and other not in visible


def test_delete_keeps_the_history(world):
    application = ApplicationFactory(candidate=world.a2)
    pk = application.pk
    flows.delete(application, user=world.ref_a2)
    assert not Application.objects.filter(pk=pk).exists()
    last = Application.history.filter(id=pk).first()
    assert last.history_type == "-" and last.history_user == world.ref_a2


def test_bulk_validation_reports_each_failure(world):
    ok = ApplicationFactory(candidate=world.a2)
    already = ApplicationFactory(candidate=world.a2, sent=True)
    not_mine = ApplicationFactory(candidate=world.a1)
    done, failed = flows.validate_many([ok, already, not_mine], user=world.ref_a2)
    assert [a.pk for a in done] == [ok.pk]
    reasons = {a.pk: r for a, r in failed}
    assert "déjà été validée" in reasons[already.pk]
    assert "ne pouvez pas" in reasons[not_mine.pk]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_validations_make_one_transition(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections need PostgreSQL")
    application = ApplicationFactory(candidate=world.a2)
    barrier = threading.Barrier(2)
    results = []

    def validate(user):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            flows.validate(Application.objects.get(pk=application.pk), user=user)
            results.append("ok")
        except WorkflowError as error:
            results.append(error.message)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=validate, args=(u,)) for u in (world.ref_a2, world.cdm_a)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted(["ok", "Cette candidature a déjà été validée."])
    sent_rows = [h for h in application.history.all() if h.state == S.SENT]
    assert len(sent_rows) == 1


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("ref_a2", True),
        ("cdm_a", True),
        ("ref_a1", False),
        ("cdm_b", False),
        ("emp_x", False),
        ("other", False),
        ("candidate", True),
    ],
)
def test_submit_by_the_candidate_or_staff_on_their_behalf(world, role, allowed):
    user = actor(world, role)
    cv = DocumentFactory(candidate=world.a2, kind="cv")
    lm = DocumentFactory(candidate=world.a2, kind="cover_letter")
    offer = JobOfferFactory(company=world.company_x)
    kwargs = dict(
        user=user, candidate=world.a2, message="Bonjour", cv=cv, cover_letter=lm, offer=offer
    )
    if allowed:
        application = flows.submit(**kwargs)
        assert application.state == S.AWAITING_VALIDATION
        assert application.submitted_by == user
        assert application.history.first().history_user == user
    else:
        with pytest.raises(PermissionDenied):
            flows.submit(**kwargs)
        assert not Application.objects.filter(candidate=world.a2).exists()


def test_closed_offers_take_no_application(world):
    offer = JobOfferFactory(state="closed")
    with pytest.raises(WorkflowError, match="plus ouverte"):
        submit(world.a2, offer=offer)
