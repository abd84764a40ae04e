from django.urls import include, path
from django.views.generic import RedirectView

from backoffice.admin import register_all
from backoffice.sites import backoffice_site, employer_site
from backoffice.views import auth, documents

register_all()

urlpatterns = [
    path("", auth.home, name="home"),
    path("favicon.ico", RedirectView.as_view(url="/static/favicon.svg", permanent=True)),
    path("connexion/", auth.LoginView.as_view(), name="login"),
    path("deconnexion/", auth.logout_view, name="logout"),
    path(
        "connexion/invitation/<uidb64>/<token>/",
        auth.InvitationConfirmView.as_view(),
        name="invitation_confirm",
    ),
    path("connexion/mot-de-passe-oublie/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "connexion/mot-de-passe-oublie/envoye/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path("documents/<int:pk>/telecharger/", documents.download, name="document_download"),
    path("backoffice/", backoffice_site.urls),
    path("employeur/", employer_site.urls),
    path("candidat/", include(("candidate_space.urls", "candidate"), namespace="candidate")),
    path("anymail/", include("anymail.urls")),
]
