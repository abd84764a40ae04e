"""Candidate import and export (CSV and XLSX) with django-import-export.

Every row is validated (the model's clean, plus ours); one bad row and nothing is written
(rollback_on_validation_errors). The establishment is forced to the importer's, the référent
defaults to the importer. Rows match on email, so re-importing a file creates nothing new.
"""

import csv
import io
import re
import zipfile
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX

from core.enums import Role, Rqth
from core.models import Candidate, Establishment, User

REQUIRED_COLUMNS = ["nom", "email", "date_naissance"]
SENSITIVE_COLUMNS = [
    "rqth",
    "contact_famille_nom",
    "contact_famille_lien",
    "contact_famille_telephone",
    "contact_famille_email",
]
FORMULA = re.compile(r"^(=|@|[+-][^\d\s])")


class FrenchDateWidget(widgets.Widget):
    """dd/mm/yyyy (or yyyy-mm-dd, or a spreadsheet date cell)."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(f"Date invalide « {text} » : attendu jj/mm/aaaa.")

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


class FrenchBooleanWidget(widgets.Widget):
    TRUE = {"oui", "o", "vrai", "true", "1", "x", "yes"}
    FALSE = {"non", "n", "faux", "false", "0", "", "no"}

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"Valeur « {value} » non reconnue : indiquez oui ou non.")

    def render(self, value, obj=None, **kwargs):
        return "oui" if value else "non"


class RqthWidget(widgets.Widget):
    VALUES = {
        "oui": Rqth.YES,
        "non": Rqth.NO,
        "en cours": Rqth.PENDING,
        "en_cours": Rqth.PENDING,
        "": "",
    }

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text not in self.VALUES:
            raise ValueError(f"RQTH « {value} » non reconnue : oui, non ou en cours.")
        return self.VALUES[text]

    def render(self, value, obj=None, **kwargs):
        return {Rqth.YES: "oui", Rqth.NO: "non", Rqth.PENDING: "en cours"}.get(value, "")


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


def _field(column, attribute, widget=None):
    return fields.Field(column_name=column, attribute=attribute, widget=widget or TextWidget())


class CandidateResource(resources.ModelResource):
    nom = _field("nom", "user__last_name")
    prenom = _field("prenom", "user__first_name")
    email = _field("email", "user__email")
    email_complementaire = _field("email_complementaire", "secondary_email")
    telephone = _field("telephone", "user__phone")
    date_naissance = _field("date_naissance", "birth_date", FrenchDateWidget())
    nationalite = _field("nationalite", "nationality")
    autonome = _field("autonome", "is_autonomous", FrenchBooleanWidget())
    formation = _field("formation", "training")
    diplome = _field("diplome", "diploma")
    annee_diplome = _field("annee_diplome", "diploma_year", widgets.IntegerWidget())
    recherche_stage = _field("recherche_stage", "looking_for_internship", FrenchBooleanWidget())
    projet = _field("projet", "project")
    rqth = _field("rqth", "rqth", RqthWidget())
    contact_famille_nom = _field("contact_famille_nom", "family_contact_name")
    contact_famille_lien = _field("contact_famille_lien", "family_contact_relationship")
    contact_famille_telephone = _field("contact_famille_telephone", "family_contact_phone")
    contact_famille_email = _field("contact_famille_email", "family_contact_email")
    referent_email = fields.Field(column_name="referent_email", attribute=None, readonly=True)

    class Meta:
        model = Candidate
        fields = (
            "nom",
            "prenom",
            "email",
            "email_complementaire",
            "telephone",
            "date_naissance",
            "nationalite",
            "autonome",
            "formation",
            "diplome",
            "annee_diplome",
            "recherche_stage",
            "projet",
            "rqth",
            "contact_famille_nom",
            "contact_famille_lien",
            "contact_famille_telephone",
            "contact_famille_email",
            "referent_email",
        )
        import_id_fields = []
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        skip_diff = True
        use_transactions = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.created_accounts = []
        self.pending = []
        self.updated_count = 0
        self._emails_seen = {}

    # --- scope -----------------------------------------------------------------------

    def get_queryset(self):
        return Candidate.objects.visible_to(self.user).select_related("user")

    def get_export_fields(self, selected_fields=None):
        export = super().get_export_fields(selected_fields)
        export = [f for f in export if f.column_name != "referent_email"]
        if not self.user.has_perm("core.export_sensitive_candidate_data"):
            export = [f for f in export if f.column_name not in SENSITIVE_COLUMNS]
        return export

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # Escape every cell a spreadsheet would run as a formula (= + - @).
        values = super().export_resource(instance, selected_fields, **kwargs)
        return [
            f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in values
        ]

    # --- import ----------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
        dataset.headers = headers
        known = {f.column_name for f in self.get_import_fields()}
        missing = [c for c in REQUIRED_COLUMNS if c not in headers]
        unknown = [h for h in headers if h not in known]
        if not headers:
            raise ValidationError("Le fichier est vide.")
        if missing:
            raise ValidationError(
                "Colonne(s) obligatoire(s) manquante(s) : " + ", ".join(missing) + "."
            )
        if unknown:
            raise ValidationError(
                "Colonne(s) inconnue(s) : " + ", ".join(unknown) + ". Utilisez le modèle fourni."
            )
        if dataset.height == 0:
            raise ValidationError("Le fichier ne contient aucune ligne de candidat.")
        if not self.user.has_perm("core.import_candidate"):
            raise ValidationError("Vous ne pouvez pas importer de candidats.")
        if self.user.establishment_id is None:
            raise ValidationError("L'import est réservé aux comptes rattachés à un établissement.")
        for index, row in enumerate(dataset.dict, start=2):
            email = User.objects.normalize_email(str(row.get("email") or ""))
            self._emails_seen.setdefault(email, []).append(index)
        # A few queries for the whole file instead of several per row: emails are stored
        # lower-cased, so exact lookups use the unique index.
        emails = [e for e in self._emails_seen if e]
        self._taken = set()
        self._mine = {}
        for start in range(0, len(emails), 500):
            part = emails[start : start + 500]
            self._taken.update(User.objects.filter(email__in=part).values_list("email", flat=True))
            for candidate in self.get_queryset().filter(user__email__in=part):
                self._mine[candidate.user.email] = candidate
        self._referents = {
            u.email: u for u in User.objects.referents_of(self.user.establishment_id)
        }

    def get_instance(self, instance_loader, row):
        email = User.objects.normalize_email(str(row.get("email") or ""))
        return self._mine.get(email) if email else None

    def init_instance(self, row=None):
        account = User(role=Role.CANDIDATE, establishment_id=self.user.establishment_id)
        return Candidate(user=account)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        for column, value in row.items():
            if isinstance(value, str) and FORMULA.match(value.strip()):
                errors[column] = "Formule refusée : saisissez une valeur simple."
        email = User.objects.normalize_email(str(row.get("email") or ""))
        if len(self._emails_seen.get(email, [])) > 1:
            errors["email"] = (
                "Cet email apparaît plusieurs fois dans le fichier (lignes "
                + ", ".join(str(n) for n in self._emails_seen[email])
                + ")."
            )
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                errors[self.column_of(key)] = messages
        # The email belongs to someone this importer cannot see: say so without saying who.
        if instance.pk is None and email in self._taken:
            errors["email"] = "Cette adresse email est déjà utilisée par un autre compte."
        instance.user.email = email
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Adresse email invalide."
        if not (instance.user.last_name or "").strip():
            errors["nom"] = "Le nom est obligatoire."
        if (
            instance.birth_date is None
            and "date_naissance" not in errors
            and row.get("date_naissance") in (None, "")
        ):
            errors["date_naissance"] = "La date de naissance est obligatoire."
        referent_email = str(row.get("referent_email") or "").strip()
        instance._import_referent = None
        if referent_email:
            referent = self._referents.get(User.objects.normalize_email(referent_email))
            if referent is None:
                errors["referent_email"] = (
                    "Référent inconnu dans votre établissement : " + referent_email
                )
            instance._import_referent = referent
        if errors:
            raise ValidationError(errors)

    def column_of(self, key):
        """The file's column for an error key (a model field, an attribute or a column)."""
        if not hasattr(self, "_columns"):
            self._columns = {}
            for field in self.get_import_fields():
                if field.attribute:
                    self._columns[field.attribute] = field.column_name
                    self._columns[field.attribute.split("__")[-1]] = field.column_name
        return self._columns.get(key, key)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        self.column_of("")  # builds the field → column map
        excluded = {"user", "referents", *errors.keys()}
        excluded |= {name for name, column in self._columns.items() if column in errors}
        try:
            instance.full_clean(exclude=list(excluded))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            # The référent reads the file's column names, not our model's field names.
            named = {}
            for key, messages in errors.items():
                named.setdefault(self.column_of(key), []).extend(
                    messages if isinstance(messages, list) else [messages]
                )
            raise ValidationError(named)

    def save_instance(self, instance, is_create, row, **kwargs):

        referent = instance._import_referent
        if is_create:
            # Written in bulk once every row is valid (after_import): row by row, with
            # history, 10,000 rows took minutes.
            self.pending.append((instance.user, instance, [referent or self.user]))
            return
        from workflows.candidates import ACCOUNT_FIELDS, update_dossier

        self.updated_count += 1
        referents = None
        if referent:
            referents = {*instance.referents.all(), referent}
        update_dossier(
            instance,
            user=self.user,
            account={name: getattr(instance.user, name) for name in ACCOUNT_FIELDS},
            referents=referents,
            reason="Import",
        )

    def after_import(self, dataset, result, **kwargs):
        from workflows.accounts import invite_many
        from workflows.candidates import create_candidates_bulk, record_import

        # Number rows as the spreadsheet does: the header is line 1, the first candidate line 2.
        for invalid in result.invalid_rows:
            invalid.number += 1
        for number, errors in result.row_errors():
            for error in errors:
                error.number = number + 1
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        create_candidates_bulk(user=self.user, rows=self.pending)
        self.created_accounts = [account for account, _, _ in self.pending]
        record_import(
            user=self.user, created=len(self.created_accounts), updated=self.updated_count
        )
        # Invitations only for accounts really created, sent after the import commits.
        invite_many(self.created_accounts)


def check_import_file(uploaded):
    """Refuse an oversized file, and an XLSX whose zip would inflate past the limit."""
    limit = settings.IMPORT_MAX_SIZE
    if uploaded.size > limit:
        raise ValidationError(f"Fichier trop volumineux : {limit // (1024 * 1024)} Mo au maximum.")
    if uploaded.name.lower().endswith(".xlsx"):
        uploaded.seek(0)
        try:
            with zipfile.ZipFile(uploaded) as archive:
                inflated = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile as error:
            raise ValidationError("Ce fichier XLSX est illisible.") from error
        finally:
            uploaded.seek(0)
        if inflated > 10 * limit:
            raise ValidationError("Ce fichier XLSX est refusé (contenu compressé anormal).")


class FrenchCSV(CSV):
    """CSV in UTF-8, or French Excel's cp1252 with ';'."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            try:
                text = in_stream.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = in_stream.decode("cp1252")
        else:
            text = in_stream
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        import tablib

        dataset = tablib.Dataset()
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        rows = [r for r in rows if any(cell.strip() for cell in r)]
        if rows:
            dataset.headers = rows[0]
            width = len(rows[0])
            for r in rows[1:]:
                dataset.append((r + [""] * width)[:width])
        return dataset


IMPORT_FORMATS = [FrenchCSV, XLSX]
__all__ = ["CandidateResource", "Establishment", "IMPORT_FORMATS", "check_import_file"]
