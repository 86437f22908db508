from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from portal.audit.log import changed_fields, record, snapshot
from portal.audit.models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that change only through their rules elsewhere: the admin shows them and nothing more."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The trail is evidence: it can be read and searched, never edited or deleted."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_repr", "object_id"]
    date_hierarchy = "at"


def _stored(instance):
    return type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None


class AuditedAdmin(admin.ModelAdmin):
    """Every create, change and delete made in the admin, inlines included, with before/after."""

    def save_model(self, request, obj, form, change):
        before = snapshot(_stored(obj)) if change else None
        super().save_model(request, obj, form, change)
        record_change(request, obj, before)

    def delete_model(self, request, obj):
        before = snapshot(obj)
        super().delete_model(request, obj)
        record("delete", actor=request.user, obj=obj, before=before, request=request)

    def delete_queryset(self, request, queryset):
        # One by one, so each model's own delete() logic runs and each row is audited.
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        # Read the stored rows first: validation has already copied the new values onto the forms' instances.
        befores = _snapshots_by_pk([form.instance for form in formset.initial_forms if form.instance.pk])
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record_change(request, obj, None)
        for obj, _fields in formset.changed_objects:
            record_change(request, obj, befores.get(obj.pk))
        for obj in formset.deleted_objects:
            record("delete", actor=request.user, obj=obj, before=befores.get(obj.pk), request=request)


def _snapshots_by_pk(instances):
    if not instances:
        return {}
    model = type(instances[0])
    return {obj.pk: snapshot(obj) for obj in model._default_manager.filter(pk__in=[i.pk for i in instances])}


def record_change(request, obj, before):
    old, new = changed_fields(before, snapshot(obj))
    if before is None or new:
        record("update" if before else "create", actor=request.user, obj=obj, before=old, after=new, request=request)


class NoRevertHistoryAdmin(SimpleHistoryAdmin):
    """The history of every version stays readable; "revert" is refused.

    simple-history's revert saves a whole old version of the row (status, level, verdict and all)
    from the history page, to anyone who may merely view the row: no rule, no reset, no audit row.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
