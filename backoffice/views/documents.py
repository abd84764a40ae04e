"""Document download: the only way a file leaves the private storage."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

from core.models import Document


def download(request, pk):
    """Serve a document as an attachment, never cached, after the permission check.

    Out-of-scope documents answer 404 (their existence is not revealed).
    """
    if not request.user.is_authenticated:
        raise Http404
    document = Document.objects.select_related("candidate__user").filter(pk=pk).first()
    if document is None or not request.user.has_perm("core.download_document", document):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Fichier introuvable.") from error
    except OSError as error:  # storage unreachable
        raise PermissionDenied from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name or document.file.name.rsplit("/", 1)[-1],
        content_type=document.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
