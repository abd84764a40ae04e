"""Who sees what: objects outside the user's scope answer 404 on every admin URL."""

import pytest

from tests.factories import ApplicationFactory, DocumentFactory, SponsorshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_objects(world):
    application = ApplicationFactory(candidate=world.b1, offer__company=world.company_x)
    return {
        "candidate": world.b1,
        "document": DocumentFactory(candidate=world.b1),
        "application": application,
        "sponsorship": SponsorshipFactory(candidate=world.b1, company=world.company_x),
        "user": world.ref_b1,
        "establishment": world.est_b,
    }


def urls_of(objects):
    c, d, a, s = (
        objects["candidate"].pk,
        objects["document"].pk,
        objects["application"].pk,
        objects["sponsorship"].pk,
    )
    return [
        f"/backoffice/core/candidate/{c}/change/",
        f"/backoffice/core/candidate/{c}/dossier/",
        f"/backoffice/core/candidate/{c}/history/",
        f"/backoffice/core/document/{d}/change/",
        f"/backoffice/core/document/{d}/history/",
        f"/documents/{d}/telecharger/",
        f"/backoffice/core/application/{a}/change/",
        f"/backoffice/core/application/{a}/history/",
        f"/backoffice/core/application/{a}/delete/",
        f"/backoffice/core/sponsorshiprequest/{s}/change/",
        f"/backoffice/core/sponsorshiprequest/{s}/history/",
        f"/backoffice/core/user/{objects['user'].pk}/change/",
        f"/backoffice/core/user/{objects['user'].pk}/history/",
        f"/backoffice/core/establishment/{objects['establishment'].pk}/change/",
    ]


@pytest.mark.parametrize("who", ["ref_a1", "ref_a2", "cdm_a"])
def test_staff_of_a_get_404_on_every_url_of_objects_of_b(client, world, b_objects, who):
    client.force_login(getattr(world, who))
    for url in urls_of(b_objects):
        assert client.get(url).status_code == 404, url


def test_admin_sees_b(client, world, b_objects):
    client.force_login(world.admin)
    for url in urls_of(b_objects)[:4]:
        assert client.get(url).status_code == 200, url


def test_referent_outside_the_cohort_gets_404_on_a_colleagues_candidate(client, world):
    client.force_login(world.ref_a1)
    assert client.get(f"/backoffice/core/candidate/{world.a2.pk}/dossier/").status_code == 404
    assert client.get(f"/backoffice/core/candidate/{world.a1.pk}/dossier/").status_code == 200


def test_changelist_lists_only_the_scope(client, world):
    client.force_login(world.ref_a1)
    content = client.get("/backoffice/core/candidate/").content.decode()
    assert world.a1.user.full_name in content
    assert world.a2.user.full_name not in content
    assert world.b1.user.full_name not in content
    client.force_login(world.cdm_a)
    content = client.get("/backoffice/core/candidate/").content.decode()
    assert world.a1.user.full_name in content and world.a2.user.full_name in content
    assert world.b1.user.full_name not in content


def test_a_forged_candidate_of_another_establishment_is_refused(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.management.commands.seed_demo import pdf_bytes
    from core.models import Document

    client.force_login(world.ref_a1)
    response = client.post(
        "/backoffice/core/document/add/",
        {
            "candidate": world.b1.pk,
            "kind": "cv",
            "title": "Intrus",
            "file": SimpleUploadedFile("cv.pdf", pdf_bytes("x")),
        },
    )
    assert response.status_code == 200
    assert not Document.objects.filter(title="Intrus").exists()


def test_autocomplete_never_offers_a_candidate_out_of_scope(client, world):
    url = (
        "/backoffice/autocomplete/?app_label=core&model_name=document&field_name=candidate&term=Nom"
    )
    client.force_login(world.ref_a1)
    ids = {int(r["id"]) for r in client.get(url).json()["results"]}
    assert world.a1.pk in ids
    assert world.a2.pk not in ids and world.b1.pk not in ids
    client.force_login(world.emp_x)
    assert client.get(url).status_code in (302, 403)
