"""The creation hierarchy through the real admin views, and account actions."""

import pytest

from core.models import Candidate, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADD_USER = "/backoffice/core/user/add/"
ADD_CANDIDATE = "/backoffice/core/candidate/add/"


def account_post(role, world, email="nouveau@example.test", establishment=None, company=None):
    data = {"role": role, "last_name": "Nouveau", "first_name": "Compte", "email": email}
    if establishment is not None:
        data["establishment"] = establishment.pk
    if company is not None:
        data["company"] = company.pk
    return data


@pytest.mark.parametrize(
    "creator, role, allowed",
    [
        ("admin", "admin", True),
        ("admin", "charge_de_mission", True),
        ("admin", "referent", True),
        ("admin", "employer", True),
        ("cdm_a", "referent", True),
        ("cdm_a", "charge_de_mission", False),
        ("cdm_a", "admin", False),
        ("cdm_a", "employer", False),
        ("ref_a1", "referent", False),
        ("ref_a1", "charge_de_mission", False),
    ],
)
def test_creation_hierarchy(client, world, mailoutbox, run_on_commit, creator, role, allowed):
    client.force_login(getattr(world, creator))
    establishment = world.est_a if role in ("referent", "charge_de_mission") else None
    company = world.company_x if role == "employer" else None
    with run_on_commit():
        response = client.post(
            ADD_USER, account_post(role, world, establishment=establishment, company=company)
        )
    created = User.objects.filter(email="nouveau@example.test").first()
    if allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert created is not None and created.role == role
        assert created.created_by == getattr(world, creator)
        assert not created.has_usable_password()
        assert [m.to for m in mailoutbox] == [["nouveau@example.test"]]
        assert created.history.first().history_user == getattr(world, creator)
    else:
        assert response.status_code in (200, 403)
        assert created is None
        assert mailoutbox == []


def test_cdm_cannot_forge_a_referent_for_another_establishment(client, world):
    client.force_login(world.cdm_a)
    response = client.post(ADD_USER, account_post("referent", world, establishment=world.est_b))
    assert response.status_code == 200
    assert not User.objects.filter(email="nouveau@example.test").exists()


def test_duplicate_email_in_any_case_is_refused_with_a_french_error(client, world):
    client.force_login(world.admin)
    data = account_post(
        "referent", world, email=world.ref_a1.email.upper(), establishment=world.est_a
    )
    response = client.post(ADD_USER, data)
    assert "Un compte existe déjà avec cette adresse email." in response.content.decode()
    assert User.objects.filter(email__iexact=world.ref_a1.email).count() == 1


def candidate_post(establishment, referents, email="jeune@example.test", **extra):
    data = {
        "last_name": "Jeune",
        "first_name": "Léa",
        "email": email,
        "birth_date": "01/02/2000",
        "establishment": establishment.pk,
        "referents": [r.pk for r in referents],
        "rqth": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("creator", ["admin", "cdm_a", "ref_a1"])
def test_staff_create_candidates_of_their_establishment(
    client, world, mailoutbox, run_on_commit, creator
):
    client.force_login(getattr(world, creator))
    with run_on_commit():
        response = client.post(ADD_CANDIDATE, candidate_post(world.est_a, [world.ref_a1]))
    assert response.status_code == 302, response.content.decode()[:3000]
    candidate = Candidate.objects.get(user__email="jeune@example.test")
    assert candidate.user.establishment == world.est_a
    assert list(candidate.referents.all()) == [world.ref_a1]
    assert [m.to for m in mailoutbox] == [["jeune@example.test"]]


def test_i_am_their_referent_adds_the_creator(client, world):
    client.force_login(world.ref_a2)
    response = client.post(ADD_CANDIDATE, candidate_post(world.est_a, [], i_am_referent="on"))
    assert response.status_code == 302
    candidate = Candidate.objects.get(user__email="jeune@example.test")
    assert list(candidate.referents.all()) == [world.ref_a2]


def test_referent_forging_another_establishment_creates_nothing(client, world):
    client.force_login(world.ref_a1)
    response = client.post(ADD_CANDIDATE, candidate_post(world.est_b, [world.ref_b1]))
    assert not Candidate.objects.filter(user__email="jeune@example.test").exists()
    assert response.status_code == 200


def test_minor_without_family_contact_is_refused(client, world):
    client.force_login(world.ref_a1)
    response = client.post(
        ADD_CANDIDATE, candidate_post(world.est_a, [world.ref_a1], birth_date="01/01/2015")
    )
    assert "contact famille" in response.content.decode()
    assert not Candidate.objects.filter(user__email="jeune@example.test").exists()


def test_employers_and_candidates_cannot_create_accounts(client, world):
    for user in (world.emp_x, world.a1.user):
        client.force_login(user)
        client.post(ADD_CANDIDATE, candidate_post(world.est_a, [world.ref_a1]))
        client.post(ADD_USER, account_post("referent", world, establishment=world.est_a))
    assert not User.objects.filter(email__in=["jeune@example.test", "nouveau@example.test"])


def test_resend_invitation_and_deactivate_need_a_confirmed_post(
    client, world, mailoutbox, run_on_commit
):
    client.force_login(world.cdm_a)
    url = f"/backoffice/core/user/{world.ref_a1.pk}/change/"
    resend = f"/backoffice/core/user/{world.ref_a1.pk}/resend_invitation_detail/"
    assert client.get(url).status_code == 200
    assert client.get(resend).status_code == 200  # confirmation page
    assert mailoutbox == []
    with run_on_commit():
        client.post(resend)
    assert [m.to for m in mailoutbox] == [[world.ref_a1.email]]
    client.post(f"/backoffice/core/user/{world.ref_a1.pk}/deactivate_detail/")
    world.ref_a1.refresh_from_db()
    assert not world.ref_a1.is_active
    assert User.objects.filter(pk=world.ref_a1.pk).exists()  # deactivated, never deleted


def test_a_referent_needs_an_establishment_and_an_employer_a_company(client, world):
    client.force_login(world.admin)
    response = client.post(ADD_USER, account_post("referent", world))
    assert "L&#x27;établissement est obligatoire pour ce rôle." in response.content.decode()
    response = client.post(ADD_USER, account_post("employer", world))
    assert "L&#x27;entreprise est obligatoire pour un employeur." in response.content.decode()
    assert not User.objects.filter(email="nouveau@example.test").exists()


def test_editing_a_dossier_to_a_taken_email_changes_nothing(client, world):
    client.force_login(world.ref_a1)
    data = candidate_post(world.est_a, [world.ref_a1], email=world.ref_a2.email)
    response = client.post(f"/backoffice/core/candidate/{world.a1.pk}/change/", data)
    assert "Un compte existe déjà avec cette adresse email." in response.content.decode()
    world.a1.user.refresh_from_db()
    assert world.a1.user.email == "cand.a1@example.test"


def test_staff_change_their_password_from_my_account(client, world):
    client.force_login(world.ref_a1)
    response = client.post(
        "/backoffice/mon-compte/mot-de-passe/",
        {
            "old_password": PASSWORD,
            "new_password1": "Nouveau-Mdp-2026!",
            "new_password2": "Nouveau-Mdp-2026!",
        },
    )
    assert response.status_code == 302
    world.ref_a1.refresh_from_db()
    assert world.ref_a1.check_password("Nouveau-Mdp-2026!")
