"""Staff screens in a real browser: the forms posted from the application page work."""

import re

import pytest

from core.models import FollowUpMessage, PrivateNote
from tests.factories import PASSWORD, ApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, user):
    page.goto(f"{live_server.url}/connexion/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/backoffice/$"))


def test_followup_and_note_boxes_post_from_the_application_page(page, live_server, world):
    application = ApplicationFactory(candidate=world.a2)
    login(page, live_server, world.ref_a2)
    url = f"{live_server.url}/backoffice/core/application/{application.pk}/change/"

    page.goto(url)
    page.fill("#followup-body", "Pense à relire ta lettre")
    with page.expect_navigation():
        page.click("text=Envoyer le message")
    assert "Message de suivi envoyé." in page.content()
    page.fill("#note-body", "Candidat très motivé")
    with page.expect_navigation():
        page.click("text=Ajouter la note")
    assert FollowUpMessage.objects.get(application=application).body == ("Pense à relire ta lettre")
    assert PrivateNote.objects.get(application=application).author == world.ref_a2

    # The change form itself still saves and validates.
    page.goto(url)
    page.fill("#id_message", "Message revu par le référent")
    page.check("#id_validate_now")
    with page.expect_navigation():
        page.click("button[name=_save]")
    application.refresh_from_db()
    assert application.state == "sent"
    assert application.message == "Message revu par le référent"


def test_sponsorship_followup_box_and_edit_screen(page, live_server, world):
    from tests.factories import SponsorshipFactory

    sponsorship = SponsorshipFactory(candidate=world.a2, company=world.company_x)
    login(page, live_server, world.ref_a2)
    url = f"{live_server.url}/backoffice/core/sponsorshiprequest/{sponsorship.pk}/change/"
    page.goto(url)
    page.fill("#followup-body", "Je regarde ta demande")
    with page.expect_navigation():
        page.click("text=Envoyer le message")
    assert FollowUpMessage.objects.get(sponsorship=sponsorship).body == "Je regarde ta demande"
    page.fill("#id_message", "Message revu")
    page.check("#id_validate_now")
    with page.expect_navigation():
        page.click("button[name=_save]")
    assert "La demande de parrainage a été mise à jour." in page.content()
    sponsorship.refresh_from_db()
    assert sponsorship.state == "sent" and sponsorship.message == "Message revu"


def test_creating_a_minor_candidate_in_the_browser(page, live_server, world):
    from core.models import Candidate

    login(page, live_server, world.ref_a1)
    page.goto(f"{live_server.url}/backoffice/core/candidate/add/")
    page.fill("#id_last_name", "Petit")
    page.fill("#id_first_name", "Lou")
    page.fill("#id_email", "lou.petit@exemple.fr")
    assert not page.is_visible("#id_family_contact_name")
    page.fill("#id_birth_date", "01/01/2012")
    page.dispatch_event("#id_birth_date", "input")
    assert page.is_visible("#id_family_contact_name")  # the section appears for a minor
    page.fill("#id_family_contact_name", "Petit Anne")
    page.fill("#id_family_contact_relationship", "Mère")
    page.fill("#id_family_contact_phone", "0601020304")
    page.check("#id_i_am_referent")
    with page.expect_navigation():
        page.click("button[name=_save]")
    candidate = Candidate.objects.get(user__email="lou.petit@exemple.fr")
    assert candidate.is_minor() and candidate.family_contact_name == "Petit Anne"
    assert list(candidate.referents.all()) == [world.ref_a1]
    assert "/dossier/" in page.url
