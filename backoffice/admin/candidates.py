"""'Mes candidats': the list, the creation form, the dossier screen."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from unfold.decorators import action, display

from backoffice.admin.base import ReferentFilter, ScopedImportExportAdmin
from backoffice.admin.candidate_import import CandidateImportMixin
from backoffice.admin.widgets import (
    UnfoldAdminEmailInputWidget,
    UnfoldAdminSelectWidget,
    UnfoldAdminTextInputWidget,
    UnfoldBooleanWidget,
)
from core.enums import ApplicationKind
from core.models import Application, Candidate, Establishment, SponsorshipRequest, User
from workflows import accounts as account_flows
from workflows import candidates as candidate_flows
from workflows.accounts import email_taken
from workflows.errors import WorkflowError

USER_FIELDS = ["last_name", "first_name", "email", "phone", "establishment"]


class CandidateForm(forms.ModelForm):
    last_name = forms.CharField(
        label="Nom",
        max_length=150,
        widget=UnfoldAdminTextInputWidget(),
        help_text="Renseignez le nom.",
    )
    first_name = forms.CharField(
        label="Prénom", max_length=150, required=False, widget=UnfoldAdminTextInputWidget()
    )
    email = forms.EmailField(
        label="Email",
        widget=UnfoldAdminEmailInputWidget(),
        help_text="Exemple : prenom.nom@etablissement.fr. Cet email sera l'identifiant du compte.",
    )
    phone = forms.CharField(
        label="Téléphone",
        max_length=30,
        required=False,
        widget=UnfoldAdminTextInputWidget(),
        help_text="Exemple : 0662081560",
    )
    establishment = forms.ModelChoiceField(
        label="Établissement",
        queryset=Establishment.objects.none(),
        widget=UnfoldAdminSelectWidget(),
        help_text="Renseignez l'établissement du candidat.",
    )
    i_am_referent = forms.BooleanField(
        label="Je suis son référent établissement", required=False, widget=UnfoldBooleanWidget()
    )

    class Meta:
        model = Candidate
        fields = [
            "secondary_email",
            "birth_date",
            "nationality",
            "is_autonomous",
            "referents",
            "training",
            "diploma",
            "diploma_year",
            "rqth",
            "looking_for_internship",
            "project",
            "family_contact_name",
            "family_contact_relationship",
            "family_contact_phone",
            "family_contact_email",
        ]
        help_texts = {
            "birth_date": "Saisissez la date au format jj/mm/aaaa. Pour un candidat mineur, "
            "un contact famille est demandé.",
            "secondary_email": "Exemple : prenom.nom@gmail.com",
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        user = request.user
        self.fields["establishment"].queryset = Establishment.objects.visible_to(user)
        self.fields["referents"].required = False
        if self.instance.pk:
            account = self.instance.user
            for name in USER_FIELDS:
                self.initial[name] = getattr(
                    account, name + ("_id" if name == "establishment" else "")
                )
            self.fields["establishment"].disabled = True
            del self.fields["i_am_referent"]
        elif not user.has_perm("core.choose_establishment"):
            self.initial["establishment"] = user.establishment_id
            self.fields["establishment"].disabled = True
        referents = User.objects.referents_visible_to(user)
        if self.instance.pk:
            referents = User.objects.referents_of(self.instance.user.establishment_id)
        self.fields["referents"].queryset = referents
        self.fields["referents"].help_text = "Référents de l'établissement qui suivent ce candidat."
        if self.instance.pk is None:
            self.fields[
                "referents"
            ].help_text += " Cochez « Je suis son référent établissement » pour vous ajouter."

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        exclude = self.instance.user_id if self.instance.pk else None
        if email_taken(email, exclude_pk=exclude):
            raise forms.ValidationError("Un compte existe déjà avec cette adresse email.")
        return email

    def clean(self):
        # The workflow's own checks, run here so their messages land next to the fields.
        data = super().clean()
        user = self.request.user
        try:
            if self.instance.pk:
                establishment = self.instance.user.establishment
            else:
                establishment = candidate_flows.establishment_for(user, data.get("establishment"))
            data["all_referents"] = candidate_flows.referents_for(
                user=user,
                establishment=establishment,
                referents=data.get("referents"),
                i_am_referent=data.get("i_am_referent", False),
            )
        except WorkflowError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return data


class MinorFilter(admin.SimpleListFilter):
    title = "mineur"
    parameter_name = "mineur"

    def lookups(self, request, model_admin):
        return [("oui", "Mineur"), ("non", "Majeur")]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.minors()
        if self.value() == "non":
            return queryset.adults()
        return queryset


class AwaitingFilter(admin.SimpleListFilter):
    title = "candidatures en attente de validation"
    parameter_name = "en_attente"

    def lookups(self, request, model_admin):
        return [("oui", "Avec candidature en attente")]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.filter(awaiting_count__gt=0)
        return queryset


class CandidateAdmin(CandidateImportMixin, ScopedImportExportAdmin):
    form = CandidateForm
    list_display = [
        "dossier_link",
        "referent_names",
        "autonomous",
        "minor",
        "awaiting",
        "last_activity_at",
    ]
    list_filter = [
        "is_autonomous",
        MinorFilter,
        "rqth",
        ReferentFilter.on("referents"),
        AwaitingFilter,
    ]
    search_fields = ["user__last_name", "user__first_name", "user__email"]
    ordering = ["user__last_name", "user__first_name"]
    list_select_related = ["user", "user__establishment"]
    actions_row = ["row_edit", "row_documents", "row_resend", "row_deactivate"]
    actions_detail = ["detail_dossier", "detail_documents", "row_resend"]
    filter_horizontal = []
    autocomplete_fields = []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form_class):
            def __init__(self, *args, **kw):
                kw.setdefault("request", request)
                super().__init__(*args, **kw)

        return RequestForm

    def get_fieldsets(self, request, obj=None):
        identity = [
            "last_name",
            "first_name",
            "email",
            "secondary_email",
            "phone",
            "birth_date",
            "nationality",
            "establishment",
            "is_autonomous",
        ]
        if obj is None:
            identity += ["i_am_referent"]
        identity += ["referents"]
        return [
            ("Informations générales", {"fields": identity}),
            (
                "Contact famille (candidat mineur)",
                {
                    "fields": [
                        "family_contact_name",
                        "family_contact_relationship",
                        "family_contact_phone",
                        "family_contact_email",
                    ],
                    "classes": ["family-contact"],
                    "description": "Obligatoire pour un candidat de moins de 18 ans : nom, lien "
                    "et un téléphone ou un email.",
                },
            ),
            (
                "Études et projet",
                {
                    "fields": [
                        "training",
                        "diploma",
                        "diploma_year",
                        "rqth",
                        "looking_for_internship",
                        "project",
                    ]
                },
            ),
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_awaiting_count()
            .select_related("user")
            .prefetch_related("referents")
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            account = User(
                last_name=data["last_name"],
                first_name=data.get("first_name", ""),
                email=data["email"],
                phone=data.get("phone", ""),
                establishment=data["establishment"],
            )
            candidate_flows.create_candidate(
                user=request.user,
                account=account,
                dossier=obj,
                referents=data["all_referents"],
            )
            return
        candidate_flows.update_dossier(
            obj,
            user=request.user,
            account={name: data.get(name, "") for name in candidate_flows.ACCOUNT_FIELDS},
            referents=data["all_referents"],
            reason="Modification du dossier",
        )

    def save_related(self, request, form, formsets, change):
        # Référents are written by the workflow (it adds "je suis son référent").
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            f"Le candidat {obj.user.full_name} a été créé. Un email lui a été envoyé avec un lien "
            "pour choisir son mot de passe.",
            messages.SUCCESS,
        )
        return redirect(reverse(f"{self.admin_site.name}:core_candidate_dossier", args=[obj.pk]))

    # --- columns ---------------------------------------------------------------------

    @display(description="Nom", ordering="user__last_name")
    def dossier_link(self, obj):
        url = reverse(f"{self.admin_site.name}:core_candidate_dossier", args=[obj.pk])
        suffix = "" if obj.user.is_active else " (désactivé)"
        return format_html(
            '<a href="{}" class="font-semibold underline">{}</a>{}', url, obj.user.full_name, suffix
        )

    @display(description="Référents")
    def referent_names(self, obj):
        return ", ".join(r.full_name for r in obj.referents.all())

    @display(description="Autonome", boolean=True)
    def autonomous(self, obj):
        return obj.is_autonomous

    @display(description="Mineur", boolean=True)
    def minor(self, obj):
        return obj.is_minor()

    @display(description="En attente de validation", ordering="awaiting_count")
    def awaiting(self, obj):
        if not obj.awaiting_count:
            return "—"
        url = reverse(f"{self.admin_site.name}:core_application_changelist")
        return format_html(
            '<a href="{}?candidate__id__exact={}&state__exact=awaiting_validation" '
            'class="underline">{}</a>',
            url,
            obj.pk,
            obj.awaiting_count,
        )

    # --- row and detail actions ------------------------------------------------------

    @action(description="Modifier", icon="edit")
    def row_edit(self, request, object_id):
        return redirect(reverse(f"{self.admin_site.name}:core_candidate_change", args=[object_id]))

    @action(description="Documents", icon="description")
    def row_documents(self, request, object_id):
        return redirect(self._documents_url(object_id))

    @action(description="Renvoyer l'invitation", icon="forward_to_inbox", permissions=["follow"])
    def row_resend(self, request, object_id):
        candidate = self.get_scoped_object(request, object_id)
        return self.confirm_then_run(
            request,
            candidate.user,
            account_flows.resend_invitation,
            title=f"Renvoyer l'invitation à {candidate.user.full_name}",
            success="Invitation renvoyée.",
            back_url=reverse(f"{self.admin_site.name}:core_candidate_changelist"),
        )

    @action(description="Désactiver", icon="block", permissions=["follow"])
    def row_deactivate(self, request, object_id):
        candidate = self.get_scoped_object(request, object_id)
        return self.confirm_then_run(
            request,
            candidate.user,
            account_flows.deactivate,
            title=f"Désactiver le compte de {candidate.user.full_name}",
            success="Compte désactivé.",
            back_url=reverse(f"{self.admin_site.name}:core_candidate_changelist"),
        )

    @action(description="Voir le dossier", icon="folder_shared")
    def detail_dossier(self, request, object_id):
        return redirect(reverse(f"{self.admin_site.name}:core_candidate_dossier", args=[object_id]))

    @action(description="Voir les documents du candidat", icon="description")
    def detail_documents(self, request, object_id):
        return redirect(self._documents_url(object_id))

    def has_follow_permission(self, request, object_id=None):
        return self.object_permission(
            request,
            object_id,
            lambda obj: request.user.has_perm("core.change_candidate", obj),
            request.user.has_perm("core.add_candidate"),
        )

    def _documents_url(self, candidate_id):
        url = reverse(f"{self.admin_site.name}:core_document_changelist")
        return f"{url}?candidate__id__exact={candidate_id}"

    # --- the dossier screen ----------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/dossier/",
                self.admin_site.admin_view(self.dossier_view),
                name="core_candidate_dossier",
            )
        ] + super().get_urls()

    TABS = [
        ("toutes", "Toutes les candidatures"),
        ("spontanees", "Candidatures spontanées"),
        ("offres", "Candidatures aux offres"),
        ("parrainages", "Demandes de parrainage"),
    ]

    def dossier_view(self, request, object_id):
        candidate = self.get_scoped_object(request, object_id)
        if not self.has_view_permission(request, candidate):
            from django.http import Http404

            raise Http404
        tab = request.GET.get("onglet", "toutes")
        if tab not in dict(self.TABS):
            tab = "toutes"
        applications = (
            Application.objects.visible_to(request.user).filter(candidate=candidate).with_banner()
        )
        if tab == "spontanees":
            applications = applications.filter(kind=ApplicationKind.SPONTANEOUS)
        elif tab == "offres":
            applications = applications.filter(kind=ApplicationKind.OFFER)
        sponsorships = (
            SponsorshipRequest.objects.visible_to(request.user)
            .filter(candidate=candidate)
            .select_related("company", "candidate__user")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": candidate.user.full_name,
            "candidate": candidate,
            "opts": self.opts,
            "tabs": self.TABS,
            "tab": tab,
            "applications": applications if tab != "parrainages" else None,
            "sponsorships": sponsorships if tab == "parrainages" else None,
            "documents_url": self._documents_url(candidate.pk),
            "add_document_url": reverse(f"{self.admin_site.name}:core_document_add")
            + f"?candidate={candidate.pk}",
            "can_change": self.has_change_permission(request, candidate),
            "list_url": reverse(f"{self.admin_site.name}:core_candidate_changelist"),
            "change_url": reverse(
                f"{self.admin_site.name}:core_candidate_change", args=[candidate.pk]
            ),
            "history_url": reverse(
                f"{self.admin_site.name}:core_candidate_history", args=[candidate.pk]
            ),
            "site": self.admin_site.name,
        }
        return TemplateResponse(request, "backoffice/candidate_dossier.html", context)


def register(site, employer_site):
    site.register(Candidate, CandidateAdmin)
