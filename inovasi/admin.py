from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from inovasi.models import Answer, Evidence, ExportJob, Inovasi, MentorAssignment, ReferenceOption, Urusan
from portal.audit.admin import AuditedAdmin, record_change
from portal.audit.log import record, snapshot


@admin.register(Urusan)
class UrusanAdmin(AuditedAdmin):
    list_display = ["name", "group", "order"]
    list_filter = ["group"]


@admin.register(ReferenceOption)
class ReferenceOptionAdmin(AuditedAdmin):
    list_display = ["name", "kind", "code", "order", "is_active"]
    list_filter = ["kind", "is_active"]


class DeletedFilter(admin.SimpleListFilter):
    title = gettext_lazy("deleted")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Deleted")), ("no", gettext_lazy("Not deleted"))]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(deleted_at__isnull=self.value() == "no")
        return queryset


@admin.register(Inovasi)
class InovasiAdmin(AuditedAdmin, SimpleHistoryAdmin):
    """Read-mostly: operators edit in the portal; the admin restores soft-deleted records here."""

    list_display = ["name", "opd", "period", "status", "completeness", "deleted_at"]
    list_filter = ["period", "status", DeletedFilter]
    search_fields = ["name", "opd__name"]
    list_select_related = ["opd", "period"]
    readonly_fields = ["status", "completeness", "created_by", "created_at", "updated_at", "deleted_at", "predecessor"]
    autocomplete_fields = ["opd", "bidang"]
    actions = ["restore"]

    @admin.action(description=gettext_lazy("Restore the selected deleted innovations"))
    @transaction.atomic  # each restore, its audit row and its dirty mark commit together
    def restore(self, request, queryset):
        for inovasi in queryset.filter(deleted_at__isnull=False):
            before = snapshot(inovasi)
            inovasi.deleted_at = None
            inovasi.save(update_fields=["deleted_at"])
            record_change(request, inovasi, before)


@admin.register(Answer)
class AnswerAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "inovasi", "level"]
    list_select_related = ["indicator", "inovasi"]
    readonly_fields = ["indicator", "inovasi", "level", "note", "updated_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "kind", "answer", "uploaded_by", "uploaded_at"]
    list_select_related = ["answer__indicator", "uploaded_by"]
    readonly_fields = ["answer", "kind", "file", "url", "original_name", "size", "uploaded_by"]

    def has_add_permission(self, request):
        return False


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Read-only; deleting a job also removes its file (the clean-up of old exports)."""

    list_display = ["created_at", "kind", "period", "opd", "requested_by", "status", "progress"]
    list_filter = ["kind", "status", "period"]
    list_select_related = ["period", "opd", "requested_by"]
    readonly_fields = [field.name for field in ExportJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        self.delete_queryset(request, ExportJob.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        for job in queryset:
            # AuditedAdmin's snapshot cannot hold a file field: the entry names the job instead.
            record("export.deleted", actor=request.user, obj=job, request=request)
            job.file.delete(save=False)
        super().delete_queryset(request, queryset)


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(AuditedAdmin):
    list_display = ["mentor", "opd", "period"]
    list_filter = ["period"]
    list_select_related = ["mentor", "opd", "period"]
    autocomplete_fields = ["opd", "mentor"]
