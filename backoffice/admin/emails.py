"""The email outbox, read-only, for the platform admin."""

from backoffice.admin.base import ReadOnlyScreen, ScopedAdmin
from core.models import OutboundEmail


class OutboundEmailAdmin(ReadOnlyScreen, ScopedAdmin):
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "to",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "message_id",
        "tracking_event",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        if not request.user.has_perm("core.view_outboundemail"):
            return OutboundEmail.objects.none()
        return OutboundEmail.objects.all()


def register(site, employer_site):
    site.register(OutboundEmail, OutboundEmailAdmin)
