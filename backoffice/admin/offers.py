"""Companies, job offers, offer search, the employer directory."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from unfold.admin import TabularInline
from unfold.contrib.filters.admin.choice_filters import BooleanRadioFilter
from unfold.contrib.filters.admin.dropdown_filters import ChoicesDropdownFilter, DropdownFilter
from unfold.contrib.filters.admin.text_filters import TextFilter
from unfold.decorators import action, display

from backoffice.admin.base import ScopedAdmin
from core.departments import DEPARTMENTS
from core.enums import OfferState
from core.models import Application, Company, CompanyContact, DirectoryCompany, JobOffer, OwnOffer
from core.models.offers import GENERIC_OFFER_HELP
from workflows import offers as offer_flows


class CompanyContactInline(TabularInline):
    model = CompanyContact
    extra = 0
    fields = ["name", "function", "email", "phone"]

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("core.change_company", obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("core.change_company", obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("core.change_company", obj)

    def has_view_permission(self, request, obj=None):
        return True


class PublishedOffersInline(TabularInline):
    model = JobOffer
    extra = 0
    fields = ["title", "reference", "contract_type", "city", "published_at"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "offres publiées"
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).filter(state=OfferState.PUBLISHED)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


class CompanyAdmin(ScopedAdmin):
    """Employers ("Employeurs"): the directory for everyone, editable by the admin and by the
    company's own recruiters."""

    list_display = ["name", "sector", "city", "published_offers"]
    list_filter = ["sector", "is_active"]
    search_fields = ["name"]
    fields = [
        "name",
        "siret",
        "sector",
        "description",
        "website",
        "address",
        "postal_code",
        "city",
        "is_active",
    ]
    inlines = [CompanyContactInline, PublishedOffersInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_published_count()

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not request.user.has_perm("core.add_company"):
            return ["siret", "is_active"]
        return []

    @display(description="Offres publiées", ordering="published_count")
    def published_offers(self, obj):
        return obj.published_count


class EmployerCompanyAdmin(CompanyAdmin):
    """Employer space, "Mon entreprise": only my company."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk=request.user.company_id)


class DirectoryCompanyAdmin(CompanyAdmin):
    """Employer space, "Employeurs": the directory, read-only."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


class DepartmentFilter(DropdownFilter):
    title = "département"
    parameter_name = "departement"

    def lookups(self, request, model_admin):
        return DEPARTMENTS

    def queryset(self, request, queryset):
        return queryset.search(department=self.value())


class OfferTextFilter(TextFilter):
    """A free-text field of the tutorial's offer search form (``JobOffer.objects.search``)."""

    criterion = None

    @classmethod
    def on(cls, criterion, title, parameter_name):
        attrs = {"criterion": criterion, "title": title, "parameter_name": parameter_name}
        return type(f"OfferTextFilter_{criterion}", (cls,), attrs)

    def queryset(self, request, queryset):
        return queryset.search(**{self.criterion: self.value()})


OFFER_SEARCH_FILTERS = [
    DepartmentFilter,
    OfferTextFilter.on("postal_code", "code postal", "code_postal"),
    OfferTextFilter.on("title", "offre (intitulé)", "offre"),
    OfferTextFilter.on("employer", "employeur", "employeur"),
    OfferTextFilter.on("reference", "référence", "reference"),
    ("sector", ChoicesDropdownFilter),
    ("contract_type", ChoicesDropdownFilter),
    ("is_generic", BooleanRadioFilter),
]


class JobOfferForm(forms.ModelForm):
    class Meta:
        model = JobOffer
        fields = [
            "company",
            "title",
            "reference",
            "description",
            "contract_type",
            "sector",
            "department",
            "postal_code",
            "city",
            "start_date",
            "duration",
            "is_generic",
            "expires_at",
        ]


class JobOfferAdmin(ScopedAdmin):
    """ "Offres": the search every role uses; the admin edits any offer."""

    form = JobOfferForm
    list_display = [
        "title",
        "company",
        "reference",
        "contract_type",
        "sector",
        "location",
        "generic",
        "published_at",
        "state_badge",
    ]
    list_filter = [*OFFER_SEARCH_FILTERS, ("state", ChoicesDropdownFilter)]
    search_fields = ["title", "reference", "company__name", "postal_code", "city"]
    search_help_text = (
        "Recherche par intitulé (« Offre »), référence, employeur, code postal ou ville."
    )
    list_select_related = ["company"]
    ordering = ["-published_at", "-pk"]
    show_full_result_count = True
    readonly_fields = ["state", "published_at", "generic_explanation", "applied_candidates"]
    actions_detail = ["publish", "close", "duplicate"]
    list_filter_submit = True

    def get_fields(self, request, obj=None):
        fields = list(JobOfferForm.Meta.fields)
        if obj is not None:
            fields += ["state", "published_at", "generic_explanation"]
            if request.user.has_perm("backoffice.access"):
                fields += ["applied_candidates"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return self.get_fields(request, obj)
        return self.readonly_fields

    def location(self, obj):
        return f"{obj.postal_code} {obj.city}"

    location.short_description = "Lieu"

    @display(description="Générique", boolean=True)
    def generic(self, obj):
        return obj.is_generic

    @display(
        description="État",
        label={"Publiée": "success", "Brouillon": "warning", "Clôturée": "danger"},
    )
    def state_badge(self, obj):
        return obj.get_state_display()

    @display(description="Offre générique")
    def generic_explanation(self, obj):
        return GENERIC_OFFER_HELP if obj.is_generic else "Non : offre pour un poste précis."

    @display(description="Candidats de mon périmètre ayant postulé")
    def applied_candidates(self, obj):
        applications = (
            Application.objects.visible_to(self._request.user)
            .filter(offer=obj)
            .select_related("candidate__user")
        )
        if not applications:
            return "Aucun."
        site = self.admin_site.name
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a class="underline" href="{}">{}</a> — {}</li>',
                (
                    (
                        reverse(f"{site}:core_application_change", args=[a.pk]),
                        a.candidate.user.full_name,
                        a.get_state_display(),
                    )
                    for a in applications
                ),
            ),
        )

    def get_object(self, request, object_id, from_field=None):
        self._request = request
        return super().get_object(request, object_id, from_field)

    def save_model(self, request, obj, form, change):
        offer_flows.save_offer(obj, user=request.user, change=change)

    def _detail(self, request, object_id, func, success):
        offer = self.get_scoped_object(request, object_id)
        return self.confirm_then_run(
            request,
            offer,
            func,
            title=f"{success.rstrip('.')} : confirmer",
            success=success,
            back_url=self._change_url(offer),
        )

    def _change_url(self, offer):
        opts = self.opts
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[offer.pk]
        )

    @action(description="Publier", permissions=["publish"])
    def publish(self, request, object_id):
        return self._detail(request, object_id, offer_flows.publish, "L'offre est publiée.")

    @action(description="Clôturer", permissions=["publish"])
    def close(self, request, object_id):
        return self._detail(request, object_id, offer_flows.close, "L'offre est clôturée.")

    @action(description="Dupliquer", permissions=["publish"])
    def duplicate(self, request, object_id):
        offer = self.get_scoped_object(request, object_id)
        if request.method != "POST":
            return self.confirm_then_run(
                request,
                offer,
                offer_flows.duplicate,
                title="Dupliquer l'offre en brouillon",
                success="",
                back_url=self._change_url(offer),
            )
        copy = offer_flows.duplicate(offer, user=request.user)
        self.message_user(request, "Offre dupliquée en brouillon.", messages.SUCCESS)
        return redirect(self._change_url(copy))

    def has_publish_permission(self, request, object_id=None):
        return self.object_permission(
            request,
            object_id,
            lambda obj: request.user.has_perm("core.publish_joboffer", obj),
            request.user.has_perm("core.add_joboffer"),
        )


class EmployerBrowseOfferAdmin(JobOfferAdmin):
    """Employer space, "Toutes les offres": published offers, read-only."""

    actions_detail = []

    def get_queryset(self, request):
        return super().get_queryset(request).filter(state=OfferState.PUBLISHED)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OwnOfferAdmin(JobOfferAdmin):
    """Employer space, "Mes offres": create, edit, publish, close, duplicate."""

    list_display = [
        "title",
        "reference",
        "contract_type",
        "location",
        "generic",
        "published_at",
        "state_badge",
    ]

    list_filter = [("state", ChoicesDropdownFilter), ("contract_type", ChoicesDropdownFilter)]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return [f for f in fields if f not in ("company", "applied_candidates")]

    def save_model(self, request, obj, form, change):
        obj.company = request.user.company
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        company = request.user.company

        class OwnForm(form):
            def _post_clean(self):
                self.instance.company = company
                self.cleaned_data["company"] = company
                super()._post_clean()

        return OwnForm


def register(site, employer_site):
    site.register(Company, CompanyAdmin)
    site.register(JobOffer, JobOfferAdmin)
    employer_site.register(Company, EmployerCompanyAdmin)
    employer_site.register(DirectoryCompany, DirectoryCompanyAdmin)
    employer_site.register(JobOffer, EmployerBrowseOfferAdmin)
    employer_site.register(OwnOffer, OwnOfferAdmin)
