"""Bappeda's admin creates the events; the organiser pages run them and take their materials."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from portal.accounts.models import Role
from portal.audit.admin import AuditedAdmin
from portal.events.models import Attendance, Event, Material
from portal.events.rules import notify_invited


class MaterialInline(admin.TabularInline):
    """Listed here; added on the event's page (portal.events.materials.add_material: checked, audited)."""

    model = Material
    extra = 0
    fields = ["file", "original_name", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["user", "opd", "method", "checked_in_at", "recorded_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # attendance is taken on the organiser's pages (QR or marking), audited there


class EventForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Invited roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Event
        fields = ["title", "kind", "starts_at", "ends_at", "place", "online_link", "capacity", "invited_opds"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["roles"] = self.instance.roles

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            raise ValidationError(gettext_lazy("An event must end after it starts."))
        if not cleaned.get("place") and not cleaned.get("online_link"):
            raise ValidationError(gettext_lazy("Give the place or the online link of the event."))
        if not cleaned.get("roles") and not cleaned.get("invited_opds"):
            raise ValidationError(gettext_lazy("Invite at least one OPD or one role."))
        self.instance.roles = cleaned.get("roles") or []
        return cleaned


@admin.register(Event)
class EventAdmin(AuditedAdmin):
    form = EventForm
    list_display = ["title", "kind", "starts_at", "ends_at", "place", "capacity"]
    list_filter = ["kind"]
    search_fields = ["title", "place"]
    filter_horizontal = ["invited_opds"]
    fields = ["title", "kind", "starts_at", "ends_at", "place", "online_link", "capacity", "invited_opds", "roles"]
    inlines = [MaterialInline, AttendanceInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:  # the invitations go out once, when the event (with its invitees) is created
            notify_invited(form.instance)
