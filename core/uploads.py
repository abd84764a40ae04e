"""Checks on uploaded documents: size, and a type read from the bytes, not the name."""

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

# extension → MIME types the content may have
ALLOWED_TYPES = {
    ".pdf": {"application/pdf"},
    ".doc": {"application/msword"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
}
ALLOWED_LABEL = "PDF, DOC, DOCX, ODT, JPG ou PNG"


def validate_document_file(uploaded):
    """Refuse a file over the size limit, of a refused extension, or whose content is not what
    its extension claims (a PNG renamed .pdf, cv.pdf.exe...). Returns the detected MIME type."""
    max_size = settings.DOCUMENT_MAX_SIZE
    if uploaded.size > max_size:
        raise ValidationError(
            f"Le fichier dépasse la taille maximale de {max_size // (1024 * 1024)} Mo.",
            code="file_too_large",
        )
    if uploaded.size == 0:
        raise ValidationError("Le fichier est vide.", code="empty_file")
    extension = PurePath(uploaded.name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            f"Type de fichier refusé : formats acceptés {ALLOWED_LABEL}.", code="file_type"
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in ALLOWED_TYPES[extension]:
        raise ValidationError(
            f"Le contenu du fichier ne correspond pas à son extension ({extension}). "
            f"Formats acceptés : {ALLOWED_LABEL}.",
            code="file_content",
        )
    return mime
