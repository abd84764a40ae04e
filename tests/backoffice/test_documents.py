"""Documents: uploads checked by content and size, downloads only in scope, never cached."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.management.commands.seed_demo import pdf_bytes
from core.models import Document
from tests.factories import ApplicationFactory, DocumentFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(client, world, name, content):
    return client.post(
        "/backoffice/core/document/add/",
        {
            "candidate": world.a1.pk,
            "kind": "cv",
            "title": "Mon CV",
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_a_real_pdf_is_accepted_and_stored_under_a_random_name(client, world, private_storage):
    client.force_login(world.ref_a1)
    response = upload(client, world, "cv-durand.pdf", pdf_bytes("CV"))
    assert response.status_code == 302
    document = Document.objects.get()
    assert "durand" not in document.file.name
    assert document.uploaded_by == world.ref_a1
    assert document.content_type == "application/pdf"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("cv.pdf", PNG, "ne correspond pas"),
        ("cv.pdf.exe", pdf_bytes("x"), "Type de fichier refusé"),
        ("cv.pdf", b"", "vide"),
    ],
)
def test_wrong_type_is_refused(client, world, name, content, message):
    client.force_login(world.ref_a1)
    response = upload(client, world, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_a_file_over_10_mb_is_refused(client, world, settings):
    settings.DOCUMENT_MAX_SIZE = 1024
    client.force_login(world.ref_a1)
    response = upload(client, world, "cv.pdf", pdf_bytes("x") + b"0" * 2048)
    assert "taille maximale" in response.content.decode()
    assert not Document.objects.exists()


def test_download_in_scope_is_an_uncached_attachment(client, world):
    document = DocumentFactory(candidate=world.a1)
    client.force_login(world.ref_a1)
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("who", ["ref_a2", "ref_b1", "cdm_b", "emp_x"])
def test_download_out_of_scope_is_404(client, world, who):
    document = DocumentFactory(candidate=world.a1)
    client.force_login(getattr(world, who))
    assert client.get(document.get_download_url()).status_code == 404


def test_employer_downloads_only_the_documents_of_applications_sent_to_it(client, world):
    application = ApplicationFactory(candidate=world.a1, offer__company=world.company_x, sent=True)
    other = DocumentFactory(candidate=world.a1, kind="other")
    client.force_login(world.emp_x)
    assert client.get(application.cv.get_download_url()).status_code == 200
    assert client.get(other.get_download_url()).status_code == 404
    client.force_login(world.emp_y)
    assert client.get(application.cv.get_download_url()).status_code == 404


def test_media_urls_serve_nothing(client, world):
    document = DocumentFactory(candidate=world.a1)
    client.force_login(world.ref_a1)
    assert client.get("/media/" + document.file.name).status_code == 404


def test_staff_replace_and_delete_with_confirmation(client, world):
    document = DocumentFactory(candidate=world.a1, title="Ancien")
    client.force_login(world.ref_a1)
    url = f"/backoffice/core/document/{document.pk}/change/"
    response = client.post(
        url,
        {
            "candidate": world.a1.pk,
            "kind": "cv",
            "title": "Nouveau",
            "file": SimpleUploadedFile("v2.pdf", pdf_bytes("v2")),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.title == "Nouveau" and document.original_name == "v2.pdf"
    assert document.history.first().history_change_reason == "Fichier remplacé"
    delete = f"/backoffice/core/document/{document.pk}/delete/"
    assert client.get(delete).status_code == 200
    client.post(delete, {"post": "yes"})
    assert not Document.objects.filter(pk=document.pk).exists()


def test_a_document_carried_by_an_application_cannot_be_deleted(client, world):
    application = ApplicationFactory(candidate=world.a1)
    client.force_login(world.ref_a1)
    page = client.get(f"/backoffice/core/document/{application.cv_id}/delete/").content.decode()
    assert "candidature" in page.lower()
    client.post(f"/backoffice/core/document/{application.cv_id}/delete/", {"post": "yes"})
    assert Document.objects.filter(pk=application.cv_id).exists()
