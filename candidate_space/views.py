"""The candidate space: our own accessible pages, not the admin.

Every query goes through ``visible_to(request.user)``; every action through ``workflows/``.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from candidate_space import forms
from core.enums import ApplicationState, DocumentKind, SponsorshipState
from core.models import (
    Application,
    Company,
    CvProfile,
    Document,
    FollowUpMessage,
    JobOffer,
    SponsorshipRequest,
)
from core.models.offers import GENERIC_OFFER_HELP
from workflows import applications as application_flows
from workflows import candidates as candidate_flows
from workflows import documents as document_flows
from workflows import sponsorships as sponsorship_flows
from workflows.applications import needs_validation
from workflows.errors import WorkflowError

PAGE_SIZE = 20


def candidate_required(view):
    """Only candidates; anyone else gets 404 (the space's existence is not their business)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("candidate_space.access"):
            raise Http404
        from core.models import Candidate

        request.candidate = (
            Candidate.objects.visible_to(request.user).select_related("user__establishment").first()
        )
        if request.candidate is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def page(request, template, title, nav, **context):
    return render(request, f"candidate_space/{template}", {"title": title, "nav": nav, **context})


def _apply_error(form, error):
    """Show a workflow's French message next to its field (or at the top)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


# --- home -----------------------------------------------------------------------------


@candidate_required
def home(request):
    user, candidate = request.user, request.candidate
    applications = Application.objects.visible_to(user).with_banner()
    sponsorships = SponsorshipRequest.objects.visible_to(user).select_related("company")
    messages_for_me = (
        FollowUpMessage.objects.visible_to(user)
        .exclude(author=user)
        .select_related("author", "application__offer", "application__company", "sponsorship")
        .order_by("-created_at")[:5]
    )
    kinds = set(Document.objects.visible_to(user).values_list("kind", flat=True))
    next_steps = []
    if DocumentKind.CV not in kinds:
        next_steps.append(("Déposez ou créez votre CV.", reverse("candidate:cv")))
    if DocumentKind.COVER_LETTER not in kinds:
        next_steps.append(("Préparez une lettre de motivation.", reverse("candidate:letter")))
    if not applications:
        next_steps.append(("Cherchez une offre qui vous intéresse.", reverse("candidate:offers")))
    if not candidate.project:
        next_steps.append(("Décrivez votre projet professionnel.", reverse("candidate:profile")))
    return page(
        request,
        "home.html",
        "Mon espace",
        "home",
        candidate=candidate,
        applications=applications,
        sponsorships=sponsorships,
        messages_for_me=messages_for_me,
        next_steps=next_steps,
    )


# --- profile and password ---------------------------------------------------------------


@candidate_required
def profile(request):
    candidate = request.candidate
    form = forms.ProfileForm(request.POST or None, instance=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            candidate_flows.update_dossier(
                form.save(commit=False),
                user=request.user,
                account={
                    "first_name": form.cleaned_data["first_name"],
                    "phone": form.cleaned_data["phone"],
                },
                reason="Modifié par le candidat",
            )
        except WorkflowError as error:
            _apply_error(form, error)
        else:
            messages.success(request, "Votre profil est enregistré.")
            return redirect("candidate:profile")
    return page(request, "profile.html", "Mon profil", "profile", form=form, candidate=candidate)


@candidate_required
def password(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    for name, hint in (
        ("old_password", "current-password"),
        ("new_password1", "new-password"),
        ("new_password2", "new-password"),
    ):
        form.fields[name].widget.attrs["autocomplete"] = hint
        form.fields[name].widget.attrs.pop("autofocus", None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, "Votre mot de passe est modifié.")
        return redirect("candidate:profile")
    return page(request, "password.html", "Changer mon mot de passe", "profile", form=form)


# --- documents --------------------------------------------------------------------------


def _my_document(request, pk):
    document = Document.objects.visible_to(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


@candidate_required
def documents(request):
    form = forms.DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_flows.upload(
                request.candidate,
                user=request.user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                uploaded=form.cleaned_data["file"],
            )
        except WorkflowError as error:
            _apply_error(form, error)
        else:
            messages.success(request, "Votre document est enregistré.")
            return redirect("candidate:documents")
    items = Document.objects.visible_to(request.user).order_by("kind", "-uploaded_at")
    return page(request, "documents.html", "Mes documents", "documents", form=form, documents=items)


@candidate_required
def document_edit(request, pk):
    document = _my_document(request, pk)
    form = forms.DocumentEditForm(
        request.POST or None, request.FILES or None, initial={"title": document.title}
    )
    if request.method == "POST" and form.is_valid():
        try:
            document_flows.update(
                document,
                user=request.user,
                title=form.cleaned_data["title"],
                uploaded=form.cleaned_data.get("file"),
            )
        except WorkflowError as error:
            _apply_error(form, error)
        else:
            messages.success(request, "Votre document est modifié.")
            return redirect("candidate:documents")
    return page(
        request,
        "document_edit.html",
        f"Modifier « {document.title} »",
        "documents",
        form=form,
        document=document,
    )


@candidate_required
def document_delete(request, pk):
    document = _my_document(request, pk)
    if request.method == "POST":
        try:
            document_flows.delete(document, user=request.user)
        except WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Le document est supprimé.")
        return redirect("candidate:documents")
    return page(
        request,
        "confirm.html",
        f"Supprimer « {document.title} » ?",
        "documents",
        question="Ce document sera définitivement supprimé.",
        confirm_label="Oui, supprimer",
        cancel_url=reverse("candidate:documents"),
        danger=True,
        blocked=document_flows.in_use(document)
        and "Ce document est joint à une candidature : il ne peut pas être supprimé.",
    )


# --- CV and cover-letter builders -----------------------------------------------------------


@candidate_required
def cv(request):
    profile_obj = CvProfile.objects.visible_to(request.user).first() or CvProfile(
        candidate=request.candidate
    )
    form = forms.CvForm(request.POST or None, instance=profile_obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        if "generate" in request.POST:
            try:
                document_flows.generate_cv(request.candidate, user=request.user)
            except WorkflowError as error:
                messages.error(request, error.message)
                return redirect("candidate:cv")
            messages.success(
                request, "Votre CV est enregistré. Le PDF a été ajouté à vos documents."
            )
            return redirect("candidate:documents")
        messages.success(request, "Votre CV est enregistré.")
        return redirect("candidate:cv")
    return page(request, "cv.html", "Mon CV", "cv", form=form)


@candidate_required
def letter(request):
    offer_id = request.GET.get("offre") or request.POST.get("offre")
    offer = _offer(request, offer_id) if offer_id and offer_id.isdigit() else None
    form = forms.CoverLetterForm(
        request.POST or None, initial={"company_name": offer.company.name if offer else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            document_flows.generate_cover_letter(
                request.candidate,
                user=request.user,
                body=form.cleaned_data["body"],
                company_name=form.cleaned_data["company_name"],
                offer=offer,
            )
        except WorkflowError as error:
            _apply_error(form, error)
        else:
            messages.success(request, "Votre lettre a été ajoutée à vos documents.")
            return redirect("candidate:documents")
    return page(request, "letter.html", "Ma lettre de motivation", "letter", form=form, offer=offer)


# --- offers and companies ---------------------------------------------------------------


@candidate_required
def offers(request):
    form = forms.OfferSearchForm(request.GET or None)
    queryset = form.filter(
        JobOffer.objects.visible_to(request.user).select_related("company")
    ).order_by("-published_at", "-pk")
    paginator = Paginator(queryset, PAGE_SIZE)
    current = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page(
        request,
        "offers.html",
        "Les offres" + (f" — page {current.number}" if current.number > 1 else ""),
        "offers",
        form=form,
        page_obj=current,
        count=paginator.count,
        query=query.urlencode(),
    )


def _offer(request, pk):
    offer = JobOffer.objects.visible_to(request.user).select_related("company").filter(pk=pk)
    offer = offer.first()
    if offer is None:
        raise Http404
    return offer


@candidate_required
def offer_detail(request, pk):
    offer = _offer(request, pk)
    already = Application.objects.visible_to(request.user).filter(offer=offer).first()
    return page(
        request,
        "offer_detail.html",
        offer.title,
        "offers",
        offer=offer,
        generic_help=GENERIC_OFFER_HELP,
        already=already,
        can_apply=application_flows.can_apply(request.user, request.candidate, offer=offer),
    )


@candidate_required
def companies(request):
    query = (request.GET.get("entreprise") or "").strip()
    queryset = Company.objects.visible_to(request.user).with_published_count().order_by("name")
    if query:
        queryset = queryset.filter(name__icontains=query)
    paginator = Paginator(queryset, PAGE_SIZE)
    current = paginator.get_page(request.GET.get("page"))
    return page(
        request,
        "companies.html",
        "Les employeurs",
        "companies",
        page_obj=current,
        count=paginator.count,
        query=query,
    )


def _company(request, pk):
    company = Company.objects.visible_to(request.user).filter(pk=pk).first()
    if company is None:
        raise Http404
    return company


@candidate_required
def company_detail(request, pk):
    company = _company(request, pk)
    return page(
        request,
        "company_detail.html",
        company.name,
        "companies",
        company=company,
        offers=JobOffer.objects.visible_to(request.user).filter(company=company)[:50],
        contacts=company.contacts.all(),
    )


# --- applying -----------------------------------------------------------------------------


def _apply(request, *, offer=None, company=None):
    candidate = request.candidate
    form = forms.ApplyForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = application_flows.submit(
                user=request.user,
                candidate=candidate,
                offer=offer,
                company=None if offer else company,
                message=data["message"],
                cv=data["cv"],
                cover_letter=data["cover_letter"],
                help_requested=data["help_requested"],
            )
        except WorkflowError as error:
            _apply_error(form, error)
        else:
            if application.state == ApplicationState.SENT:
                messages.success(request, "Votre candidature a été envoyée à l'employeur.")
            else:
                messages.success(
                    request,
                    "Votre candidature est enregistrée. Votre référent va la relire, "
                    "puis l'envoyer à l'employeur.",
                )
            return redirect("candidate:application", pk=application.pk)
    target = offer.title if offer else f"candidature spontanée — {company.name}"
    return page(
        request,
        "apply.html",
        f"Postuler : {target}",
        "offers" if offer else "companies",
        form=form,
        offer=offer,
        company=offer.company if offer else company,
        autonomous=candidate.is_autonomous,
        waits_anyway=needs_validation(candidate, False),
        has_documents=form.fields["cv"].queryset.exists()
        and form.fields["cover_letter"].queryset.exists(),
    )


@candidate_required
def apply_offer(request, pk):
    return _apply(request, offer=_offer(request, pk))


@candidate_required
def apply_company(request, pk):
    return _apply(request, company=_company(request, pk))


def _my_application(request, pk):
    application = Application.objects.visible_to(request.user).with_banner().filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def _thread_page(request, subject, *, template, title, can_withdraw, **context):
    """A page with its follow-up thread and the box to write to one's référent."""
    form = forms.FollowupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application_flows.post_followup(
                subject, user=request.user, body=form.cleaned_data["body"]
            )
        except (WorkflowError, PermissionDenied):
            form.add_error("body", "Votre message n'a pas pu être envoyé.")
        else:
            messages.success(request, "Votre message est envoyé à votre référent.")
            return redirect(request.path)
    followups = FollowUpMessage.objects.visible_to(request.user).about(subject)
    return page(
        request,
        template,
        title,
        "home",
        followups=followups,
        form=form,
        can_withdraw=can_withdraw,
        **context,
    )


def _withdraw_page(request, subject, *, withdraw, title, question, back_url, success):
    """Confirm, then withdraw (an application or a sponsorship request)."""
    if request.method == "POST":
        try:
            withdraw(subject, user=request.user)
        except (WorkflowError, PermissionDenied) as error:
            messages.error(request, getattr(error, "message", "Action impossible."))
        else:
            messages.success(request, success)
        return redirect(back_url)
    return page(
        request,
        "confirm.html",
        title,
        "home",
        question=question,
        confirm_label=title.rstrip(" ?").replace("Retirer", "Oui, retirer"),
        cancel_url=back_url,
        danger=True,
    )


@candidate_required
def application_detail(request, pk):
    application = _my_application(request, pk)
    return _thread_page(
        request,
        application,
        template="application_detail.html",
        title=application.title,
        can_withdraw=application_flows.can("withdraw", application, request.user),
        application=application,
    )


@candidate_required
def application_withdraw(request, pk):
    application = _my_application(request, pk)
    return _withdraw_page(
        request,
        application,
        withdraw=application_flows.withdraw,
        title="Retirer ma candidature ?",
        question=f"{application.title} : l'employeur ne la traitera plus.",
        back_url=reverse("candidate:application", args=[application.pk]),
        success="Votre candidature est retirée.",
    )


# --- sponsorship --------------------------------------------------------------------------


@candidate_required
def sponsorship_new(request, pk):
    company = _company(request, pk)
    form = forms.SponsorshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_obj = sponsorship_flows.submit(
                user=request.user,
                candidate=request.candidate,
                company=company,
                message=form.cleaned_data["message"],
                help_requested=form.cleaned_data["help_requested"],
            )
        except WorkflowError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request,
                "Votre demande est envoyée à l'entreprise."
                if request_obj.state == SponsorshipState.SENT
                else "Votre demande est enregistrée : votre référent va la valider.",
            )
            return redirect("candidate:sponsorship", pk=request_obj.pk)
    return page(
        request,
        "sponsorship_new.html",
        f"Demander un parrain — {company.name}",
        "companies",
        form=form,
        company=company,
        autonomous=request.candidate.is_autonomous,
    )


def _my_sponsorship(request, pk):
    obj = (
        SponsorshipRequest.objects.visible_to(request.user)
        .select_related("company")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise Http404
    return obj


@candidate_required
def sponsorship_detail(request, pk):
    sponsorship = _my_sponsorship(request, pk)
    return _thread_page(
        request,
        sponsorship,
        template="sponsorship_detail.html",
        title=f"Demande de parrainage — {sponsorship.company.name}",
        can_withdraw=sponsorship_flows.can("withdraw", sponsorship, request.user),
        sponsorship=sponsorship,
    )


@candidate_required
def sponsorship_withdraw(request, pk):
    sponsorship = _my_sponsorship(request, pk)
    return _withdraw_page(
        request,
        sponsorship,
        withdraw=sponsorship_flows.withdraw,
        title="Retirer ma demande de parrainage ?",
        question=f"Demande à {sponsorship.company.name}.",
        back_url=reverse("candidate:sponsorship", args=[sponsorship.pk]),
        success="Votre demande de parrainage est retirée.",
    )
