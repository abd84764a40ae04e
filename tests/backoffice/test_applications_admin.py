"""'Candidatures' screens: the référent's validation screen, the employer's progress actions,
the dashboard, bounded queries."""

from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.enums import ApplicationState as S
from core.models import Application, PrivateNote
from tests.factories import ApplicationFactory, CandidateFactory, DocumentFactory
from workflows import applications as flows

pytestmark = pytest.mark.django_db


def submit_as_candidate(candidate, company, *, title="Stage", help_requested=False):
    """The candidate applies, through the workflow, with a fresh CV and cover letter."""
    from tests.factories import JobOfferFactory

    return flows.submit(
        user=candidate.user,
        candidate=candidate,
        offer=JobOfferFactory(company=company, title=title),
        message="Bonjour",
        cv=DocumentFactory(candidate=candidate, kind="cv", title="Ancien CV"),
        cover_letter=DocumentFactory(candidate=candidate, kind="cover_letter"),
        help_requested=help_requested,
    )


def change_url(application, site="backoffice"):
    return f"/{site}/core/application/{application.pk}/change/"


def test_the_done_when_journey(client, world, mailoutbox, run_on_commit):
    """candidat.a2 applies, referent.a2 sees it on the dashboard, edits the message, swaps the CV,
    adds a private note, validates; employeur.x takes it in charge and retains it; each step is
    on the timeline with its author."""
    application = submit_as_candidate(world.a2, world.company_x, title="Stage développement")
    lm = application.cover_letter
    new_cv = DocumentFactory(candidate=world.a2, kind="cv", title="Nouveau CV")
    client.force_login(world.ref_a2)
    dashboard = client.get("/backoffice/").content.decode()
    assert "Candidatures en attente de ma validation" in dashboard
    assert "Stage développement" in dashboard

    page = client.get(change_url(application)).content.decode()
    assert "Valider la candidature" in page and "Note privée" in page
    with run_on_commit():
        response = client.post(
            change_url(application),
            {
                "message": "Bonjour, message revu",
                "cv": new_cv.pk,
                "cover_letter": lm.pk,
                "private_note": "Candidat motivé",
                "followup": "J'ai relu ta candidature",
                "validate_now": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    application.refresh_from_db()
    assert application.state == S.SENT
    assert application.message == "Bonjour, message revu" and application.cv == new_cv
    assert PrivateNote.objects.filter(application=application, author=world.ref_a2).exists()
    assert [m.to for m in mailoutbox] == [[world.emp_x.email]]

    client.force_login(world.emp_x)
    page = client.get(change_url(application, "employeur")).content.decode()
    assert "Bonjour, message revu" in page
    assert "Candidat motivé" not in page and "J'ai relu ta candidature" not in page
    take = f"/employeur/core/application/{application.pk}/take_in_charge/"
    assert client.get(take).status_code == 200  # confirmation first
    client.post(take)
    client.post(f"/employeur/core/application/{application.pk}/retain/", {"reason": "Bravo"})
    application.refresh_from_db()
    assert application.state == S.RETAINED and application.decision_reason == "Bravo"

    client.force_login(world.ref_a2)
    page = client.get(change_url(application)).content.decode()
    for label, author in (
        ("En attente de validation", world.a2.user),
        ("Validée par le référent", world.ref_a2),
        ("Prise en charge par le recruteur", world.emp_x),
        ("Retenue", world.emp_x),
    ):
        assert label in page
        assert author.full_name in page


def test_forged_cv_of_another_candidate_is_refused_on_the_screen(client, world):
    application = ApplicationFactory(candidate=world.a2)
    foreign = DocumentFactory(candidate=world.a1, kind="cv")
    client.force_login(world.ref_a2)
    response = client.post(
        change_url(application),
        {"message": "x", "cv": foreign.pk, "cover_letter": application.cover_letter_id},
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.cv_id != foreign.pk


def test_employer_never_sees_an_application_awaiting_validation(client, world):
    application = ApplicationFactory(candidate=world.a2, offer__company=world.company_x)
    client.force_login(world.emp_x)
    assert client.get(change_url(application, "employeur")).status_code == 404
    assert application.reference not in client.get("/employeur/core/application/").content.decode()
    other = ApplicationFactory(candidate=world.a2, offer__company=world.company_y, sent=True)
    assert client.get(change_url(other, "employeur")).status_code == 404
    client.post(f"/employeur/core/application/{other.pk}/retain/")
    other.refresh_from_db()
    assert other.state == S.SENT


def test_employer_page_shows_nothing_personal(client, world):
    world.a2.project = "Projet très personnel"
    world.a2.save()
    application = ApplicationFactory(candidate=world.a2, offer__company=world.company_x, sent=True)
    client.force_login(world.emp_x)
    page = client.get(change_url(application, "employeur")).content.decode()
    assert world.a2.user.full_name in page
    assert "Projet très personnel" not in page
    assert world.a2.birth_date.strftime("%d/%m/%Y") not in page
    assert world.a2.user.email not in page


def test_bulk_validation_action_reports_failures(client, world):
    ok = ApplicationFactory(candidate=world.a2)
    already = ApplicationFactory(candidate=world.a2, sent=True)
    client.force_login(world.ref_a2)
    response = client.post(
        "/backoffice/core/application/",
        {"action": "validate_selected", "_selected_action": [ok.pk, already.pk]},
        follow=True,
    )
    content = response.content.decode()
    assert "1 candidature(s) validée(s)" in content
    assert "déjà été validée" in content
    ok.refresh_from_db()
    assert ok.state == S.SENT


def test_awaiting_my_validation_filter(client, world):
    mine = ApplicationFactory(candidate=world.a2)
    ApplicationFactory(candidate=world.a2, sent=True)
    client.force_login(world.ref_a2)
    content = client.get("/backoffice/core/application/?a_valider=moi").content.decode()
    assert escape(mine.title) in content
    assert content.count("Consulter la candidature") == 1


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_lists_and_dashboard_use_a_bounded_number_of_queries(client, world):
    client.force_login(world.cdm_a)
    urls = ["/backoffice/core/application/", "/backoffice/", "/backoffice/core/candidate/"]
    ApplicationFactory.create_batch(3, candidate=world.a2)
    before = [_queries(client, url) for url in urls]
    for _ in range(12):
        candidate = CandidateFactory(user__establishment=world.est_a, referents=[world.ref_a1])
        ApplicationFactory(candidate=candidate, sent=True)
    after = [_queries(client, url) for url in urls]
    assert before == after
    assert Application.objects.count() == 15


def test_employers_cannot_open_the_history_of_an_application(client, world):
    application = ApplicationFactory(candidate=world.a2, offer__company=world.company_x, sent=True)
    client.force_login(world.emp_x)
    assert client.get(change_url(application, "employeur")).status_code == 200
    history = f"/employeur/core/application/{application.pk}/history/"
    assert client.get(history).status_code == 404


def test_staff_filters_by_offer_and_sent_dates(client, world):
    from datetime import timedelta

    from django.utils import timezone

    old = ApplicationFactory(candidate=world.a2, offer__title="Comptable", sent=True)
    Application.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=60))
    recent = ApplicationFactory(candidate=world.a2, offer__title="Développeur", sent=True)
    client.force_login(world.ref_a2)
    by_offer = client.get("/backoffice/core/application/?offre=compta").content.decode()
    assert escape(old.title) in by_offer and escape(recent.title) not in by_offer
    since = (timezone.localdate() - timedelta(days=7)).strftime("%d/%m/%Y")
    by_date = client.get(f"/backoffice/core/application/?sent_at_from={since}").content.decode()
    assert escape(recent.title) in by_date and escape(old.title) not in by_date


def test_delete_asks_for_confirmation_and_keeps_the_history(client, world):
    application = ApplicationFactory(candidate=world.a2)
    url = f"/backoffice/core/application/{application.pk}/delete/"
    client.force_login(world.ref_a2)
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert Application.objects.filter(pk=application.pk).exists()
    client.post(url, {"post": "yes"})
    assert not Application.objects.filter(pk=application.pk).exists()
    last = Application.history.filter(id=application.pk).first()
    assert last.history_type == "-" and last.history_user == world.ref_a2
    client.force_login(world.emp_x)
    other = ApplicationFactory(candidate=world.a2, offer__company=world.company_x, sent=True)
    assert client.post(f"/employeur/core/application/{other.pk}/delete/").status_code in (
        403,
        404,
    )
    assert Application.objects.filter(pk=other.pk).exists()


def test_staff_apply_on_behalf_of_a_candidate(client, world, mailoutbox, run_on_commit):
    from tests.factories import JobOfferFactory

    offer = JobOfferFactory(company=world.company_x, title="Stage logistique")
    cv = DocumentFactory(candidate=world.a2, kind="cv")
    lm = DocumentFactory(candidate=world.a2, kind="cover_letter")
    client.force_login(world.ref_a2)
    assert client.get("/backoffice/core/application/add/").status_code == 200
    data = {
        "candidate": world.a2.pk,
        "offer": offer.pk,
        "message": "Bonjour",
        "cv": cv.pk,
        "cover_letter": lm.pk,
    }
    with run_on_commit():
        response = client.post("/backoffice/core/application/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Application.objects.get(candidate=world.a2)
    assert application.state == S.AWAITING_VALIDATION  # a2 is not autonomous
    assert application.submitted_by == world.ref_a2
    # Another candidate's CV, or a candidate out of the cohort: refused, nothing created.
    foreign = DocumentFactory(candidate=world.a1, kind="cv")
    response = client.post("/backoffice/core/application/add/", {**data, "cv": foreign.pk})
    assert response.status_code == 200
    response = client.post("/backoffice/core/application/add/", {**data, "candidate": world.b1.pk})
    assert response.status_code == 200
    assert Application.objects.count() == 1


def test_spontaneous_application_by_staff_needs_an_employer(client, world):
    cv = DocumentFactory(candidate=world.a1, kind="cv")
    lm = DocumentFactory(candidate=world.a1, kind="cover_letter")
    client.force_login(world.ref_a1)
    data = {"candidate": world.a1.pk, "message": "Bonjour", "cv": cv.pk, "cover_letter": lm.pk}
    response = client.post("/backoffice/core/application/add/", data)
    assert "Choisissez une offre" in response.content.decode()
    response = client.post(
        "/backoffice/core/application/add/", {**data, "company": world.company_y.pk}
    )
    assert response.status_code == 302
    application = Application.objects.get(candidate=world.a1)
    assert application.kind == "spontaneous" and application.state == S.SENT  # a1 is autonomous


@pytest.mark.parametrize(
    "who, sees_mine",
    [("ref_a2", True), ("cdm_a", True), ("ref_a1", False), ("cdm_b", False), ("admin", False)],
)
def test_awaiting_my_validation_is_what_i_can_validate(client, world, who, sees_mine):
    awaiting = ApplicationFactory(candidate=world.a2)
    client.force_login(getattr(world, who))
    content = client.get("/backoffice/core/application/?a_valider=moi").content.decode()
    assert (escape(awaiting.title) in content) is sees_mine


def test_employers_timeline_starts_when_the_application_was_sent(client, world):
    application = submit_as_candidate(world.a2, world.company_x, help_requested=True)
    flows.validate(application, user=world.ref_a2)
    client.force_login(world.emp_x)
    page = client.get(change_url(application, "employeur")).content.decode()
    assert "Validée par le référent" in page
    assert "En attente de validation" not in page
    assert "Aide du référent demandée" not in page
    client.force_login(world.ref_a2)
    page = client.get(change_url(application)).content.decode()
    assert "En attente de validation" in page and "Aide du référent demandée" in page


def test_chargé_de_mission_dashboard_counts_per_referent(client, world):
    ApplicationFactory(candidate=world.a2)
    ApplicationFactory(candidate=world.a1, retained=True)
    client.force_login(world.cdm_a)
    response = client.get("/backoffice/")
    assert "Par référent" in response.content.decode()
    per_referent = {row["name"]: row for row in response.context["per_referent"]}
    assert per_referent[world.ref_a2.full_name]["awaiting"] == 1
    assert per_referent[world.ref_a1.full_name]["retained"] == 1
    client.force_login(world.ref_a1)
    assert "Par référent" not in client.get("/backoffice/").content.decode()
