from django.contrib import admin
from django.utils.translation import gettext_lazy

from inovasi.answers import may_change_answer, remove_evidence
from inovasi.models import Answer, Evidence, ExportJob, Inovasi, MentorAssignment, SharedDocument
from inovasi.profile import restore_inovasi
from portal.audit.admin import AuditedAdmin, NoRevertHistoryAdmin, ReadOnlyAdmin
from portal.audit.log import record


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
class InovasiAdmin(ReadOnlyAdmin, NoRevertHistoryAdmin):
    """Read-only but for restoring: a profile changes through the portal's rules (inovasi.profile),
    which the admin form would bypass; a hard delete would take answers and evidence with it."""

    list_display = ["name", "opd", "period", "status", "completeness", "deleted_at"]
    list_filter = ["period", "status", DeletedFilter]
    search_fields = ["name", "opd__name"]
    list_select_related = ["opd", "period"]
    actions = ["restore"]

    @admin.action(description=gettext_lazy("Restore the selected deleted innovations"))
    def restore(self, request, queryset):
        # Each restore, its dirty mark and its audit row commit together (inovasi.profile).
        for inovasi in queryset.filter(deleted_at__isnull=False):
            restore_inovasi(inovasi, actor=request.user, request=request)


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin, NoRevertHistoryAdmin):
    """Read-only. A claim changes on the indicator pages (inovasi.answers.set_claim) and a verdict on
    the review page (inovasi.verification.verify): each with its rules, verdict reset and audit row.
    """

    list_display = ["indicator", "inovasi", "level", "verification", "verified_level"]
    list_select_related = ["indicator", "inovasi"]


@admin.register(Evidence)
class EvidenceAdmin(NoRevertHistoryAdmin):
    """Read-only but for deletion, which is the portal's own (inovasi.answers.remove_evidence): allowed
    while the answer may change (an editable innovation, or the region's data), with the verdict reset,
    the completeness and the audit row `evidence.delete`.
    """

    list_display = ["subject", "kind", "answer", "uploaded_by", "uploaded_at"]
    list_select_related = ["answer__indicator", "uploaded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_answer(request.user, obj.answer))

    def delete_model(self, request, obj):
        remove_evidence(obj, actor=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for evidence in queryset.select_related("answer__indicator__period", "answer__inovasi__period"):
            remove_evidence(evidence, actor=request.user, request=request)


@admin.register(SharedDocument)
class SharedDocumentAdmin(ReadOnlyAdmin, NoRevertHistoryAdmin):
    """Read-only. A shared document is uploaded, replaced, removed and attached in the portal's library
    (inovasi.shared_documents): each with its checks, verdict resets, notices and audit row."""

    list_display = ["subject", "document_number", "opd", "period", "kind", "uploaded_by", "uploaded_at"]
    list_filter = ["period", "kind"]
    search_fields = ["subject", "document_number", "opd__name"]
    list_select_related = ["opd", "period", "uploaded_by"]


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
