"""Candidates' documents: list, upload, replace, delete (with confirmation)."""

from django import forms
from django.utils.html import format_html
from unfold.decorators import display

from backoffice.admin.base import ScopedAdmin
from backoffice.admin.widgets import PrivateFileWidget
from core.models import Document
from core.uploads import ALLOWED_LABEL, validate_document_file
from workflows import documents as document_flows


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["candidate", "kind", "title", "file"]
        widgets = {
            # A plain input: the clearable one would print the storage path as a link.
            "file": PrivateFileWidget(attrs={"accept": ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png"}),
        }
        help_texts = {
            "file": f"Formats acceptés : {ALLOWED_LABEL}, 10 Mo au maximum.",
        }

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if "file" in self.changed_data and uploaded:
            validate_document_file(uploaded)  # the error next to the field; stored by workflows
        return uploaded


class DocumentAdmin(ScopedAdmin):
    form = DocumentForm
    list_display = ["title", "kind", "candidate", "uploaded_at", "uploaded_by", "download"]
    list_filter = ["kind", "uploaded_at", "candidate"]
    search_fields = ["title", "candidate__user__last_name", "candidate__user__first_name"]
    list_select_related = ["candidate__user", "uploaded_by"]
    readonly_fields = ["original_name", "size", "uploaded_by", "uploaded_at", "download"]
    # Cohorts can be large: search the candidate (scoped by the candidates screen's queryset).
    autocomplete_fields = ["candidate"]
    date_hierarchy = None

    def get_fields(self, request, obj=None):
        fields = ["candidate", "kind", "title", "file"]
        return fields if obj is None else fields + self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "candidate" in request.GET:
            initial["candidate"] = request.GET["candidate"]
        return initial

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in {"candidate__id__exact"} or super().lookup_allowed(lookup, value, request)

    def get_list_filter(self, request):
        return ["kind", "uploaded_at", ("candidate", CandidateScopedFilter)]

    def save_model(self, request, obj, form, change):
        uploaded = form.cleaned_data.get("file") if "file" in form.changed_data else None
        document_flows.store(obj, user=request.user, uploaded=uploaded)

    def delete_model(self, request, obj):
        document_flows.delete(obj, user=request.user)

    @display(description="Fichier")
    def download(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a class="underline" href="{}">Télécharger</a> ({} Ko)',
            obj.get_download_url(),
            max(1, obj.size // 1024),
        )


from django.contrib.admin import RelatedFieldListFilter  # noqa: E402


class CandidateScopedFilter(RelatedFieldListFilter):
    """Lists only the candidates the user follows."""

    def field_choices(self, field, request, model_admin):
        from core.models import Candidate

        return [
            (c.pk, str(c))
            for c in Candidate.objects.visible_to(request.user).select_related("user")
        ]


def register(site, employer_site):
    site.register(Document, DocumentAdmin)
