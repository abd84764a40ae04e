from django.urls import path

from candidate_space import views

urlpatterns = [
    path("", views.home, name="home"),
    path("profil/", views.profile, name="profile"),
    path("profil/mot-de-passe/", views.password, name="password"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/modifier/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/supprimer/", views.document_delete, name="document_delete"),
    path("cv/", views.cv, name="cv"),
    path("lettre/", views.letter, name="letter"),
    path("offres/", views.offers, name="offers"),
    path("offres/<int:pk>/", views.offer_detail, name="offer"),
    path("offres/<int:pk>/postuler/", views.apply_offer, name="apply_offer"),
    path("employeurs/", views.companies, name="companies"),
    path("employeurs/<int:pk>/", views.company_detail, name="company"),
    path(
        "employeurs/<int:pk>/candidature-spontanee/",
        views.apply_company,
        name="apply_company",
    ),
    path("employeurs/<int:pk>/parrainage/", views.sponsorship_new, name="sponsorship_new"),
    path("candidatures/<int:pk>/", views.application_detail, name="application"),
    path(
        "candidatures/<int:pk>/retirer/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path("parrainages/<int:pk>/", views.sponsorship_detail, name="sponsorship"),
    path(
        "parrainages/<int:pk>/retirer/",
        views.sponsorship_withdraw,
        name="sponsorship_withdraw",
    ),
]
