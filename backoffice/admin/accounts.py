"""Screens for accounts ("Comptes"), establishments and the référent directory."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from unfold.decorators import action, display

from backoffice.admin.base import ReadOnlyScreen, ScopedAdmin
from core.enums import Role
from core.models import DirectoryReferent, Establishment, User
from workflows import accounts as account_flows


class AccountCreationForm(forms.ModelForm):
    """Creates any account but candidates (they have their own form, with the dossier)."""

    class Meta:
        model = User
        fields = [
            "role",
            "last_name",
            "first_name",
            "email",
            "phone",
            "function",
            "establishment",
            "company",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        user = request.user
        roles = [r for r in account_flows.creatable_roles(user) if r != Role.CANDIDATE]
        self.fields["role"].choices = [(r.value, r.label) for r in roles]
        self.fields[
            "role"
        ].help_text = "Les candidats se créent depuis « Mes candidats », avec leur dossier."
        if "establishment" in self.fields and not user.has_perm("core.choose_establishment"):
            self.fields["establishment"].queryset = Establishment.objects.visible_to(user)
            self.fields["establishment"].initial = user.establishment_id
            self.fields["establishment"].help_text = "Votre établissement."

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if account_flows.email_taken(email):
            raise forms.ValidationError("Un compte existe déjà avec cette adresse email.")
        return email

    def _post_clean(self):
        # The model's clean() ties establishment and company to the role; then the creation
        # hierarchy (the workflow's own check), so both speak next to the fields.
        super()._post_clean()
        if self.errors:
            return
        try:
            account_flows.check_can_create(
                self.request.user,
                role=self.instance.role,
                establishment=self.instance.establishment,
                company=self.instance.company,
            )
        except PermissionDenied as error:
            field = "establishment" if self.instance.establishment_id else "role"
            self.add_error(field, str(error) or "Vous ne pouvez pas créer ce compte.")


class AccountChangeForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["last_name", "first_name", "email", "phone", "function"]

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if account_flows.email_taken(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError("Un compte existe déjà avec cette adresse email.")
        return email


class UserAdmin(ScopedAdmin):
    list_display = ["display_name", "email", "role", "establishment", "company", "status"]
    list_filter = ["role", "is_active", "establishment", "company"]
    search_fields = ["last_name", "first_name", "email"]
    ordering = ["last_name", "first_name"]
    list_select_related = ["establishment", "company"]
    actions = ["resend_invitations", "deactivate_selected"]
    actions_detail = ["resend_invitation_detail", "deactivate_detail", "reactivate_detail"]
    readonly_fields = [
        "role",
        "establishment",
        "company",
        "is_active",
        "date_joined",
        "invited_at",
        "last_login",
        "created_by",
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:

            class RequestForm(AccountCreationForm):
                def __init__(self, *args, **kw):
                    kw.setdefault("request", request)
                    super().__init__(*args, **kw)

            return RequestForm
        kwargs["form"] = AccountChangeForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": AccountCreationForm.Meta.fields,
                        "description": "Un email d'invitation est envoyé au nouveau compte, "
                        "avec un lien valable 3 jours pour choisir son mot de passe.",
                    },
                )
            ]
        return [
            ("Identité", {"fields": AccountChangeForm.Meta.fields}),
            ("Compte", {"fields": self.readonly_fields}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_queryset(self, request):
        # The candidates' accounts are managed from "Mes candidats".
        return super().get_queryset(request).exclude(role=Role.CANDIDATE)

    def save_model(self, request, obj, form, change):
        if change:
            obj._change_reason = "Modification du compte"
            obj.save()
            return
        account_flows.create_account(obj, user=request.user)

    @display(description="Nom", ordering="last_name")
    def display_name(self, obj):
        return obj.full_name

    @display(description="État", label={"Actif": "success", "Désactivé": "danger"})
    def status(self, obj):
        return "Actif" if obj.is_active else "Désactivé"

    @admin.action(description="Renvoyer l'invitation")
    def resend_invitations(self, request, queryset):
        sent = sum(
            self.run_workflow(request, account_flows.resend_invitation, account)
            for account in queryset
        )
        if sent:
            self.message_user(request, f"{sent} invitation(s) renvoyée(s).", messages.SUCCESS)

    @admin.action(description="Désactiver les comptes sélectionnés")
    def deactivate_selected(self, request, queryset):
        done = sum(
            self.run_workflow(request, account_flows.deactivate, account) for account in queryset
        )
        if done:
            self.message_user(request, f"{done} compte(s) désactivé(s).", messages.SUCCESS)

    def _detail(self, request, object_id, func, success):
        account = self.get_scoped_object(request, object_id)
        return self.confirm_then_run(
            request,
            account,
            func,
            title=f"{success.rstrip('.')} : confirmer",
            success=success,
            back_url=reverse(f"{self.admin_site.name}:core_user_change", args=[account.pk]),
        )

    @action(description="Renvoyer l'invitation", permissions=["resend"])
    def resend_invitation_detail(self, request, object_id):
        return self._detail(
            request, object_id, account_flows.resend_invitation, "Invitation renvoyée."
        )

    @action(description="Désactiver le compte", permissions=["deactivate"])
    def deactivate_detail(self, request, object_id):
        return self._detail(request, object_id, account_flows.deactivate, "Compte désactivé.")

    @action(description="Réactiver le compte", permissions=["deactivate"])
    def reactivate_detail(self, request, object_id):
        return self._detail(request, object_id, account_flows.reactivate, "Compte réactivé.")

    # Unfold passes the raw id to these (stack notes): load the scoped object first.
    def has_resend_permission(self, request, object_id=None):
        return self.object_permission(
            request,
            object_id,
            lambda obj: request.user.has_perm("core.resend_invitation", obj),
            request.user.has_perm("core.add_user"),
        )

    def has_deactivate_permission(self, request, object_id=None):
        return self.object_permission(
            request,
            object_id,
            lambda obj: request.user.has_perm("core.deactivate_user", obj),
            request.user.has_perm("core.add_user"),
        )

    def add_view(self, request, form_url="", extra_context=None):
        if not request.user.has_perm("core.add_user"):
            raise PermissionDenied
        return super().add_view(request, form_url, extra_context)


class EmployerColleagueAdmin(UserAdmin):
    """Employer space: my company's recruiters; invite a colleague."""

    list_display = ["display_name", "email", "function", "status"]
    list_filter = ["is_active"]
    actions = []
    actions_detail = []

    def has_add_permission(self, request):
        return request.user.has_perm("core.invite_colleague", request.user.company)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ColleagueForm
            kwargs["fields"] = ColleagueForm.Meta.fields
            return super(UserAdmin, self).get_form(request, obj, change, **kwargs)
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ColleagueForm.Meta.fields})]
        return [("Identité", {"fields": AccountChangeForm.Meta.fields})]

    def get_readonly_fields(self, request, obj=None):
        return []

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return super(UserAdmin, self).add_view(request, form_url, extra_context)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("core.view_colleague", obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None and obj.pk == request.user.pk

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        obj.role = Role.EMPLOYER
        obj.company = request.user.company
        account_flows.create_account(obj, user=request.user)


class ColleagueForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["last_name", "first_name", "email", "phone", "function"]

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if account_flows.email_taken(email):
            raise forms.ValidationError("Un compte existe déjà avec cette adresse email.")
        return email


class EstablishmentAdmin(ScopedAdmin):
    list_display = ["name", "kind", "department", "city", "member_count"]
    list_filter = ["kind", "department"]
    search_fields = ["name", "city"]
    fields = ["name", "kind", "department", "city"]

    @display(description="Comptes")
    def member_count(self, obj):
        return obj.member_count

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(member_count=Count("members"))


class DirectoryReferentAdmin(ReadOnlyScreen, ScopedAdmin):
    """ "Référents établissements": name, function, email, phone (what each filled in)."""

    list_display = ["display_name", "function", "email_link", "phone", "establishment"]
    list_filter = ["establishment", "establishment__department", "role"]
    search_fields = ["last_name", "first_name", "establishment__name"]
    list_select_related = ["establishment"]
    fields = ["last_name", "first_name", "function", "email", "phone", "establishment"]
    readonly_fields = fields
    ordering = ["last_name", "first_name"]

    @display(description="Nom", ordering="last_name")
    def display_name(self, obj):
        return obj.full_name

    @display(description="Email")
    def email_link(self, obj):
        from django.utils.html import format_html

        return format_html('<a href="mailto:{0}">{0}</a>', obj.email)


def register(site, employer_site):
    site.register(User, UserAdmin)
    site.register(Establishment, EstablishmentAdmin)
    site.register(DirectoryReferent, DirectoryReferentAdmin)
    employer_site.register(User, EmployerColleagueAdmin)
    employer_site.register(DirectoryReferent, DirectoryReferentAdmin)
