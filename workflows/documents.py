"""Candidates' documents: upload, rename, replace, delete, and the PDFs the builders make."""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.template.loader import render_to_string
from django.utils import timezone

from core.enums import DocumentKind
from core.models import Application, Document
from core.uploads import validate_document_file
from workflows.errors import WorkflowError


def _check_file(uploaded):
    from django.core.exceptions import ValidationError

    try:
        return validate_document_file(uploaded)
    except ValidationError as error:
        raise WorkflowError(error.messages[0], field="file") from error


@transaction.atomic
def store(document, *, user, uploaded=None, reason=""):
    """Save a new or edited document; a new file (``uploaded``) is checked for size and real
    type, then stored under a random name. The one path for candidates and staff alike."""
    creating = document.pk is None
    perm = "core.add_document" if creating else "core.change_document"
    target = document.candidate if creating else document
    if not user.has_perm(perm, target):
        raise PermissionDenied
    if not (document.title or "").strip():
        raise WorkflowError("Donnez un titre au document.", field="title")
    if document.kind not in DocumentKind.values:
        raise WorkflowError("Type de document inconnu.", field="kind")
    if uploaded is None and creating:
        raise WorkflowError("Choisissez un fichier.", field="file")
    if uploaded is not None:
        document.content_type = _check_file(uploaded)
        document.original_name = uploaded.name[:255]
        document.size = uploaded.size
        document.file.save(uploaded.name, uploaded, save=False)
    if creating:
        document.uploaded_by = user
    document.title = document.title.strip()
    document._history_user = user
    document._change_reason = reason or (
        "Document déposé" if creating else "Fichier remplacé" if uploaded else "Document modifié"
    )
    document.save()
    return document


def upload(candidate, *, user, kind, title, uploaded):
    """Store a new document of the candidate after checking its size and real type."""
    return store(
        Document(candidate=candidate, kind=kind, title=title), user=user, uploaded=uploaded
    )


def update(document, *, user, title, uploaded=None):
    """Rename a document, and replace its file when a new one is given."""
    document.title = title
    return store(document, user=user, uploaded=uploaded)


def in_use(document):
    """True when an application carries this document: it cannot be deleted then."""
    return Application.objects.filter(Q(cv=document) | Q(cover_letter=document)).exists()


@transaction.atomic
def delete(document, *, user):
    """Delete a document that no application uses."""
    if not user.has_perm("core.delete_document", document):
        raise PermissionDenied
    try:
        document._history_user = user
        document.delete()
    except ProtectedError as error:
        raise WorkflowError(
            "Ce document est joint à une candidature : il ne peut pas être supprimé."
        ) from error


def render_pdf(template, context):
    """Render a template to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


@transaction.atomic
def generate_cv(candidate, *, user):
    """Make a PDF from the CV builder's sections and store it as a document of kind CV."""
    if not user.has_perm("core.change_cvprofile", candidate):
        raise PermissionDenied
    profile = getattr(candidate, "cv_profile", None)
    if profile is None or not any(profile.lines(name) for name in profile.SECTIONS):
        raise WorkflowError("Remplissez au moins une rubrique de votre CV avant de le générer.")
    pdf = render_pdf("pdf/cv.html", {"candidate": candidate, "profile": profile})
    return _store_generated(candidate, user, DocumentKind.CV, "CV", pdf)


@transaction.atomic
def generate_cover_letter(candidate, *, user, body, company_name="", offer=None):
    """Make a cover letter PDF from the simple template, optionally for an offer."""
    if not user.has_perm("core.add_document", candidate):
        raise PermissionDenied
    if not (body or "").strip():
        raise WorkflowError("Écrivez le texte de votre lettre.", field="body")
    if offer is not None:
        company_name = offer.company.name
    pdf = render_pdf(
        "pdf/cover_letter.html",
        {
            "candidate": candidate,
            "body": body.strip(),
            "company_name": company_name.strip(),
            "offer": offer,
            "today": timezone.localdate(),
        },
    )
    title = "Lettre de motivation" + (f" — {company_name.strip()}" if company_name.strip() else "")
    return _store_generated(candidate, user, DocumentKind.COVER_LETTER, title, pdf)


def _store_generated(candidate, user, kind, title, pdf):
    stamp = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    document = Document(
        candidate=candidate,
        kind=kind,
        title=f"{title} ({stamp})",
        original_name=f"{title}.pdf".replace("/", "-"),
        content_type="application/pdf",
        size=len(pdf),
        uploaded_by=user,
    )
    document.file.save("document.pdf", ContentFile(pdf), save=False)
    document._history_user = user
    document._change_reason = "Document généré"
    document.save()
    return document
