"""Unfold-styled widgets for the form fields we declare ourselves (Unfold styles only the
fields it builds from model fields; a bare Django widget would render invisible)."""

from unfold.widgets import (
    UnfoldAdminEmailInputWidget,
    UnfoldAdminFileFieldWidget,
    UnfoldAdminSelectWidget,
    UnfoldAdminTextareaWidget,
    UnfoldAdminTextInputWidget,
    UnfoldBooleanWidget,
)


class PrivateFileWidget(UnfoldAdminFileFieldWidget):
    """Never prints the stored file's path: documents have no public URL."""

    def format_value(self, value):
        return None


__all__ = [
    "PrivateFileWidget",
    "UnfoldAdminEmailInputWidget",
    "UnfoldAdminSelectWidget",
    "UnfoldAdminTextareaWidget",
    "UnfoldAdminTextInputWidget",
    "UnfoldBooleanWidget",
]
