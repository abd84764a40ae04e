"""The two admin sites: /backoffice/ for staff, /employeur/ for employers."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from unfold.sites import UnfoldAdminSite


class RoleAdminSite(UnfoldAdminSite):
    """An Unfold site opened to one audience, given by a rules permission."""

    access_permission = None

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm(self.access_permission)

    def login(self, request, extra_context=None):
        # One login page for everyone; a logged-in user of another audience goes home.
        if request.user.is_authenticated:
            return redirect("home")
        next_url = request.GET.get("next") or reverse(f"{self.name}:index")
        return redirect(f"{reverse('login')}?{urlencode({'next': next_url})}")

    def logout(self, request, extra_context=None):
        return redirect("logout")

    def get_urls(self):
        from backoffice.views.account import MyAccountView, MyPasswordView

        return [
            path(
                "mon-compte/",
                self.admin_view(MyAccountView.as_view(admin_site=self)),
                name="my_account",
            ),
            path(
                "mon-compte/mot-de-passe/",
                self.admin_view(MyPasswordView.as_view(admin_site=self)),
                name="my_password",
            ),
        ] + super().get_urls()


class BackofficeSite(RoleAdminSite):
    settings_name = "UNFOLD"
    access_permission = "backoffice.access"
    site_title = site_header = "Atouts pour tous"
    index_title = "Tableau de bord"


class EmployerSite(RoleAdminSite):
    settings_name = "UNFOLD_EMPLOYER"
    access_permission = "employer_space.access"
    site_title = site_header = "Atouts pour tous — Espace employeur"
    index_title = "Tableau de bord"


backoffice_site = BackofficeSite(name="backoffice")
employer_site = EmployerSite(name="employer")
