"""Wires the candidate import and export into "Mes candidats"."""

from django import forms
from unfold.contrib.import_export.forms import ImportForm

from backoffice.resources import IMPORT_FORMATS, CandidateResource, check_import_file


class CandidateImportForm(ImportForm):
    def clean_import_file(self):
        uploaded = self.cleaned_data["import_file"]
        try:
            check_import_file(uploaded)
        except forms.ValidationError:
            raise
        return uploaded


class CandidateImportMixin:
    resource_classes = [CandidateResource]
    import_form_class = CandidateImportForm
    import_formats = IMPORT_FORMATS
    export_formats = IMPORT_FORMATS
    import_template_name = "admin/import_export/import.html"

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        # One invalid row and nothing is written, even at the confirm step (stack notes).
        data = super().get_import_data_kwargs(**kwargs)
        data["rollback_on_validation_errors"] = True
        return data

    def has_import_permission(self, request):
        return request.user.has_perm("core.import_candidate")

    def has_export_permission(self, request):
        return request.user.has_perm("core.export_candidate")
