"""'Candidatures': the staff list and page ("Modifier la candidature"), the employer's
received applications. States change only through workflows/applications.py."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from unfold.contrib.filters.admin import RangeDateFilter
from unfold.contrib.filters.admin.text_filters import TextFilter
from unfold.decorators import action, display
from unfold.utils import parse_date_str

from backoffice.admin.base import ReadOnlyScreen, ReferentFilter, ScopedAdmin, ScopedRelatedFilter
from backoffice.admin.widgets import UnfoldAdminTextareaWidget, UnfoldBooleanWidget
from core.enums import ApplicationState, DocumentKind
from core.models import Application, Document, FollowUpMessage, PrivateNote
from core.models.timeline import state_timeline
from workflows import applications as flows
from workflows.errors import WorkflowError

STATE_COLORS = {
    ApplicationState.AWAITING_VALIDATION.label: "warning",
    ApplicationState.SENT.label: "info",
    ApplicationState.IN_REVIEW.label: "info",
    ApplicationState.RETAINED.label: "success",
    ApplicationState.REJECTED.label: "danger",
    ApplicationState.WITHDRAWN.label: "danger",
}


def _checked(check, value):
    """Run a workflow check on a form value; its message becomes the field's error."""
    try:
        check(value)
    except WorkflowError as error:
        raise forms.ValidationError(error.message) from error
    return value


class ApplicationEditForm(forms.ModelForm):
    validate_now = forms.BooleanField(
        label="Valider la candidature",
        required=False,
        widget=UnfoldBooleanWidget(),
        help_text="Envoyer la candidature à l'employeur.",
    )
    followup = forms.CharField(
        label="Message de suivi",
        required=False,
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 3}),
        help_text="Message au candidat. L'employeur n'y a pas accès.",
    )
    private_note = forms.CharField(
        label="Note privée",
        required=False,
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 3}),
        help_text="Visible uniquement par vous et votre chargé de mission.",
    )

    class Meta:
        model = Application
        fields = ["message", "cv", "cover_letter"]
        help_texts = {"message": "Renseignez le message pour l'employeur."}
        labels = {"cv": "C.V. du candidat", "cover_letter": "Lettre de motivation du candidat"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cv" not in self.fields:
            return
        docs = Document.objects.filter(candidate_id=self.instance.candidate_id)
        self.fields["cv"].queryset = docs.usable_as(DocumentKind.CV)
        self.fields["cover_letter"].queryset = docs.usable_as(DocumentKind.COVER_LETTER)
        self.fields[
            "cv"
        ].help_text = (
            "Sélectionnez un CV (les documents se chargent depuis les documents du candidat)."
        )
        self.fields["cover_letter"].help_text = "Sélectionnez une lettre de motivation."

    def clean_message(self):
        return _checked(flows.check_message, self.cleaned_data["message"]).strip()


class ApplicationCreateForm(forms.ModelForm):
    """Staff apply on a candidate's behalf; the autonomy rule still decides where it goes."""

    class Meta:
        model = Application
        fields = ["candidate", "offer", "company", "message", "cv", "cover_letter"]
        help_texts = {
            "offer": "Pour une candidature spontanée, laissez vide et choisissez l'employeur.",
            "company": "Inutile si une offre est choisie.",
            "cv": "Un document du candidat.",
            "cover_letter": "Un document du candidat.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].required = False

    def clean(self):
        # The workflow's checks, here so their messages land next to the fields.
        data = super().clean()
        candidate = data.get("candidate")
        try:
            flows.resolve_target(data.get("offer"), data.get("company"))
            if candidate:
                flows.check_documents(candidate, data.get("cv"), data.get("cover_letter"))
        except WorkflowError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return data

    def _post_clean(self):
        # The state, kind and company come from the workflow: copy the fields, skip the model's
        # validation (its constraints need them).
        from django.forms.models import construct_instance

        self.instance = construct_instance(self, self.instance, self._meta.fields)


class AwaitingMineFilter(admin.SimpleListFilter):
    title = "à traiter"
    parameter_name = "a_valider"

    def lookups(self, request, model_admin):
        return [("moi", "En attente de ma validation")]

    def queryset(self, request, queryset):
        if self.value() == "moi":
            return queryset.filter(pk__in=Application.objects.awaiting_validation_by(request.user))
        return queryset


class OfferFilter(TextFilter):
    """Offers are thousands: filter by a word of their title or their reference."""

    title = "offre (intitulé ou référence)"
    parameter_name = "offre"

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(offer__title__icontains=value) | Q(offer__reference__iexact=value))


class SentBetweenFilter(RangeDateFilter):
    """ "Envoyée entre deux dates": compares calendar days in Paris time."""

    def queryset(self, request, queryset):
        start = parse_date_str(self.used_parameters.get(f"{self.parameter_name}_from") or "")
        end = parse_date_str(self.used_parameters.get(f"{self.parameter_name}_to") or "")
        if start:
            queryset = queryset.filter(**{f"{self.parameter_name}__date__gte": start})
        if end:
            queryset = queryset.filter(**{f"{self.parameter_name}__date__lte": end})
        return queryset


class ApplicationAdmin(ScopedAdmin):
    form = ApplicationEditForm
    list_display = ["banner_title", "candidate_name", "banner_date", "state_badge", "consult"]
    list_filter = [
        "state",
        "kind",
        ("company", ScopedRelatedFilter),
        OfferFilter,
        ("candidate", ScopedRelatedFilter),
        ReferentFilter.on("candidate__referents"),
        AwaitingMineFilter,
        ("sent_at", SentBetweenFilter),
    ]
    list_filter_submit = True
    search_fields = [
        "reference",
        "candidate__user__last_name",
        "candidate__user__first_name",
        "company__name",
        "offer__title",
        "offer__reference",
    ]
    search_help_text = "Référence, candidat, employeur ou offre."
    list_select_related = ["candidate__user", "company", "offer"]
    actions = ["validate_selected"]
    actions_detail = ["validate_detail"]
    change_form_outer_before_template = "backoffice/application_before.html"
    change_form_outer_after_template = "backoffice/application_after.html"

    autocomplete_fields = ["candidate", "offer", "company"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not flows.can("edit", obj, request.user):
            return ["message"]
        return []

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in {"candidate__id__exact", "offer__id__exact"} or super().lookup_allowed(
            lookup, value, request
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApplicationCreateForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    "Nouvelle candidature pour un candidat",
                    {
                        "fields": ApplicationCreateForm.Meta.fields,
                        "description": "Un candidat non autonome : la candidature attend votre "
                        "validation. Un candidat autonome : elle part chez l'employeur.",
                    },
                )
            ]
        if flows.can("edit", obj, request.user):
            return [
                ("Informations candidature", {"fields": ["message", ("cv", "cover_letter")]}),
                (
                    "Outils de suivi de mon candidat",
                    {"fields": ["validate_now", "followup", "private_note"]},
                ),
            ]
        return [("Candidature", {"fields": ["message"]})]

    def has_add_permission(self, request):
        return request.user.has_perm("core.add_application")

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("core.change_application")
        return flows.can("edit", obj, request.user)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return False
        return request.user.has_perm("core.delete_application", obj)

    def delete_model(self, request, obj):
        flows.delete(obj, user=request.user)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        user = request.user
        if not change:
            created = flows.submit(
                user=user,
                candidate=data["candidate"],
                offer=data.get("offer"),
                company=None if data.get("offer") else data.get("company"),
                message=data["message"],
                cv=data["cv"],
                cover_letter=data["cover_letter"],
            )
            # The admin goes on with its own instance (messages, redirect): point it at the
            # application the workflow created.
            obj.pk = created.pk
            obj.refresh_from_db()
            return
        try:
            if {"message", "cv", "cover_letter"} & set(form.changed_data):
                flows.edit(
                    obj,
                    user=user,
                    message=data["message"],
                    cv=data["cv"],
                    cover_letter=data["cover_letter"],
                )
            if data.get("followup"):
                flows.post_followup(obj, user=user, body=data["followup"])
            if data.get("private_note"):
                flows.add_private_note(obj, user=user, body=data["private_note"])
            if data.get("validate_now"):
                flows.validate(obj, user=user)
                self.message_user(
                    request,
                    "La candidature est validée et envoyée à l'employeur.",
                    messages.SUCCESS,
                )
        except WorkflowError as error:
            self.message_user(request, error.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        pass

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(self.page_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def page_context(self, request, obj):
        user = request.user
        return {
            "application": obj,
            "followups": FollowUpMessage.objects.visible_to(user).about(obj),
            "notes": PrivateNote.objects.visible_to(user)
            .filter(application=obj)
            .select_related("author"),
            "timeline": state_timeline(obj, user),
            "can_post_followup": user.has_perm("core.post_followup", obj),
            "can_add_note": user.has_perm("core.add_private_note", obj),
            "can_validate": flows.can("validate", obj, user),
            "is_employer_view": False,
            "site": self.admin_site.name,
            "candidate_url": reverse(
                f"{self.admin_site.name}:core_candidate_dossier", args=[obj.candidate_id]
            ),
            "list_url": reverse(f"{self.admin_site.name}:core_application_changelist"),
        }

    # --- columns ---------------------------------------------------------------------

    @display(description="Type et titre")
    def banner_title(self, obj):
        return obj.title

    @display(description="Candidat", ordering="candidate__user__last_name")
    def candidate_name(self, obj):
        return obj.candidate.user.full_name

    @display(description="Date", ordering="sent_at")
    def banner_date(self, obj):
        return obj.banner_date.strftime("%d/%m/%Y")

    @display(description="État", label=STATE_COLORS)
    def state_badge(self, obj):
        return obj.get_state_display()

    @display(description="")
    def consult(self, obj):
        url = reverse(f"{self.admin_site.name}:core_application_change", args=[obj.pk])
        return format_html('<a class="underline" href="{}">Consulter la candidature</a>', url)

    # --- actions ---------------------------------------------------------------------

    @admin.action(description="Valider les candidatures sélectionnées", permissions=["validate"])
    def validate_selected(self, request, queryset):
        done, failed = flows.validate_many(list(queryset), user=request.user)
        if done:
            self.message_user(
                request, f"{len(done)} candidature(s) validée(s) et envoyée(s).", messages.SUCCESS
            )
        for application, reason in failed:
            self.message_user(
                request,
                f"{application.reference} ({application.candidate.user.full_name}) non validée : "
                f"{reason}",
                messages.ERROR,
            )

    @action(description="Valider la candidature", permissions=["validate"])
    def validate_detail(self, request, object_id):
        application = self.get_scoped_object(request, object_id)
        return self.confirm_then_run(
            request,
            application,
            flows.validate,
            title="Valider la candidature et l'envoyer à l'employeur",
            success="La candidature est validée et envoyée à l'employeur.",
            back_url=reverse(
                f"{self.admin_site.name}:core_application_change", args=[application.pk]
            ),
        )

    def has_validate_permission(self, request, object_id=None):
        return self.object_permission(
            request,
            object_id,
            lambda obj: flows.can("validate", obj, request.user),
            request.user.has_perm("core.validate_application"),
        )

    # --- follow-up messages and private notes (posted from the page) ------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/suivi/",
                self.admin_site.admin_view(self.post_view),
                name="core_application_post",
            ),
        ] + super().get_urls()

    def post_view(self, request, object_id):
        if request.method != "POST":
            raise Http404
        application = self.get_scoped_object(request, object_id)
        kind = request.POST.get("kind")
        body = request.POST.get("body", "")
        if kind == "followup":
            self.run_workflow(
                request,
                flows.post_followup,
                application,
                body=body,
                success="Message de suivi envoyé.",
            )
        elif kind == "note":
            self.run_workflow(
                request, flows.add_private_note, application, body=body, success="Note ajoutée."
            )
        else:
            raise PermissionDenied
        return redirect(
            reverse(f"{self.admin_site.name}:core_application_change", args=[application.pk])
        )


class EmployerApplicationAdmin(ReadOnlyScreen, ScopedAdmin):
    """Received applications: the candidate's name, the offer, the message, CV and LM — and
    nothing else about the candidate."""

    list_display = ["banner_title", "candidate_name", "banner_date", "state_badge"]
    list_filter = ["state", "kind", ("sent_at", SentBetweenFilter)]
    list_filter_submit = True
    search_fields = ["reference", "candidate__user__last_name", "offer__title", "offer__reference"]
    list_select_related = ["candidate__user", "company", "offer"]
    fields = [
        "reference",
        "candidate_name",
        "offer",
        "message",
        "cv_link",
        "cover_letter_link",
        "state",
        "sent_at",
        "decision_reason",
    ]
    readonly_fields = fields
    actions_detail = ["take_in_charge", "retain", "reject"]
    show_history = False
    change_form_outer_after_template = "backoffice/application_employer_after.html"
    banner_title = ApplicationAdmin.banner_title
    banner_date = ApplicationAdmin.banner_date
    state_badge = ApplicationAdmin.state_badge

    @display(description="Candidat")
    def candidate_name(self, obj):
        return obj.candidate.user.full_name

    @display(description="CV")
    def cv_link(self, obj):
        return format_html(
            '<a class="underline" href="{}">Télécharger le CV</a>', obj.cv.get_download_url()
        )

    @display(description="Lettre de motivation")
    def cover_letter_link(self, obj):
        return format_html(
            '<a class="underline" href="{}">Télécharger la lettre de motivation</a>',
            obj.cover_letter.get_download_url(),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["timeline"] = state_timeline(obj, request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _progress(self, request, object_id, verb, title, success, ask_reason=False):
        application = self.get_scoped_object(request, object_id)
        return self.confirm_then_run(
            request,
            application,
            getattr(flows, verb),
            title=title,
            success=success,
            back_url=reverse(
                f"{self.admin_site.name}:core_application_change", args=[application.pk]
            ),
            reason_label="Motif (facultatif, communiqué au référent du candidat)"
            if ask_reason
            else None,
        )

    @action(description="Prendre en charge", permissions=["take_in_charge"])
    def take_in_charge(self, request, object_id):
        return self._progress(
            request,
            object_id,
            "take_in_charge",
            "Prendre en charge la candidature",
            "Candidature prise en charge.",
        )

    @action(description="Retenir", permissions=["decide"])
    def retain(self, request, object_id):
        return self._progress(
            request, object_id, "retain", "Retenir la candidature", "Candidature retenue.", True
        )

    @action(description="Ne pas retenir", permissions=["decide"])
    def reject(self, request, object_id):
        return self._progress(
            request,
            object_id,
            "reject",
            "Ne pas retenir la candidature",
            "Candidature non retenue.",
            True,
        )

    def _can(self, request, object_id, verb):
        return self.object_permission(
            request,
            object_id,
            lambda obj: flows.can(verb, obj, request.user),
            request.user.has_perm("core.record_application_progress"),
        )

    def has_take_in_charge_permission(self, request, object_id=None):
        return self._can(request, object_id, "take_in_charge")

    def has_decide_permission(self, request, object_id=None):
        return self._can(request, object_id, "retain")


def register(site, employer_site):
    site.register(Application, ApplicationAdmin)
    employer_site.register(Application, EmployerApplicationAdmin)
