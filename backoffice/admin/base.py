"""The one base ModelAdmin: fixes the mixin order and routes every queryset and right
through the model's ``visible_to(user)`` and the rules."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from import_export.admin import ExportActionModelAdmin, ImportExportModelAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin
from unfold.admin import ModelAdmin
from unfold.contrib.import_export.forms import ImportForm, SelectableFieldsExportForm

from core.models import User
from workflows.errors import WorkflowError


def scoped(model, user):
    """The queryset of ``model`` this user may see (its manager's ``visible_to``)."""
    return model._default_manager.visible_to(user)


class ScopedAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin, ModelAdmin):
    """Every list, form choice, object page and history page is scoped to the user.

    An object outside the user's scope answers 404, whichever URL reaches it.
    """

    list_per_page = 50
    list_select_related = False
    warn_unsaved_form = True
    compressed_fields = True
    list_fullwidth = False
    show_history = True

    def get_queryset(self, request):
        qs = scoped(self.model, request.user)
        ordering = self.get_ordering(request)
        if ordering:
            qs = qs.order_by(*ordering)
        return qs

    def get_actions(self, request, *args, **kwargs):
        # import-export's ExportActionMixin still has the pre-6.1 signature: pass through.
        actions = super().get_actions(request, *args, **kwargs)
        # Deletion goes through workflows (history, events), never the bulk action.
        actions.pop("delete_selected", None)
        return actions

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404("Introuvable.")

    def get_scoped_object(self, request, object_id):
        """The object if it is in the user's scope; else 404."""
        obj = self.get_object(request, unquote(str(object_id)))
        if obj is None:
            raise Http404("Introuvable.")
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            self.get_scoped_object(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        # Django checks the permission before the object exists: scope first, so an object
        # outside the scope answers 404, not 403.
        self.get_scoped_object(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def object_permission(self, request, object_id, check, model_level):
        """For Unfold action permissions, which receive the raw id (stack notes): load the
        object through the scoped queryset (404 when outside the scope), then ``check(obj)``."""
        if object_id is None:
            return model_level
        obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is None:
            raise Http404("Introuvable.")
        return check(obj)

    def history_view(self, request, object_id, extra_context=None):
        if not self.show_history:
            raise Http404("Introuvable.")
        # simple-history falls back to historical rows: check the live, scoped row first.
        obj = self.get_scoped_object(request, object_id)
        if not self.has_view_permission(request, obj):
            raise Http404("Introuvable.")
        return super().history_view(request, object_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        manager = db_field.related_model._default_manager
        if "queryset" not in kwargs and hasattr(manager, "visible_to"):
            kwargs["queryset"] = manager.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        manager = db_field.related_model._default_manager
        if "queryset" not in kwargs and hasattr(manager, "visible_to"):
            kwargs["queryset"] = manager.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def run_workflow(self, request, func, *args, success=None, **kwargs):
        """Call a workflow verb; show its French error instead of a crash. True on success."""
        try:
            func(*args, user=request.user, **kwargs)
        except WorkflowError as error:
            self.message_user(request, error.message, messages.ERROR)
            return False
        except PermissionDenied:
            self.message_user(request, "Vous n'avez pas le droit de faire cela.", messages.ERROR)
            return False
        if success:
            self.message_user(request, success, messages.SUCCESS)
        return True

    def confirm_then_run(
        self, request, obj, func, *, title, success, back_url, reason_label=None, **kwargs
    ):
        """Detail actions are links (GET): GET shows a confirmation form, only POST acts.

        This keeps every state change behind a CSRF-protected POST.
        """
        if request.method != "POST":
            return TemplateResponse(
                request,
                "backoffice/confirm_action.html",
                {
                    **self.admin_site.each_context(request),
                    "title": title,
                    "object": obj,
                    "opts": self.opts,
                    "cancel_url": back_url,
                    "reason_label": reason_label,
                },
            )
        if reason_label:
            kwargs["reason"] = request.POST.get("reason", "")
        self.run_workflow(request, func, obj, success=success, **kwargs)
        return redirect(back_url)


class ReadOnlyScreen:
    """A screen that only shows: nobody adds, edits or deletes there (put it first)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedImportExportAdmin(ScopedAdmin, ImportExportModelAdmin, ExportActionModelAdmin):
    """ScopedAdmin with import-export, using Unfold's forms."""

    import_form_class = ImportForm
    export_form_class = SelectableFieldsExportForm

    def get_export_queryset(self, request):
        # The export is exactly what the user can see, filtered as the list is.
        return super().get_export_queryset(request)


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A related-object filter that lists only what the user may see."""

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        qs = model._default_manager.visible_to(request.user)
        if any(f.name == "user" for f in model._meta.fields):
            qs = qs.select_related("user")  # Candidate.__str__ reads its account
        return [(o.pk, str(o)) for o in qs[:500]]


class ReferentFilter(admin.SimpleListFilter):
    """ "Référent": the référents the user may see; ``on(lookup)`` says what to filter."""

    title = "référent"
    parameter_name = "referent"
    lookup = None

    @classmethod
    def on(cls, lookup):
        return type(f"ReferentFilter_{lookup}", (cls,), {"lookup": lookup})

    def lookups(self, request, model_admin):
        return [(u.pk, u.full_name) for u in User.objects.referents_visible_to(request.user)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.lookup}__pk": self.value()})
        return queryset
