"""Unfold settings for both sites. Sidebar links are hidden by rules permissions; the server
refuses the same screens anyway (a hidden link is never the protection)."""

from django.urls import reverse_lazy


def _perm(name):
    return f"backoffice.unfold_config.{name}"


def can_manage_accounts(request):
    return request.user.has_perm("core.add_user")


def is_platform_admin(request):
    return request.user.has_perm("core.add_establishment")


def _item(title, icon, link, permission=None):
    item = {"title": title, "icon": icon, "link": link}
    if permission:
        item["permission"] = _perm(permission)
    return item


def _styles():
    from django.templatetags.static import static

    return [lambda request: static("css/backoffice.css")]


def _favicons():
    from django.templatetags.static import static

    return [{"rel": "icon", "type": "image/svg+xml", "href": lambda request: static("favicon.svg")}]


_COMMON = {
    "SITE_URL": "/",
    "STYLES": _styles(),
    "SITE_FAVICONS": _favicons(),
    "SITE_SYMBOL": "diversity_3",
    "SHOW_HISTORY": True,
    "SHOW_VIEW_ON_SITE": False,
    "SHOW_LANGUAGES": False,
    "BORDER_RADIUS": "6px",
    "COLORS": {
        "primary": {
            "50": "oklch(97% .014 254.604)",
            "100": "oklch(93.2% .032 255.585)",
            "200": "oklch(88.2% .059 254.128)",
            "300": "oklch(80.9% .105 251.813)",
            "400": "oklch(70.7% .165 254.624)",
            "500": "oklch(62.3% .214 259.815)",
            "600": "oklch(54.6% .245 262.881)",
            "700": "oklch(48.8% .243 264.376)",
            "800": "oklch(42.4% .199 265.638)",
            "900": "oklch(37.9% .146 265.522)",
            "950": "oklch(28.2% .091 267.935)",
        },
    },
}

UNFOLD = {
    **_COMMON,
    "SITE_TITLE": "Atouts pour tous",
    "SITE_HEADER": "Atouts pour tous",
    "SITE_SUBHEADER": "Back-office",
    "DASHBOARD_CALLBACK": "backoffice.dashboard.staff_dashboard",
    "ACCOUNT": {
        "navigation": [
            {"title": "Mon compte", "link": reverse_lazy("backoffice:my_account")},
        ]
    },
    "SIDEBAR": {
        "show_search": False,
        "show_all_applications": False,
        "navigation": [
            {
                "title": "Suivi",
                "items": [
                    _item("Tableau de bord", "dashboard", reverse_lazy("backoffice:index")),
                    _item(
                        "Mes candidats",
                        "school",
                        reverse_lazy("backoffice:core_candidate_changelist"),
                    ),
                    _item(
                        "Candidatures",
                        "send",
                        reverse_lazy("backoffice:core_application_changelist"),
                    ),
                    _item(
                        "Demandes de parrainage",
                        "handshake",
                        reverse_lazy("backoffice:core_sponsorshiprequest_changelist"),
                    ),
                    _item(
                        "Documents",
                        "description",
                        reverse_lazy("backoffice:core_document_changelist"),
                    ),
                ],
            },
            {
                "title": "Offres et annuaire",
                "items": [
                    _item("Offres", "work", reverse_lazy("backoffice:core_joboffer_changelist")),
                    _item(
                        "Employeurs", "business", reverse_lazy("backoffice:core_company_changelist")
                    ),
                    _item(
                        "Référents établissements",
                        "contacts",
                        reverse_lazy("backoffice:core_directoryreferent_changelist"),
                    ),
                ],
            },
            {
                "title": "Administration",
                "items": [
                    _item(
                        "Comptes",
                        "manage_accounts",
                        reverse_lazy("backoffice:core_user_changelist"),
                        "can_manage_accounts",
                    ),
                    _item(
                        "Établissements",
                        "account_balance",
                        reverse_lazy("backoffice:core_establishment_changelist"),
                        "is_platform_admin",
                    ),
                    _item(
                        "Emails envoyés",
                        "mail",
                        reverse_lazy("backoffice:core_outboundemail_changelist"),
                        "is_platform_admin",
                    ),
                    _item("Mon compte", "person", reverse_lazy("backoffice:my_account")),
                ],
            },
        ],
    },
}

UNFOLD_EMPLOYER = {
    **_COMMON,
    "SITE_TITLE": "Atouts pour tous — Employeur",
    "SITE_HEADER": "Atouts pour tous",
    "SITE_SUBHEADER": "Espace employeur",
    "DASHBOARD_CALLBACK": "backoffice.dashboard.employer_dashboard",
    # The history of an application includes its life before it was sent (who validated it,
    # whether help was asked): never for employers.
    "SHOW_HISTORY": False,
    "ACCOUNT": {
        "navigation": [
            {"title": "Mon compte", "link": reverse_lazy("employer:my_account")},
        ]
    },
    "SIDEBAR": {
        "show_search": False,
        "show_all_applications": False,
        "navigation": [
            {
                "title": "Mon entreprise",
                "items": [
                    _item("Tableau de bord", "dashboard", reverse_lazy("employer:index")),
                    _item(
                        "Candidatures reçues",
                        "inbox",
                        reverse_lazy("employer:core_application_changelist"),
                    ),
                    _item(
                        "Demandes de parrainage",
                        "handshake",
                        reverse_lazy("employer:core_sponsorshiprequest_changelist"),
                    ),
                    _item("Mes offres", "work", reverse_lazy("employer:core_ownoffer_changelist")),
                    _item(
                        "Mon entreprise",
                        "business",
                        reverse_lazy("employer:core_company_changelist"),
                    ),
                    _item("Mes collègues", "group", reverse_lazy("employer:core_user_changelist")),
                ],
            },
            {
                "title": "Offres et annuaire",
                "items": [
                    _item(
                        "Toutes les offres",
                        "travel_explore",
                        reverse_lazy("employer:core_joboffer_changelist"),
                    ),
                    _item(
                        "Employeurs",
                        "apartment",
                        reverse_lazy("employer:core_directorycompany_changelist"),
                    ),
                    _item(
                        "Référents établissements",
                        "contacts",
                        reverse_lazy("employer:core_directoryreferent_changelist"),
                    ),
                    _item("Mon compte", "person", reverse_lazy("employer:my_account")),
                ],
            },
        ],
    },
}
