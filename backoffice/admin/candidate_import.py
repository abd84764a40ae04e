"""Wires the candidate import and export into "Mes candidats"."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.urls import path, reverse
from django.utils.html import format_html
from import_export.forms import ConfirmImportForm
from unfold.contrib.import_export.forms import ImportForm

from backoffice.resources import IMPORT_FORMATS, CandidateResource, check_import_file

TEMPLATES = Path(__file__).resolve().parents[2] / "fixtures"
TEMPLATE_NAMES = {"csv": "modele-import-candidats.csv", "xlsx": "modele-import-candidats.xlsx"}


class ImportProgressMedia:
    js = ["js/import-progress.js"]


class CandidateImportForm(ImportForm):
    Media = ImportProgressMedia

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].help_text = format_html(
            'Modèle à remplir : <a class="apt-link" href="{}">CSV</a> · '
            '<a class="apt-link" href="{}">Excel (XLSX)</a>. Colonnes obligatoires : nom, '
            "email, date_naissance (jj/mm/aaaa). CSV en UTF-8, ou export Excel avec « ; ». "
            "Rien n'est enregistré tant qu'une ligne contient une erreur.",
            reverse("backoffice:core_candidate_import_template", args=["csv"]),
            reverse("backoffice:core_candidate_import_template", args=["xlsx"]),
        )

    def clean_import_file(self):
        uploaded = self.cleaned_data["import_file"]
        check_import_file(uploaded)
        return uploaded


class CandidateConfirmImportForm(ConfirmImportForm):
    Media = ImportProgressMedia


class CandidateImportMixin:
    resource_classes = [CandidateResource]
    import_form_class = CandidateImportForm
    confirm_form_class = CandidateConfirmImportForm
    import_formats = IMPORT_FORMATS
    export_formats = IMPORT_FORMATS

    class Media:
        js = ["js/family-contact.js"]

    def get_urls(self):
        return [
            path(
                "modele-import.<str:extension>",
                self.admin_site.admin_view(self.import_template_view),
                name="core_candidate_import_template",
            )
        ] + super().get_urls()

    def import_template_view(self, request, extension):
        """The sample file to fill in (fixtures/modele-import-candidats.*)."""
        if not self.has_import_permission(request) or extension not in TEMPLATE_NAMES:
            raise PermissionDenied
        name = TEMPLATE_NAMES[extension]
        return FileResponse((TEMPLATES / name).open("rb"), as_attachment=True, filename=name)

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
