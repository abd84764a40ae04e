"""The candidate space in a real browser: zero WCAG 2.1 A/AA violations (axe-core) on every
page in its empty, error and success states, and a keyboard-only journey."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.models import Application, Document, User
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CandidateFactory,
    CompanyFactory,
    DocumentFactory,
    EstablishmentFactory,
    JobOfferFactory,
    SponsorshipFactory,
    UserFactory,
)
from workflows.accounts import invitation_url

pytestmark = pytest.mark.django_db(transaction=True)
AXE = Axe()
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page, state):
    results = AXE.run(page, options=WCAG)
    assert results.violations_count == 0, f"{state} ({page.url}):\n" + results.generate_report()


@pytest.fixture
def setup(db):
    establishment = EstablishmentFactory()
    referent = UserFactory(referent=True, establishment=establishment)
    company = CompanyFactory(name="Entreprise Accessible", description="Partenaire.")
    offer = JobOfferFactory(company=company, title="Stage accueil", is_generic=True)
    candidate = CandidateFactory(
        user__establishment=establishment, user__first_name="Léa", referents=[referent]
    )
    return {"referent": referent, "company": company, "offer": offer, "candidate": candidate}


def login(page, live_server, email):
    page.goto(f"{live_server.url}/connexion/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/candidat/$"))


def visit(page, live_server, path):
    page.goto(live_server.url + path)
    page.wait_for_load_state()


def test_public_pages_are_accessible(page, live_server, setup):
    visit(page, live_server, "/connexion/")
    assert_accessible(page, "connexion vide")
    page.fill("#id_username", "personne@example.test")
    page.fill("#id_password", "faux")
    page.click("button[type=submit]")
    assert "incorrect" in page.content()
    assert_accessible(page, "connexion erreur")
    visit(page, live_server, "/connexion/mot-de-passe-oublie/")
    assert_accessible(page, "mot de passe oublié")
    page.fill("#id_email", "personne@example.test")
    page.click("button[type=submit]")
    assert_accessible(page, "mot de passe oublié envoyé")
    visit(page, live_server, "/connexion/invitation/MQ/mauvais-jeton/")
    assert "Lien expiré" in page.content()
    assert_accessible(page, "invitation expirée")


def test_empty_states_are_accessible(page, live_server, setup):
    login(page, live_server, setup["candidate"].user.email)
    for path, state in (
        ("/candidat/", "accueil vide"),
        ("/candidat/documents/", "documents vides"),
        ("/candidat/cv/", "CV vide"),
        ("/candidat/lettre/", "lettre vide"),
        ("/candidat/profil/", "profil"),
        ("/candidat/profil/mot-de-passe/", "mot de passe"),
        ("/candidat/offres/", "offres"),
        ("/candidat/offres/?offre=introuvable", "offres sans résultat"),
        (f"/candidat/offres/{setup['offer'].pk}/", "offre générique"),
        (f"/candidat/offres/{setup['offer'].pk}/postuler/", "postuler sans documents"),
        ("/candidat/employeurs/", "employeurs"),
        (f"/candidat/employeurs/{setup['company'].pk}/", "employeur"),
        (f"/candidat/employeurs/{setup['company'].pk}/parrainage/", "demande de parrainage"),
    ):
        visit(page, live_server, path)
        assert page.title().endswith("Atouts pour tous")
        assert_accessible(page, state)


def test_error_states_are_accessible(page, live_server, setup, tmp_path):
    login(page, live_server, setup["candidate"].user.email)
    visit(page, live_server, "/candidat/documents/")
    fake = tmp_path / "cv.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.fill("#id_title", "Mon CV")
    page.set_input_files("#id_file", str(fake))
    page.click("form[enctype] button[type=submit]")
    assert "ne correspond pas" in page.content()
    assert page.evaluate("document.activeElement.id") == "erreurs"
    assert_accessible(page, "document refusé")

    visit(page, live_server, "/candidat/profil/")
    page.fill("#id_diploma_year", "1800")
    page.click("main form button[type=submit]")
    assert "Année de diplôme invalide" in page.content()
    assert_accessible(page, "profil erreur")

    visit(page, live_server, "/candidat/cv/")
    page.click("button[name=generate]")
    assert "Remplissez au moins une rubrique" in page.content()
    assert_accessible(page, "CV erreur")

    visit(page, live_server, "/candidat/lettre/")
    page.click("main form button[type=submit]")
    assert_accessible(page, "lettre erreur")

    visit(page, live_server, f"/candidat/offres/{setup['offer'].pk}/postuler/")
    page.fill("#id_message", "")
    page.click("main form button[type=submit]")
    assert_accessible(page, "postuler erreur")

    visit(page, live_server, f"/candidat/employeurs/{setup['company'].pk}/parrainage/")
    page.click("main form button[type=submit]")
    assert_accessible(page, "parrainage erreur")

    visit(page, live_server, "/candidat/profil/mot-de-passe/")
    page.fill("#id_old_password", "faux")
    page.click("main form button[type=submit]")
    assert_accessible(page, "mot de passe erreur")


def test_success_states_are_accessible(page, live_server, setup):
    candidate = setup["candidate"]
    cv = DocumentFactory(candidate=candidate, kind="cv", title="CV Léa")
    DocumentFactory(candidate=candidate, kind="cover_letter", title="Lettre Léa")
    application = ApplicationFactory(candidate=candidate, offer=setup["offer"], sent=True)
    sponsorship = SponsorshipFactory(candidate=candidate, company=setup["company"])
    login(page, live_server, candidate.user.email)

    visit(page, live_server, "/candidat/profil/")
    page.fill("#id_training", "BTS")
    page.click("main form button[type=submit]")
    assert page.locator("[role=status]").count() == 1
    assert_accessible(page, "profil enregistré")

    visit(page, live_server, "/candidat/cv/")
    page.fill("#id_skills", "Accueil du public")
    page.click("button[name=generate]")
    assert "ajouté à vos documents" in page.content()
    assert_accessible(page, "CV généré")

    for path, state in (
        ("/candidat/", "accueil rempli"),
        (f"/candidat/documents/{cv.pk}/modifier/", "modifier un document"),
        (f"/candidat/documents/{cv.pk}/supprimer/", "supprimer un document utilisé"),
        (f"/candidat/candidatures/{application.pk}/", "candidature"),
        (f"/candidat/candidatures/{application.pk}/retirer/", "retirer"),
        (f"/candidat/parrainages/{sponsorship.pk}/", "parrainage"),
        (f"/candidat/offres/{setup['offer'].pk}/", "offre déjà postulée"),
    ):
        visit(page, live_server, path)
        assert_accessible(page, state)

    visit(page, live_server, f"/candidat/candidatures/{application.pk}/")
    page.fill("#id_body", "Merci !")
    page.click("main form button[type=submit]")
    assert "Merci !" in page.content()
    assert_accessible(page, "message envoyé")


def test_pages_reflow_at_320px_without_horizontal_scroll(browser, live_server, setup):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    login(page, live_server, setup["candidate"].user.email)
    for path in ("/candidat/", "/candidat/offres/", "/candidat/documents/"):
        visit(page, live_server, path)
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, path
    context.close()


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching ``selector`` has the focus (keyboard reachability)."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} n'est pas atteignable au clavier")


def test_keyboard_only_journey_set_password_upload_a_cv_apply(page, live_server, setup, tmp_path):
    from core.management.commands.seed_demo import pdf_bytes

    establishment = setup["candidate"].user.establishment
    account = User.objects.create_user(
        "nouvelle@example.test",
        last_name="Nouvelle",
        first_name="Inès",
        role="candidate",
        establishment=establishment,
    )
    CandidateFactory._meta.model.objects.create(user=account, birth_date="2001-01-01")
    account.candidate.referents.set([setup["referent"]])

    # 1. Set the password from the invitation link.
    page.goto(live_server.url + invitation_url(account))
    tab_to(page, "#id_new_password1")
    page.keyboard.type("Un-Mot-De-Passe-Solide-2026")
    page.keyboard.press("Tab")
    page.keyboard.type("Un-Mot-De-Passe-Solide-2026")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/candidat/$"))

    # 2. Upload a CV.
    tab_to(page, "nav a[href='/candidat/documents/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/candidat/documents/$"))
    tab_to(page, "#id_kind")
    tab_to(page, "#id_title")
    page.keyboard.type("Mon CV")
    tab_to(page, "#id_file")
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(pdf_bytes("CV"))
    # A file chooser cannot be driven headless: the focused input receives the file.
    page.set_input_files("#id_file", str(cv))
    tab_to(page, "form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Votre document est enregistré" in page.content()
    page.select_option("#id_kind", "cover_letter")
    page.locator("#id_title").focus()
    page.keyboard.type("Ma lettre")
    page.set_input_files("#id_file", str(cv))
    tab_to(page, "form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Document.objects.filter(candidate__user=account).count() == 2

    # 3. Apply to an offer.
    page.goto(f"{live_server.url}/candidat/offres/{setup['offer'].pk}/")
    tab_to(page, f"a[href='/candidat/offres/{setup['offer'].pk}/postuler/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/postuler/$"))
    assert "d'abord relue par votre référent" in page.content()
    tab_to(page, "#id_cv")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_cover_letter")
    page.keyboard.press("ArrowDown")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/candidatures/\d+/$"))
    assert "Votre candidature est enregistrée" in page.content()
    application = Application.objects.get(candidate__user=account)
    assert application.offer == setup["offer"]
    assert application.state == "awaiting_validation"
