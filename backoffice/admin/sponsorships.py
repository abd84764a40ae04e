"""Sponsorship requests: the staff follow-up screen and "Parrainage édition", the employer's
received requests."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from unfold.decorators import action, display

from backoffice.admin.base import ReadOnlyScreen, ScopedAdmin, ScopedRelatedFilter
from backoffice.admin.widgets import (
    UnfoldAdminEmailInputWidget,
    UnfoldAdminTextareaWidget,
    UnfoldAdminTextInputWidget,
    UnfoldBooleanWidget,
)
from core.enums import SponsorshipState
from core.models import FollowUpMessage, SponsorshipRequest
from core.models.timeline import state_timeline
from workflows import sponsorships as flows
from workflows.applications import post_followup
from workflows.errors import WorkflowError

STATE_COLORS = {
    SponsorshipState.AWAITING_VALIDATION.label: "warning",
    SponsorshipState.SENT.label: "info",
    SponsorshipState.ACCEPTED.label: "success",
    SponsorshipState.DECLINED.label: "danger",
    SponsorshipState.WITHDRAWN.label: "danger",
}


class SponsorshipEditForm(forms.ModelForm):
    validate_now = forms.BooleanField(
        label="Valider la demande de parrainage",
        required=False,
        widget=UnfoldBooleanWidget(),
        help_text="Cliquez sur le bouton si vous souhaitez valider la demande de parrainage.",
    )
    followup = forms.CharField(
        label="Message de suivi",
        required=False,
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 3}),
        help_text="Renseignez un message de suivi pour votre candidat.",
    )

    class Meta:
        model = SponsorshipRequest
        fields = ["message"]
        labels = {"message": "Message pour l'employeur"}
        help_texts = {"message": "Renseignez le message pour l'employeur."}


class SponsorshipAdmin(ScopedAdmin):
    form = SponsorshipEditForm
    list_display = ["published", "title_display", "state_badge"]
    list_filter = ["state", ("company", ScopedRelatedFilter), ("candidate", ScopedRelatedFilter)]
    search_fields = ["candidate__user__last_name", "candidate__user__first_name", "company__name"]
    list_select_related = ["candidate__user", "company"]
    change_form_outer_before_template = "backoffice/sponsorship_before.html"
    change_form_outer_after_template = "backoffice/sponsorship_after.html"

    def get_fieldsets(self, request, obj=None):
        if obj is not None and flows.can("edit", obj, request.user):
            return [
                ("Informations parrainage", {"fields": ["message"]}),
                ("Suivi référent", {"fields": ["validate_now", "followup"]}),
            ]
        return [("Message", {"fields": ["message"]})]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("core.change_sponsorshiprequest")
        return flows.can("edit", obj, request.user)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and request.user.has_perm("core.delete_sponsorshiprequest", obj)

    def delete_model(self, request, obj):
        flows.delete(obj, user=request.user)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if "message" in form.changed_data:
                flows.edit(obj, user=request.user, message=data["message"])
            if data.get("followup"):
                post_followup(obj, user=request.user, body=data["followup"])
            if data.get("validate_now"):
                flows.validate(obj, user=request.user)
        except WorkflowError as error:
            self.message_user(request, error.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        pass

    def response_change(self, request, obj):
        self.message_user(request, "La demande de parrainage a été mise à jour.", messages.SUCCESS)
        return redirect(
            reverse(f"{self.admin_site.name}:core_sponsorshiprequest_change", args=[obj.pk])
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(
                {
                    "sponsorship": obj,
                    "followups": FollowUpMessage.objects.visible_to(request.user).about(obj),
                    "timeline": state_timeline(obj, request.user),
                    "can_post_followup": request.user.has_perm("core.post_followup", obj),
                    "site": self.admin_site.name,
                    "candidate_url": reverse(
                        f"{self.admin_site.name}:core_candidate_dossier", args=[obj.candidate_id]
                    ),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @display(description="Publiée le", ordering="created_at")
    def published(self, obj):
        return obj.created_at.strftime("%d-%m-%Y")

    @display(description="Demande")
    def title_display(self, obj):
        return obj.title.upper()

    @display(description="État", label=STATE_COLORS)
    def state_badge(self, obj):
        return obj.get_state_display()

    def get_urls(self):
        return [
            path(
                "<path:object_id>/suivi/",
                self.admin_site.admin_view(self.post_view),
                name="core_sponsorshiprequest_post",
            ),
        ] + super().get_urls()

    def post_view(self, request, object_id):
        if request.method != "POST":
            raise Http404
        sponsorship = self.get_scoped_object(request, object_id)
        self.run_workflow(
            request,
            post_followup,
            sponsorship,
            body=request.POST.get("body", ""),
            success="Message de suivi envoyé.",
        )
        return redirect(
            reverse(f"{self.admin_site.name}:core_sponsorshiprequest_change", args=[sponsorship.pk])
        )


class SponsorAnswerForm(forms.Form):
    sponsor_name = forms.CharField(
        label="Nom du parrain", max_length=150, widget=UnfoldAdminTextInputWidget()
    )
    sponsor_function = forms.CharField(
        label="Fonction", max_length=150, required=False, widget=UnfoldAdminTextInputWidget()
    )
    sponsor_email = forms.EmailField(
        label="Email", required=False, widget=UnfoldAdminEmailInputWidget()
    )


class EmployerSponsorshipAdmin(ReadOnlyScreen, ScopedAdmin):
    list_display = ["published", "candidate_name", "state_badge"]
    list_filter = ["state"]
    search_fields = ["candidate__user__last_name"]
    list_select_related = ["candidate__user", "company"]
    fields = [
        "candidate_name",
        "message",
        "state",
        "sent_at",
        "sponsor_name",
        "sponsor_function",
        "sponsor_email",
        "decline_reason",
    ]
    readonly_fields = fields
    actions_detail = ["accept", "decline"]
    show_history = False
    published = SponsorshipAdmin.published
    state_badge = SponsorshipAdmin.state_badge

    @display(description="Candidat")
    def candidate_name(self, obj):
        return obj.candidate.user.full_name

    def _back(self, obj):
        return reverse(f"{self.admin_site.name}:core_sponsorshiprequest_change", args=[obj.pk])

    @action(description="Accepter et désigner un parrain", permissions=["answer"])
    def accept(self, request, object_id):
        sponsorship = self.get_scoped_object(request, object_id)
        form = SponsorAnswerForm(request.POST or None)
        if (
            request.method == "POST"
            and form.is_valid()
            and self.run_workflow(
                request,
                flows.accept,
                sponsorship,
                success="Parrainage accepté : le candidat et son référent voient le parrain.",
                **form.cleaned_data,
            )
        ):
            return redirect(self._back(sponsorship))
        return TemplateResponse(
            request,
            "backoffice/form_action.html",
            {
                **self.admin_site.each_context(request),
                "title": "Accepter la demande de parrainage",
                "object": sponsorship,
                "form": form,
                "cancel_url": self._back(sponsorship),
                "opts": self.opts,
            },
        )

    @action(description="Décliner", permissions=["answer"])
    def decline(self, request, object_id):
        sponsorship = self.get_scoped_object(request, object_id)
        return self.confirm_then_run(
            request,
            sponsorship,
            flows.decline,
            title="Décliner la demande de parrainage",
            success="Demande de parrainage déclinée.",
            back_url=self._back(sponsorship),
            reason_label="Motif (facultatif)",
        )

    def has_answer_permission(self, request, object_id=None):
        return self.object_permission(
            request,
            object_id,
            lambda obj: flows.can("accept", obj, request.user),
            request.user.has_perm("core.answer_sponsorship"),
        )


def register(site, employer_site):
    site.register(SponsorshipRequest, SponsorshipAdmin)
    employer_site.register(SponsorshipRequest, EmployerSponsorshipAdmin)
