"""One login page, routing per role, invitations, password reset, lockout."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse

from core.models import User
from tests.factories import PASSWORD, UserFactory
from workflows.accounts import invitation_url, invite

pytestmark = pytest.mark.django_db


def login(client, email, password=PASSWORD, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize(
    "who, home",
    [
        ("admin", "/backoffice/"),
        ("cdm_a", "/backoffice/"),
        ("ref_a1", "/backoffice/"),
        ("emp_x", "/employeur/"),
    ],
)
def test_each_role_lands_on_its_home(client, world, who, home):
    response = login(client, getattr(world, who).email)
    assert response.status_code == 302
    assert response["Location"] == home
    assert client.get(home).status_code == 200


def test_candidate_lands_on_the_candidate_space(client, world):
    response = login(client, world.a1.user.email)
    assert response["Location"] == "/candidat/"
    assert client.get("/candidat/").status_code == 200


def test_login_is_case_insensitive(client, world):
    response = login(client, world.ref_a1.email.upper())
    assert response["Location"] == "/backoffice/"


def test_wrong_password_shows_a_french_error(client, world):
    response = login(client, world.ref_a1.email, "mauvais")
    assert response.status_code == 200
    assert "Adresse email ou mot de passe incorrect." in response.content.decode()


def test_employer_reaches_no_staff_screen(client, world):
    client.force_login(world.emp_x)
    for url in ["/backoffice/", "/backoffice/core/candidate/", "/backoffice/core/application/"]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == "/employeur/"


def test_staff_and_candidates_reach_no_employer_screen(client, world):
    for user in (world.ref_a1, world.a1.user):
        client.force_login(user)
        response = client.get("/employeur/core/application/", follow=True)
        assert not response.redirect_chain[-1][0].startswith("/employeur/")


def test_candidate_reaches_no_staff_screen_and_staff_no_candidate_space(client, world):
    client.force_login(world.a1.user)
    response = client.get("/backoffice/core/candidate/", follow=True)
    assert response.redirect_chain[-1][0] == "/candidat/"
    client.force_login(world.ref_a1)
    assert client.get("/candidat/").status_code == 404


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get("/backoffice/core/candidate/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/connexion/?next=")
    assert "Connexion" in response.content.decode()


def test_logout(client, world):
    client.force_login(world.ref_a1)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get("/backoffice/").status_code == 302


# --- invitations ----------------------------------------------------------------------


def new_account(world):
    account = User(
        email="nouveau@example.test", last_name="Neuf", role="referent", establishment=world.est_a
    )
    account.set_unusable_password()
    account.save()
    return account


def test_invitation_email_is_french_with_a_working_link(client, world, mailoutbox, run_on_commit):
    account = new_account(world)
    with run_on_commit():
        invite(account)
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["nouveau@example.test"]
    assert "activez votre compte" in email.subject
    assert "Choisir mon mot de passe" in email.alternatives[0].content
    assert "valable 3 jours" in email.body
    link = next(line for line in email.body.splitlines() if "/connexion/invitation/" in line)
    path = link.split("testserver", 1)[-1].split("8000", 1)[-1]
    response = client.get(path, follow=True)
    assert "Choisir mon mot de passe" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Un-Nouveau-Mdp-2026", "new_password2": "Un-Nouveau-Mdp-2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/backoffice/"
    # Logged in, lands on home.
    assert client.get("/backoffice/").status_code == 200
    account.refresh_from_db()
    assert account.check_password("Un-Nouveau-Mdp-2026")


def test_invitation_link_works_only_once(client, world):
    account = new_account(world)
    url = invitation_url(account)
    response = client.get(url, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "Un-Nouveau-Mdp-2026", "new_password2": "Un-Nouveau-Mdp-2026"}
    )
    client.logout()
    response = client.get(url, follow=True)
    content = response.content.decode()
    assert "Lien expiré ou déjà utilisé" in content
    assert reverse("password_reset") in content


def test_invitation_link_expires_after_three_days(client, world, monkeypatch):
    from datetime import datetime, timedelta

    account = new_account(world)
    url = invitation_url(account)
    later = datetime.now() + timedelta(days=3, hours=1)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    response = client.get(url, follow=True)
    assert "Lien expiré ou déjà utilisé" in response.content.decode()


# --- password reset -------------------------------------------------------------------


def test_password_reset_answers_the_same_whether_the_email_exists(
    client, world, mailoutbox, run_on_commit
):
    with run_on_commit():
        known = client.post(reverse("password_reset"), {"email": world.ref_a1.email})
        unknown = client.post(reverse("password_reset"), {"email": "personne@example.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mailoutbox] == [[world.ref_a1.email]]


# --- lockout --------------------------------------------------------------------------


def test_five_failures_lock_that_email_from_that_ip_for_a_while(client, world):
    for _ in range(5):
        login(client, world.ref_a1.email, "mauvais", ip="10.1.1.1")
    locked = login(client, world.ref_a1.email, PASSWORD, ip="10.1.1.1")
    assert locked.status_code == 429
    assert "bloquée" in locked.content.decode()
    # A classmate behind the same school NAT is not locked out.
    classmate = UserFactory(referent=True, establishment=world.est_a)
    assert login(client, classmate.email, PASSWORD, ip="10.1.1.1").status_code == 302


def test_lockout_reset_lets_the_user_in_again(client, world):
    from axes.utils import reset

    for _ in range(5):
        login(client, world.ref_a1.email, "mauvais", ip="10.1.1.2")
    assert login(client, world.ref_a1.email, ip="10.1.1.2").status_code == 429
    reset(username=world.ref_a1.email)
    assert login(client, world.ref_a1.email, ip="10.1.1.2").status_code == 302


def test_the_lockout_lifts_after_fifteen_minutes(client, world):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        login(client, world.ref_a1.email, "mauvais", ip="10.1.1.3")
    assert login(client, world.ref_a1.email, ip="10.1.1.3").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(client, world.ref_a1.email, ip="10.1.1.3").status_code == 302
