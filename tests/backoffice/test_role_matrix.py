"""Every candidate screen × every role: allowed (200), out of scope (404), or not a staff
member at all (sent away from the back-office)."""

import pytest

from tests.factories import ApplicationFactory, DocumentFactory, SponsorshipFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "cdm_a", "cdm_b", "ref_a2", "ref_a1", "emp_x", "candidate"]
# For candidate a2 (establishment A, cohort of ref_a2).
EXPECTED = {
    "admin": 200,
    "cdm_a": 200,
    "cdm_b": 404,
    "ref_a2": 200,
    "ref_a1": 404,
    "emp_x": "away",
    "candidate": "away",
}


def user_for(world, role):
    return world.a2.user if role == "candidate" else getattr(world, role)


@pytest.fixture
def a2_objects(world):
    application = ApplicationFactory(candidate=world.a2, offer__company=world.company_x)
    return {
        "document": DocumentFactory(candidate=world.a2),
        "application": application,
        "sponsorship": SponsorshipFactory(candidate=world.a2, company=world.company_x),
    }


SCREENS = [
    "/backoffice/core/candidate/{c}/dossier/",
    "/backoffice/core/candidate/{c}/change/",
    "/backoffice/core/candidate/{c}/history/",
    "/backoffice/core/document/{d}/change/",
    "/backoffice/core/application/{a}/change/",
    "/backoffice/core/application/{a}/history/",
    "/backoffice/core/sponsorshiprequest/{s}/change/",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("screen", SCREENS)
def test_object_screens(client, world, a2_objects, role, screen):
    client.force_login(user_for(world, role))
    url = screen.format(
        c=world.a2.pk,
        d=a2_objects["document"].pk,
        a=a2_objects["application"].pk,
        s=a2_objects["sponsorship"].pk,
    )
    response = client.get(url)
    expected = EXPECTED[role]
    if expected == "away":
        assert response.status_code == 302
        assert not response["Location"].startswith("/backoffice/core/")
    else:
        assert response.status_code == expected, url


LIST_SCREENS = [
    "/backoffice/core/candidate/",
    "/backoffice/core/candidate/add/",
    "/backoffice/core/candidate/import/",
    "/backoffice/core/document/",
    "/backoffice/core/application/",
    "/backoffice/core/sponsorshiprequest/",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("screen", LIST_SCREENS)
def test_list_screens(client, world, role, screen):
    client.force_login(user_for(world, role))
    response = client.get(screen)
    if EXPECTED[role] == "away":
        assert response.status_code == 302
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_document_download(client, world, a2_objects, role):
    client.force_login(user_for(world, role))
    response = client.get(a2_objects["document"].get_download_url())
    allowed = role in ("admin", "cdm_a", "ref_a2", "candidate")
    assert response.status_code == (200 if allowed else 404)
