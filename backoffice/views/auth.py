"""One login page for everyone, invitations, password reset, and the per-role home."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import TemplateView

from core.models import User


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse email",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Adresse email ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }

    def clean_username(self):
        return User.objects.normalize_email(self.cleaned_data["username"])


def home_url_for(user):
    """Where a user lands after login: their space, by role."""
    if user.has_perm("backoffice.access"):
        return reverse("backoffice:index")
    if user.has_perm("employer_space.access"):
        return reverse("employer:index")
    if user.has_perm("candidate_space.access"):
        return reverse("candidate:home")
    return reverse("login")


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    return redirect(home_url_for(request.user))


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_url_for(self.request.user)


class InvitationConfirmView(auth_views.PasswordResetConfirmView):
    """Set one's password from the invitation link, then land logged in on one's home."""

    template_name = "registration/invitation_confirm.html"
    post_reset_login = True
    post_reset_login_backend = "core.auth.EmailBackend"
    title = "Choisir mon mot de passe"

    def get_success_url(self):
        return home_url_for(self.user)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Votre mot de passe est enregistré. Bienvenue !")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Answers the same whether the email exists or not (no account enumeration)."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        from workflows.accounts import invitation_url
        from workflows.emails import queue_email

        email = User.objects.normalize_email(form.cleaned_data["email"])
        # Same answer and same path for unknown emails; only a real, active account gets mail.
        account = User.objects.filter(email=email, is_active=True).first()
        if account is not None:
            from django.conf import settings

            queue_email(
                to=account.email,
                template="password_reset",
                context={"account": account, "link": settings.SITE_URL + invitation_url(account)},
            )
        return redirect(self.success_url)


class PasswordResetDoneView(TemplateView):
    template_name = "registration/password_reset_done.html"


def logout_view(request):
    from django.contrib.auth import logout

    if request.method == "POST":
        logout(request)
        messages.info(request, "Vous êtes déconnecté(e).")
        return redirect("login")
    return TemplateView.as_view(template_name="registration/logout_confirm.html")(request)
