from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from portal.accounts.forms import PortalUserChangeForm, PortalUserCreationForm
from portal.accounts.models import Bidang, Membership, Opd, User
from portal.accounts.resources import OpdResource
from portal.audit.admin import AuditedAdmin
from portal.audit.log import record


class BidangInline(admin.TabularInline):
    model = Bidang
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["opd"]


@admin.register(Opd)
class OpdAdmin(AuditedAdmin, ImportExportModelAdmin):
    resource_classes = [OpdResource]
    # The OPD list comes from the spreadsheets Bappeda already keeps.
    formats = [CSV, XLSX]
    list_display = ["name", "short_name", "kind", "parent", "is_active", "public_catalogue"]
    list_editable = ["public_catalogue"]
    list_filter = ["kind", "is_active", "public_catalogue"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    inlines = [BidangInline]


@admin.register(Bidang)
class BidangAdmin(AuditedAdmin):
    list_display = ["name", "opd", "is_active"]
    list_filter = ["is_active", "opd__kind"]
    list_select_related = ["opd"]
    search_fields = ["name", "opd__name", "opd__short_name"]
    autocomplete_fields = ["opd"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "role", "opd"]
    list_filter = ["role"]
    list_select_related = ["user", "opd"]
    search_fields = ["user__username", "user__full_name", "opd__name"]
    autocomplete_fields = ["user", "opd"]


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff", "is_demo"]
    list_filter = ["is_active", "is_staff", "is_demo", "memberships__role"]
    search_fields = ["username", "full_name", "email", "nip"]
    inlines = [MembershipInline]
    form = PortalUserChangeForm
    add_form = PortalUserCreationForm
    add_fieldsets = [(None, {"fields": ["username", "email", "full_name", "password1", "password2"]})]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "email", "nip", "phone"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser", "is_demo", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined", "password_changed_at"]}),
    ]
    # Staff and superuser follow the admin membership (User.save, accounts.receivers); never typed.
    readonly_fields = ["is_staff", "is_superuser", "last_login", "date_joined", "password_changed_at"]

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            record("password_set_by_admin", actor=request.user, obj=self.get_object(request, id), request=request)
        return response
