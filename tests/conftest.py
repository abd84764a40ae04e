"""Shared fixtures: a small world of two establishments, their staff, candidates and employers;
a headless Debian Chromium for the browser tests."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.storage import FileSystemStorage

from core.models import Document
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    EstablishmentFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def private_storage(tmp_path, monkeypatch):
    """Documents go to a temporary private folder."""
    monkeypatch.setattr(
        Document._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path)
    )
    return tmp_path


@pytest.fixture
def world(db):
    """Two establishments A and B, their staff, two companies X and Y, candidates:
    a1 (A, autonomous, cohort of ref_a1), a2 (A, not autonomous, cohort of ref_a2), b1 (B)."""
    est_a = EstablishmentFactory(name="Université A")
    est_b = EstablishmentFactory(name="Académie B")
    company_x = CompanyFactory(name="X")
    company_y = CompanyFactory(name="Y")
    w = SimpleNamespace(
        est_a=est_a,
        est_b=est_b,
        company_x=company_x,
        company_y=company_y,
        admin=UserFactory(admin=True, email="admin@example.test"),
        cdm_a=UserFactory(cdm=True, establishment=est_a, email="cdm.a@example.test"),
        cdm_b=UserFactory(cdm=True, establishment=est_b, email="cdm.b@example.test"),
        ref_a1=UserFactory(referent=True, establishment=est_a, email="ref.a1@example.test"),
        ref_a2=UserFactory(referent=True, establishment=est_a, email="ref.a2@example.test"),
        ref_b1=UserFactory(referent=True, establishment=est_b, email="ref.b1@example.test"),
        emp_x=UserFactory(employer=True, company=company_x, email="emp.x@example.test"),
        emp_y=UserFactory(employer=True, company=company_y, email="emp.y@example.test"),
    )
    w.a1 = CandidateFactory(
        user__establishment=est_a,
        user__email="cand.a1@example.test",
        is_autonomous=True,
        referents=[w.ref_a1],
    )
    w.a2 = CandidateFactory(
        user__establishment=est_a, user__email="cand.a2@example.test", referents=[w.ref_a2]
    )
    w.b1 = CandidateFactory(
        user__establishment=est_b, user__email="cand.b1@example.test", referents=[w.ref_b1]
    )
    return w


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (queued emails) as a real commit would."""

    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags that keep Chromium quiet on a machine without outside network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium introuvable ({CHROMIUM}) : `make test` l'installe (paquet Debian chromium)."
        )
    # Playwright's sync API runs an event loop in this thread; the ORM calls our tests make
    # between browser steps are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
