from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit.admin import AuditedAdmin
from portal.awards import rules
from portal.awards.models import Award, Criterion


class CriterionInline(admin.TabularInline):
    """Weights are changed on the award's page in the portal (rules.set_weights), where they are checked."""

    model = Criterion
    extra = 0
    fields = ["kind", "weight"]
    readonly_fields = ["kind", "weight"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Award)
class AwardAdmin(AuditedAdmin):
    """The admin names the period, the jurors and the shortlist; the rules do the rest."""

    list_display = ["name", "period", "jury_closed_at", "decided_on"]
    fields = ["period", "name", "jurors", "shortlist", "signatory_name", "signatory_title"]
    readonly_fields = ["jury_closed_at", "decided_on", "decided_by"]
    filter_horizontal = ["jurors", "shortlist"]
    inlines = [CriterionInline]
    actions = ["close_jury"]

    def get_fields(self, request, obj=None):
        return [*self.fields, *self.readonly_fields] if obj else self.fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_decided)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (
            obj and (obj.is_decided or obj.jury_scores.exists())
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rules.ensure_criteria(obj)

    @admin.action(description=gettext_lazy("Close the jury"))
    def close_jury(self, request, queryset):
        for award in queryset:
            try:
                rules.close_jury(award, actor=request.user, request=request)
            except rules.AwardRefused as refusal:
                messages.error(request, f"{award}: {refusal}")
            else:
                messages.success(request, _("%(award)s: the jury is closed.") % {"award": award})

    def delete_queryset(self, request, queryset):
        # A decided award is a public record: the bulk delete leaves it.
        super().delete_queryset(request, queryset.filter(decided_on__isnull=True))
