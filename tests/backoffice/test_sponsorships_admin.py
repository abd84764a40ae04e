"""Sponsorship screens: the dossier tab, the follow-up screen, "Parrainage édition",
the employer's answer."""

import pytest

from core.enums import SponsorshipState as SP
from tests.factories import SponsorshipFactory

pytestmark = pytest.mark.django_db


def test_dossier_tab_lists_the_requests(client, world):
    SponsorshipFactory(candidate=world.a2, company=world.company_x, message="Un parrain svp")
    client.force_login(world.ref_a2)
    content = client.get(
        f"/backoffice/core/candidate/{world.a2.pk}/dossier/?onglet=parrainages"
    ).content.decode()
    assert "1 résultat" in content
    assert f"{world.a2.user.full_name} - X".upper() in content
    assert "Un parrain svp" in content


def test_edit_screen_validates_with_a_followup_and_confirms(
    client, world, mailoutbox, run_on_commit
):
    request = SponsorshipFactory(candidate=world.a2, company=world.company_x)
    client.force_login(world.ref_a2)
    url = f"/backoffice/core/sponsorshiprequest/{request.pk}/change/"
    page = client.get(url).content.decode()
    assert "Valider la demande de parrainage" in page
    assert "Retour à la fiche du candidat" in page
    with run_on_commit():
        response = client.post(
            url,
            {"message": "Message revu", "validate_now": "on", "followup": "C'est envoyé"},
            follow=True,
        )
    assert "La demande de parrainage a été mise à jour." in response.content.decode()
    request.refresh_from_db()
    assert request.state == SP.SENT and request.message == "Message revu"
    assert [m.to for m in mailoutbox] == [[world.emp_x.email]]
    assert "C&#x27;est envoyé" in response.content.decode()


def test_employer_sees_only_sent_requests_and_never_followups(client, world):
    awaiting = SponsorshipFactory(candidate=world.a2, company=world.company_x)
    sent = SponsorshipFactory(candidate=world.a2, company=world.company_x, sent=True)
    from workflows.applications import post_followup

    post_followup(sent, user=world.ref_a2, body="Message interne")
    client.force_login(world.emp_x)
    base = "/employeur/core/sponsorshiprequest/"
    assert client.get(f"{base}{awaiting.pk}/change/").status_code == 404
    page = client.get(f"{base}{sent.pk}/change/").content.decode()
    assert "Message interne" not in page
    response = client.post(
        f"{base}{sent.pk}/accept/",
        {"sponsor_name": "Paul Henry", "sponsor_function": "Tuteur", "sponsor_email": "p@x.fr"},
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.state == SP.ACCEPTED and sent.sponsor_name == "Paul Henry"
    client.force_login(world.ref_a2)
    page = client.get(f"/backoffice/core/sponsorshiprequest/{sent.pk}/change/").content.decode()
    assert "Paul Henry" in page


def test_accepting_without_a_sponsor_name_shows_an_error(client, world):
    sent = SponsorshipFactory(candidate=world.a2, company=world.company_x, sent=True)
    client.force_login(world.emp_x)
    response = client.post(f"/employeur/core/sponsorshiprequest/{sent.pk}/accept/", {})
    assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.state == SP.SENT


def test_other_company_cannot_answer(client, world):
    sent = SponsorshipFactory(candidate=world.a2, company=world.company_x, sent=True)
    client.force_login(world.emp_y)
    assert client.post(f"/employeur/core/sponsorshiprequest/{sent.pk}/decline/").status_code == 404
    sent.refresh_from_db()
    assert sent.state == SP.SENT
