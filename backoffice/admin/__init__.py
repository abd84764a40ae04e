"""Screens of both admin sites, one module per area."""

_registered = False


def register_all():
    """Register every ModelAdmin on its site (once)."""
    global _registered
    if _registered:
        return
    from backoffice.admin import (
        accounts,
        applications,
        candidates,
        documents,
        emails,
        offers,
        sponsorships,
    )
    from backoffice.sites import backoffice_site, employer_site

    for module in (accounts, candidates, documents, offers, applications, sponsorships, emails):
        module.register(backoffice_site, employer_site)
    _registered = True
