"""Offer search, employer space, companies and the directory."""

from datetime import timedelta
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.enums import OfferState
from core.models import Company, JobOffer
from tests.factories import ApplicationFactory, JobOfferFactory, UserFactory

pytestmark = pytest.mark.django_db
SEARCH = "/backoffice/core/joboffer/"


def listed(client, url):
    content = client.get(url).content.decode()
    return {
        o.reference
        for o in JobOffer.objects.all()
        if f">{o.title}<" in content or escape(o.reference) in content
    }


@pytest.fixture
def offers(world):
    return {
        "paris_stage": JobOfferFactory(
            company=world.company_x,
            title="Développeur web",
            reference="X-1",
            department="75",
            postal_code="75011",
            city="Paris",
            contract_type="stage",
            sector="informatique",
        ),
        "paris_cdi": JobOfferFactory(
            company=world.company_x,
            title="Comptable",
            reference="X-2",
            department="75",
            postal_code="75013",
            city="Paris",
            contract_type="cdi",
            sector="banque",
        ),
        "essonne": JobOfferFactory(
            company=world.company_y,
            title="Développeur data",
            reference="Y-1",
            department="91",
            postal_code="91000",
            city="Évry",
            contract_type="stage",
            sector="informatique",
            is_generic=True,
        ),
        "draft": JobOfferFactory(
            company=world.company_y,
            title="Brouillon",
            reference="Y-2",
            state="draft",
            published_at=None,
        ),
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"X-1", "X-2", "Y-1"}),
        ("?departement=75", {"X-1", "X-2"}),
        ("?code_postal=7501", {"X-1", "X-2"}),
        ("?code_postal=75011", {"X-1"}),
        ("?offre=développeur", {"X-1", "Y-1"}),
        ("?employeur=Y", {"Y-1"}),
        ("?reference=X-2", {"X-2"}),
        ("?sector__exact=informatique", {"X-1", "Y-1"}),
        ("?contract_type__exact=stage&departement=91", {"Y-1"}),
        ("?offre=développeur&departement=75&contract_type__exact=stage", {"X-1"}),
        ("?is_generic__exact=1", {"Y-1"}),
    ],
)
def test_filters_return_exactly_the_matching_published_offers(
    client, world, offers, query, expected
):
    client.force_login(world.ref_a1)
    response = client.get(SEARCH + query)
    content = response.content.decode()
    shown = {o.reference for o in offers.values() if f"{o.reference}</" in content}
    assert shown == expected
    assert f"{len(expected)} " in content


def test_admin_sees_drafts_others_do_not(client, world, offers):
    for user, sees in (
        (world.admin, True),
        (world.cdm_a, False),
        (world.emp_x, False),
        (world.emp_y, True),
    ):
        client.force_login(user)
        url = f"/backoffice/core/joboffer/{offers['draft'].pk}/change/"
        if user.role == "employer":
            url = f"/employeur/core/joboffer/{offers['draft'].pk}/change/"
            if user == world.emp_y:
                url = f"/employeur/core/ownoffer/{offers['draft'].pk}/change/"
        assert (client.get(url).status_code == 200) is sees


def test_offer_page_explains_generic_offers_and_lists_applicants_in_scope(client, world, offers):
    ApplicationFactory(candidate=world.a1, offer=offers["essonne"], sent=True)
    ApplicationFactory(candidate=world.b1, offer=offers["essonne"], sent=True)
    client.force_login(world.ref_a1)
    content = client.get(f"{SEARCH}{offers['essonne'].pk}/change/").content.decode()
    assert "service dédié au recrutement des travailleurs handicapés" in content
    assert world.a1.user.full_name in content
    assert world.b1.user.full_name not in content


def test_search_uses_the_same_number_of_queries_at_10_and_1000_offers(client, world):
    client.force_login(world.ref_a1)
    JobOfferFactory.create_batch(10, company=world.company_x)
    url = SEARCH + "?departement=75&contract_type__exact=stage&offre=Offre"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    now = timezone.now()
    JobOffer.objects.bulk_create(
        JobOffer(
            company=world.company_y if i % 2 else world.company_x,
            title=f"Offre b{i}",
            reference=f"B-{i}",
            description="d",
            contract_type="stage",
            sector="btp",
            department="75",
            postal_code="75011",
            city="Paris",
            state="published",
            published_at=now,
        )
        for i in range(990)
    )
    assert count() == small


# --- employer space -------------------------------------------------------------------

OWN = "/employeur/core/ownoffer/"


def offer_post(**extra):
    data = {
        "title": "Assistant RH",
        "reference": "RH-1",
        "description": "Poste",
        "contract_type": "cdd",
        "sector": "services",
        "department": "92",
        "postal_code": "92100",
        "city": "Boulogne",
        "duration": "6 mois",
    }
    data.update(extra)
    return data


def test_employer_creates_publishes_closes_and_duplicates_its_offer(client, world):
    client.force_login(world.emp_x)
    response = client.post(OWN + "add/", offer_post(company=world.company_y.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = JobOffer.objects.get(reference="RH-1")
    assert offer.company == world.company_x  # a forged company id is ignored
    assert offer.state == OfferState.DRAFT
    client.post(f"{OWN}{offer.pk}/publish/")
    offer.refresh_from_db()
    assert offer.state == OfferState.PUBLISHED and offer.published_at
    client.post(f"{OWN}{offer.pk}/close/")
    offer.refresh_from_db()
    assert offer.state == OfferState.CLOSED
    client.post(f"{OWN}{offer.pk}/duplicate/")
    copy = JobOffer.objects.exclude(pk=offer.pk).get(company=world.company_x, title="Assistant RH")
    assert copy.state == OfferState.DRAFT and copy.reference != offer.reference
    assert offer.history.first().history_user == world.emp_x


def test_employer_cannot_touch_another_companys_offers(client, world, offers):
    client.force_login(world.emp_x)
    y_offer = offers["essonne"]
    assert client.get(f"{OWN}{y_offer.pk}/change/").status_code == 404
    client.post(f"{OWN}{y_offer.pk}/change/", offer_post(title="Piraté"))
    client.post(f"{OWN}{y_offer.pk}/close/")
    y_offer.refresh_from_db()
    assert y_offer.title != "Piraté" and y_offer.state == OfferState.PUBLISHED
    # Published offers of others are readable, not editable.
    page = client.get(f"/employeur/core/joboffer/{y_offer.pk}/change/")
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"postal_code": "75011"}, "n&#x27;appartient pas au département"),
        ({"reference": "X-1"}, "déjà utilisée"),
        ({"postal_code": "9210"}, "5 chiffres"),
    ],
)
def test_bad_offer_input_is_refused(client, world, offers, extra, message):
    client.force_login(world.emp_x)
    response = client.post(OWN + "add/", offer_post(**extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not JobOffer.objects.filter(title="Assistant RH").exists()


def test_expiry_before_publication_is_refused():
    now = timezone.now()
    offer = JobOffer(
        published_at=now, expires_at=now - timedelta(days=1), postal_code="75011", department="75"
    )
    with pytest.raises(Exception, match="postérieure"):
        offer.clean()


def test_invalid_siret_is_refused_with_a_french_message(client, world):
    client.force_login(world.admin)
    data = {"name": "Nouvelle", "siret": "12345678901234", "sector": "btp"}
    response = client.post(
        "/backoffice/core/company/add/",
        {
            **data,
            "contacts-TOTAL_FORMS": 0,
            "contacts-INITIAL_FORMS": 0,
            "offers-TOTAL_FORMS": 0,
            "offers-INITIAL_FORMS": 0,
        },
    )
    assert "clé de contrôle" in response.content.decode()
    assert not Company.objects.filter(name="Nouvelle").exists()


def test_directory_shows_only_filled_fields_and_not_to_candidates(client, world):
    UserFactory(
        referent=True,
        establishment=world.est_b,
        last_name="Sansphone",
        phone="",
        function="Référente",
    )
    client.force_login(world.emp_x)
    content = client.get("/employeur/core/directoryreferent/").content.decode()
    assert "SANSPHONE" in content
    assert "None" not in content
    client.force_login(world.ref_a1)
    response = client.get(
        f"/backoffice/core/directoryreferent/?establishment__id__exact={world.est_b.pk}"
    )
    assert "SANSPHONE" in response.content.decode()
    assert world.ref_a1.full_name not in response.content.decode()
    client.force_login(world.a1.user)
    assert (
        client.get("/backoffice/core/directoryreferent/", follow=True).redirect_chain[-1][0]
        == "/candidat/"
    )


def test_employer_directory_shows_published_offers_and_contacts(client, world, offers):
    from core.models import CompanyContact

    CompanyContact.objects.create(company=world.company_y, name="Mission handicap Y")
    client.force_login(world.emp_x)
    content = client.get(
        f"/employeur/core/directorycompany/{world.company_y.pk}/change/"
    ).content.decode()
    assert "Mission handicap Y" in content
    assert "Développeur data" in content
    assert "Brouillon" not in content


def test_employer_invites_a_colleague_into_its_own_company_only(
    client, world, mailoutbox, run_on_commit
):
    from core.models import User

    client.force_login(world.emp_x)
    with run_on_commit():
        response = client.post(
            "/employeur/core/user/add/",
            {
                "last_name": "Collègue",
                "first_name": "Léo",
                "email": "leo@x.example",
                "company": world.company_y.pk,
                "role": "admin",
            },
        )
    assert response.status_code == 302, response.content.decode()[:1500]
    colleague = User.objects.get(email="leo@x.example")
    assert colleague.company == world.company_x and colleague.role == "employer"
    assert [m.to for m in mailoutbox] == [["leo@x.example"]]
    colleagues = client.get("/employeur/core/user/").content.decode()
    assert "COLLÈGUE" in colleagues and world.emp_y.email not in colleagues


def test_staff_form_refuses_a_reference_already_used_by_the_company(client, world, offers):
    client.force_login(world.admin)
    response = client.post(
        "/backoffice/core/joboffer/add/", offer_post(company=world.company_x.pk, reference="X-1")
    )
    assert response.status_code == 200
    assert "déjà utilisée par une offre de l&#x27;entreprise" in response.content.decode()
    assert JobOffer.objects.filter(reference="X-1").count() == 1


def test_employer_edits_its_company_profile_only(client, world):
    client.force_login(world.emp_x)
    url = f"/employeur/core/company/{world.company_x.pk}/change/"
    data = {
        "name": "X",
        "sector": "informatique",
        "description": "Nouvelle présentation",
        "website": "",
        "address": "",
        "postal_code": "",
        "city": "",
        "contacts-TOTAL_FORMS": 0,
        "contacts-INITIAL_FORMS": 0,
        "offers-TOTAL_FORMS": 0,
        "offers-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    world.company_x.refresh_from_db()
    assert world.company_x.description == "Nouvelle présentation"
    other = f"/employeur/core/company/{world.company_y.pk}/change/"
    assert client.get(other).status_code == 404
