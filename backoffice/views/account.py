""" "Mon compte": identity, function, phone (they feed the directory), password."""

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect
from django.views.generic import FormView
from unfold.views import UnfoldSiteViewMixin
from unfold.widgets import UnfoldAdminPasswordWidget, UnfoldAdminTextInputWidget

from core.models import User


class MyAccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["last_name", "first_name", "function", "phone"]
        widgets = {
            "last_name": UnfoldAdminTextInputWidget(attrs={"autocomplete": "family-name"}),
            "first_name": UnfoldAdminTextInputWidget(attrs={"autocomplete": "given-name"}),
            "function": UnfoldAdminTextInputWidget(attrs={"autocomplete": "organization-title"}),
            "phone": UnfoldAdminTextInputWidget(attrs={"autocomplete": "tel"}),
        }
        help_texts = {
            "function": "Affichée dans l'annuaire.",
            "phone": "Affiché dans l'annuaire si renseigné.",
        }


class AccountViewMixin(UnfoldSiteViewMixin):
    permission_required = ()

    def has_permission(self):
        return self.admin_site.has_permission(self.request)


class MyAccountView(AccountViewMixin, FormView):
    title = "Mon compte"
    template_name = "backoffice/my_account.html"
    form_class = MyAccountForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def get_context_data(self, **kwargs):
        from django.urls import reverse

        context = super().get_context_data(**kwargs)
        context["password_url"] = reverse(f"{self.admin_site.name}:my_password")
        return context

    def form_valid(self, form):
        user = form.save(commit=False)
        user._history_user = self.request.user
        user._change_reason = "Mon compte"
        user.save()
        messages.success(self.request, "Vos informations ont été enregistrées.")
        return redirect(f"{self.admin_site.name}:my_account")


class FrenchPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, autocomplete in (
            ("old_password", "current-password"),
            ("new_password1", "new-password"),
            ("new_password2", "new-password"),
        ):
            self.fields[name].widget = UnfoldAdminPasswordWidget(
                attrs={"autocomplete": autocomplete}
            )


class MyPasswordView(AccountViewMixin, FormView):
    title = "Changer mon mot de passe"
    template_name = "backoffice/my_account.html"
    form_class = FrenchPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        form.save()
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "Votre mot de passe a été modifié.")
        return redirect(f"{self.admin_site.name}:my_account")
