from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit.admin import AuditedAdmin, NoRevertHistoryAdmin
from portal.catalogue.copy import CONSTANTS, copy_catalogue
from portal.catalogue.models import Indicator, Period, ProfileItem, ReferenceOption, Urusan


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["scope", "number", "name", "bobot", "is_mandatory", "is_archived"]
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        # Indicators are archived, never deleted from a period (see IndicatorAdmin).
        return False


class PeriodForm(forms.ModelForm):
    # Ticked, not typed: the items are a fixed list, stored as the JSON list of their codes.
    profile_items = forms.MultipleChoiceField(
        label=gettext_lazy("Extra profile items the year's form asks for"),
        choices=ProfileItem.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Period
        fields = ["profile_items"]  # the admin's fieldsets name the rest


@admin.register(Period)
class PeriodAdmin(AuditedAdmin, NoRevertHistoryAdmin):
    form = PeriodForm
    list_display = ["name", "year", "status", "is_current", "entry_opens_at", "entry_closes_at", "review_deadline"]
    list_filter = ["status", "is_current"]
    inlines = [IndicatorInline]
    actions = ["copy_to_next_year"]
    fieldsets = [
        (None, {"fields": ["year", "name", "status", "is_current"]}),
        (gettext_lazy("Windows"), {"fields": ["entry_opens_at", "entry_closes_at", "review_deadline"]}),
        (
            gettext_lazy("Formula of the year"),
            {"fields": [*CONSTANTS, "eligible_from", "eligible_until", "rules_note"]},
        ),
        (
            gettext_lazy("Official result (Kemendagri)"),
            {"fields": ["official_iid", "official_band", "official_rank", "official_regions"]},
        ),
    ]

    @admin.action(description=gettext_lazy("Copy the catalogue into a new period for the next year"))
    def copy_to_next_year(self, request, queryset):
        for period in queryset:
            with transaction.atomic():
                new_period = copy_catalogue(period, period.year + 1)
            self.message_user(
                request, _("%(period)s was created from %(source)s.") % {"period": new_period, "source": period}
            )


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin, NoRevertHistoryAdmin):
    list_display = ["number", "name", "period", "scope", "bobot", "is_mandatory", "is_archived"]
    list_filter = ["period", "scope", "is_mandatory", "is_archived"]
    search_fields = ["name", "number"]
    list_select_related = ["period"]

    def has_delete_permission(self, request, obj=None):
        # An indicator with answers must never silently disappear: archive it instead.
        if obj is not None and obj.answers.exists():
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        indicator = self.get_object(request, object_id)
        if indicator is not None and indicator.answers.exists():
            messages.info(request, _("This indicator already has answers: it can be archived, not deleted."))
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Urusan)
class UrusanAdmin(AuditedAdmin):
    list_display = ["name", "group", "order"]
    list_filter = ["group"]


@admin.register(ReferenceOption)
class ReferenceOptionAdmin(AuditedAdmin):
    # A year's own list (2026's klasifikasi, Asta Cita ...) names its period; the shared lists have none.
    list_display = ["name", "kind", "code", "period", "order", "is_active"]
    list_filter = ["kind", "period", "is_active"]
    list_select_related = ["period"]
