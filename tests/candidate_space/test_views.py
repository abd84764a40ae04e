"""The candidate space, through the test client: own data only, every action via workflows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.enums import ApplicationState as S
from core.enums import SponsorshipState as SP
from core.management.commands.seed_demo import pdf_bytes
from core.models import Application, Document, SponsorshipRequest
from tests.factories import (
    ApplicationFactory,
    DocumentFactory,
    JobOfferFactory,
    SponsorshipFactory,
)
from workflows.applications import add_private_note, post_followup

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def a2(client, world):
    client.force_login(world.a2.user)
    return world.a2


def test_staff_and_employers_get_404_on_the_candidate_space(client, world):
    for user in (world.ref_a1, world.emp_x, world.admin):
        client.force_login(user)
        assert client.get("/candidat/").status_code == 404


def test_home_shows_my_applications_messages_and_next_steps(client, world, a2):
    application = ApplicationFactory(candidate=a2, offer__title="Stage comptable")
    post_followup(application, user=world.ref_a2, body="Pense à ta lettre")
    ApplicationFactory(candidate=world.a1, offer__title="Pas à moi")
    content = client.get("/candidat/").content.decode()
    assert "Stage comptable" in content
    assert "Pense à ta lettre" in content
    assert "Pas à moi" not in content
    assert "À faire ensuite" in content


def test_another_candidates_things_answer_404(client, world, a2):
    other_app = ApplicationFactory(candidate=world.a1)
    other_doc = DocumentFactory(candidate=world.a1)
    other_sp = SponsorshipFactory(candidate=world.a1, company=world.company_x)
    for url in (
        f"/candidat/candidatures/{other_app.pk}/",
        f"/candidat/candidatures/{other_app.pk}/retirer/",
        f"/candidat/documents/{other_doc.pk}/modifier/",
        f"/candidat/documents/{other_doc.pk}/supprimer/",
        f"/documents/{other_doc.pk}/telecharger/",
        f"/candidat/parrainages/{other_sp.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    client.post(f"/candidat/documents/{other_doc.pk}/supprimer/")
    assert Document.objects.filter(pk=other_doc.pk).exists()


def test_private_notes_never_reach_the_candidate(client, world, a2):
    application = ApplicationFactory(candidate=a2)
    add_private_note(application, user=world.ref_a2, body="Note confidentielle")
    post_followup(application, user=world.ref_a2, body="Message visible")
    content = client.get(f"/candidat/candidatures/{application.pk}/").content.decode()
    assert "Message visible" in content
    assert "Note confidentielle" not in content


def test_forged_profile_post_cannot_change_establishment_autonomy_or_referents(client, world, a2):
    response = client.post(
        "/candidat/profil/",
        {
            "first_name": "Noé",
            "phone": "0600000000",
            "training": "BTS",
            "is_autonomous": "on",
            "referents": [world.ref_a1.pk],
            "establishment": world.est_b.pk,
            "birth_date": "01/01/1990",
            "rqth": "non",
        },
    )
    assert response.status_code == 302
    a2.refresh_from_db()
    a2.user.refresh_from_db()
    assert a2.user.first_name == "Noé" and a2.training == "BTS"
    assert a2.is_autonomous is False
    assert list(a2.referents.all()) == [world.ref_a2]
    assert a2.user.establishment == world.est_a
    assert a2.history.first().history_user == a2.user


def test_documents_upload_rename_replace_delete(client, a2):
    response = client.post(
        "/candidat/documents/",
        {"kind": "cv", "title": "Mon CV", "file": SimpleUploadedFile("cv.pdf", pdf_bytes("x"))},
    )
    assert response.status_code == 302
    document = Document.objects.get(candidate=a2)
    assert document.uploaded_by == a2.user
    client.post(
        f"/candidat/documents/{document.pk}/modifier/",
        {"title": "CV 2026", "file": SimpleUploadedFile("v2.pdf", pdf_bytes("v2"))},
    )
    document.refresh_from_db()
    assert document.title == "CV 2026" and document.original_name == "v2.pdf"
    confirm = client.get(f"/candidat/documents/{document.pk}/supprimer/").content.decode()
    assert "Oui, supprimer" in confirm
    client.post(f"/candidat/documents/{document.pk}/supprimer/")
    assert not Document.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(
    "name, content, message",
    [("cv.pdf", PNG, "ne correspond pas"), ("cv.pdf.exe", pdf_bytes("x"), "Type de fichier")],
)
def test_wrong_uploads_are_refused_with_the_error_next_to_the_field(
    client, a2, name, content, message
):
    response = client.post(
        "/candidat/documents/",
        {"kind": "cv", "title": "Mon CV", "file": SimpleUploadedFile(name, content)},
    )
    html = response.content.decode()
    assert message in html
    assert 'id="erreurs"' in html and 'id="id_file_error"' in html
    assert not Document.objects.filter(candidate=a2).exists()


def test_a_document_used_by_an_application_cannot_be_deleted(client, a2):
    application = ApplicationFactory(candidate=a2)
    client.post(f"/candidat/documents/{application.cv_id}/supprimer/")
    assert Document.objects.filter(pk=application.cv_id).exists()


def test_cv_builder_saves_then_generates_a_pdf(client, a2):
    data = {
        "headline": "Étudiant en BTS",
        "education": "2025 : BTS SIO, Lycée Jean Jaurès",
        "experience": "",
        "skills": "Python\nAccueil",
        "languages": "Anglais B2",
        "interests": "",
    }
    client.post("/candidat/cv/", data)
    assert a2.cv_profile.headline == "Étudiant en BTS"
    assert not Document.objects.filter(candidate=a2).exists()
    client.post("/candidat/cv/", {**data, "generate": "1"})
    document = Document.objects.get(candidate=a2, kind="cv")
    assert document.file.open("rb").read(4) == b"%PDF"


def test_empty_cv_cannot_be_generated(client, a2):
    response = client.post("/candidat/cv/", {"generate": "1"}, follow=True)
    assert "Remplissez au moins une rubrique" in response.content.decode()


def test_cover_letter_for_an_offer(client, world, a2):
    offer = JobOfferFactory(company=world.company_x, title="Stage RH")
    page = client.get(f"/candidat/lettre/?offre={offer.pk}").content.decode()
    assert "Stage RH" in page
    client.post(
        "/candidat/lettre/",
        {"offre": offer.pk, "company_name": "", "body": "Madame, Monsieur,\nJe suis motivé."},
    )
    document = Document.objects.get(candidate=a2, kind="cover_letter")
    assert "X" in document.title


def documents_of(candidate):
    return (
        DocumentFactory(candidate=candidate, kind="cv"),
        DocumentFactory(candidate=candidate, kind="cover_letter"),
    )


def test_non_autonomous_candidate_is_told_the_referent_will_validate(client, world, a2):
    offer = JobOfferFactory(company=world.company_x)
    cv, lm = documents_of(a2)
    page = client.get(f"/candidat/offres/{offer.pk}/postuler/").content.decode()
    assert "d'abord relue par votre référent" in page
    client.post(
        f"/candidat/offres/{offer.pk}/postuler/",
        {"cv": cv.pk, "cover_letter": lm.pk, "message": "Bonjour"},
    )
    assert Application.objects.get(candidate=a2).state == S.AWAITING_VALIDATION


def test_autonomous_candidate_applies_straight_or_asks_for_help(client, world):
    client.force_login(world.a1.user)
    cv, lm = documents_of(world.a1)
    offer = JobOfferFactory(company=world.company_x)
    page = client.get(f"/candidat/offres/{offer.pk}/postuler/").content.decode()
    assert "partira directement chez l'employeur" in page
    response = client.post(
        f"/candidat/offres/{offer.pk}/postuler/",
        {"cv": cv.pk, "cover_letter": lm.pk, "message": "Bonjour"},
        follow=True,
    )
    assert "envoyée à l&#x27;employeur" in response.content.decode()
    client.post(
        f"/candidat/employeurs/{world.company_y.pk}/candidature-spontanee/",
        {"cv": cv.pk, "cover_letter": lm.pk, "message": "Bonjour", "help_requested": "on"},
    )
    states = dict(Application.objects.filter(candidate=world.a1).values_list("kind", "state"))
    assert states == {"offer": S.SENT, "spontaneous": S.AWAITING_VALIDATION}


def test_applying_with_another_candidates_cv_is_refused(client, world, a2):
    offer = JobOfferFactory(company=world.company_x)
    _, lm = documents_of(a2)
    foreign_cv = DocumentFactory(candidate=world.a1, kind="cv")
    response = client.post(
        f"/candidat/offres/{offer.pk}/postuler/",
        {"cv": foreign_cv.pk, "cover_letter": lm.pk, "message": "Bonjour"},
    )
    assert response.status_code == 200
    assert not Application.objects.filter(candidate=a2).exists()


def test_withdraw_and_followups(client, world, a2):
    application = ApplicationFactory(candidate=a2, sent=True)
    client.post(f"/candidat/candidatures/{application.pk}/", {"body": "Une question"})
    assert application.followups.get().author == a2.user
    assert client.get(f"/candidat/candidatures/{application.pk}/retirer/").status_code == 200
    client.post(f"/candidat/candidatures/{application.pk}/retirer/")
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN


def test_sponsorship_request_from_a_company_page(client, world, a2):
    page = client.get(f"/candidat/employeurs/{world.company_x.pk}/").content.decode()
    assert "Demander un parrain" in page
    client.post(
        f"/candidat/employeurs/{world.company_x.pk}/parrainage/",
        {"message": "Je voudrais un parrain"},
    )
    request = SponsorshipRequest.objects.get(candidate=a2)
    assert request.state == SP.AWAITING_VALIDATION
    from workflows import sponsorships

    sponsorships.validate(request, user=world.ref_a2)
    sponsorships.accept(request, user=world.emp_x, sponsor_name="Paul Henry")
    page = client.get(f"/candidat/parrainages/{request.pk}/").content.decode()
    assert "Paul Henry" in page


def test_offer_search_filters_and_never_shows_drafts(client, world, a2):
    JobOfferFactory(
        title="Stage paris", department="75", postal_code="75011", contract_type="stage"
    )
    JobOfferFactory(
        title="CDI lyon", department="69", postal_code="69003", city="Lyon", contract_type="cdi"
    )
    JobOfferFactory(title="Brouillon secret", state="draft", published_at=None)
    content = client.get("/candidat/offres/?departement=75&contrat=stage").content.decode()
    assert "Stage paris" in content and "CDI lyon" not in content
    assert "1 résultat" in content
    assert "Brouillon secret" not in client.get("/candidat/offres/").content.decode()


def test_offer_search_uses_a_bounded_number_of_queries(
    client, world, a2, django_assert_max_num_queries
):
    JobOfferFactory.create_batch(30)
    with django_assert_max_num_queries(8):
        client.get("/candidat/offres/?offre=Offre")


def test_candidates_do_not_see_the_referent_directory(client, world, a2):
    response = client.get("/backoffice/core/directoryreferent/", follow=True)
    assert response.redirect_chain[-1][0] == "/candidat/"
