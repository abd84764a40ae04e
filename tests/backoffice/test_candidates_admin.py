"""'Mes candidats': list columns and filters, dossier screen, the référent's whole journey."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.management.commands.seed_demo import pdf_bytes
from core.models import Candidate
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_list_shows_the_columns_and_filters(client, world):
    ApplicationFactory(candidate=world.a2)
    client.force_login(world.cdm_a)
    content = client.get("/backoffice/core/candidate/").content.decode()
    for label in ("Référents", "Autonome", "Mineur", "En attente de validation"):
        assert label in content
    awaiting = client.get("/backoffice/core/candidate/?en_attente=oui").content.decode()
    assert world.a2.user.full_name in awaiting and world.a1.user.full_name not in awaiting
    by_referent = client.get(
        f"/backoffice/core/candidate/?referent={world.ref_a1.pk}"
    ).content.decode()
    assert world.a1.user.full_name in by_referent
    assert world.a2.user.full_name not in by_referent
    searched = client.get("/backoffice/core/candidate/?q=cand.a2").content.decode()
    assert world.a2.user.full_name in searched and world.a1.user.full_name not in searched


def test_dossier_shows_identity_studies_and_application_tabs(client, world):
    world.a2.training = "Licence de lettres"
    world.a2.project = "Être enseignante"
    world.a2.save()
    spontaneous = ApplicationFactory(
        candidate=world.a2, kind="spontaneous", offer=None, company=world.company_y
    )
    to_offer = ApplicationFactory(candidate=world.a2, offer__title="Stage lettres")
    client.force_login(world.ref_a2)
    url = f"/backoffice/core/candidate/{world.a2.pk}/dossier/"
    content = client.get(url).content.decode()
    for text in (
        "Licence de lettres",
        "Être enseignante",
        "Retour aux candidats",
        "Voir les documents du candidat",
        "Toutes les candidatures",
        "Candidatures spontanées",
        "Candidatures aux offres",
        "Demandes de parrainage",
        "2 résultats",
    ):
        assert text in content, text
    offers_tab = client.get(url + "?onglet=offres").content.decode()
    assert "Stage lettres" in offers_tab and "Candidature spontanée" not in offers_tab
    spontaneous_tab = client.get(url + "?onglet=spontanees").content.decode()
    assert "Candidature spontanée" in spontaneous_tab
    assert to_offer.offer.title not in spontaneous_tab
    assert spontaneous.pk


def test_referent_journey_create_import_fix_upload_and_see_the_dossier(
    client, world, mailoutbox, run_on_commit
):
    """A référent creates a candidate, imports a cohort of 50 from the template, fixes the
    reported errors and re-imports, uploads a CV, and sees everything in the dossier."""
    from tests.backoffice.test_accounts_admin import ADD_CANDIDATE, candidate_post
    from tests.backoffice.test_candidate_import import confirm, preview

    client.force_login(world.ref_a1)
    with run_on_commit():
        client.post(ADD_CANDIDATE, candidate_post(world.est_a, [], i_am_referent="on"))
    created = Candidate.objects.get(user__email="jeune@example.test")

    header = (ROOT / "fixtures" / "modele-import-candidats.csv").read_text().splitlines()[0]
    rows = [f"Nom{i},Prénom{i},eleve{i}@exemple.fr,01/01/2001,non,BTS,non," for i in range(50)]
    rows[7] = "Nom7,Prénom7,eleve7@exemple.fr,31/02/2001,non,BTS,non,"
    rows[30] = "Nom30,Prénom30,pas-un-email,01/01/2001,non,BTS,non,"
    bad = ("\n".join([header, *rows]) + "\n").encode()
    html = preview(client, bad).content.decode()
    assert "31/02/2001" in html and "Adresse email invalide" in html
    assert not Candidate.objects.filter(user__email__startswith="eleve").exists()
    rows[7] = "Nom7,Prénom7,eleve7@exemple.fr,28/02/2001,non,BTS,non,"
    rows[30] = "Nom30,Prénom30,eleve30@exemple.fr,01/01/2001,non,BTS,non,"
    good = ("\n".join([header, *rows]) + "\n").encode()
    mailoutbox.clear()
    with run_on_commit():
        confirm(client, preview(client, good))
    assert Candidate.objects.filter(user__email__startswith="eleve").count() == 50
    assert len(mailoutbox) == 50

    response = client.post(
        "/backoffice/core/document/add/",
        {
            "candidate": created.pk,
            "kind": "cv",
            "title": "CV 2026",
            "file": SimpleUploadedFile("cv.pdf", pdf_bytes("CV")),
        },
    )
    assert response.status_code == 302
    dossier = client.get(f"/backoffice/core/candidate/{created.pk}/dossier/").content.decode()
    assert world.ref_a1.full_name in dossier and "jeune@example.test" in dossier
    documents = client.get(
        f"/backoffice/core/document/?candidate__id__exact={created.pk}"
    ).content.decode()
    assert "CV 2026" in documents


def test_my_account_updates_the_directory(client, world):
    client.force_login(world.ref_a1)
    assert client.get("/backoffice/mon-compte/").status_code == 200
    client.post(
        "/backoffice/mon-compte/",
        {
            "last_name": "Dubois",
            "first_name": "Nadia",
            "function": "Référente handicap",
            "phone": "0102030405",
        },
    )
    world.ref_a1.refresh_from_db()
    assert world.ref_a1.phone == "0102030405"
    client.force_login(world.emp_x)
    assert "0102030405" in client.get("/employeur/core/directoryreferent/").content.decode()


def test_dossier_offers_to_add_a_document_for_this_candidate(client, world):
    client.force_login(world.ref_a1)
    dossier = client.get(f"/backoffice/core/candidate/{world.a1.pk}/dossier/").content.decode()
    url = f"/backoffice/core/document/add/?candidate={world.a1.pk}"
    assert url.replace("&", "&amp;") in dossier or url in dossier
    form = client.get(url).content.decode()
    assert f'value="{world.a1.pk}" selected' in form
