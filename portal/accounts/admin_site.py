"""The Django admin of the portal: open only to an active Bappeda admin who passed TOTP.

The staff and superuser flags are derived from the admin membership (see `models.sync_admin_rights`),
but the site does not trust them: every request asks the access helper and the session.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from portal.accounts import second_factor
from portal.accounts.access import access_for


def may_open_admin(request):
    return request.user.is_active and access_for(request.user).can_administer and second_factor.has_passed(request)


class PortalAdminSite(admin.AdminSite):
    site_header = site_title = _("Regional Innovation Index Portal")

    def has_permission(self, request):
        return may_open_admin(request)

    def login(self, request, extra_context=None):
        """No login form of its own: allauth signs in (rate limits, TOTP), then the checks above."""
        next_url = self._next_url(request)
        if not request.user.is_authenticated:
            return redirect(_with_next("account_login", next_url))
        if not (request.user.is_active and access_for(request.user).can_administer):
            raise PermissionDenied
        if not second_factor.has_passed(request):
            # A session that began without a code (TOTP enrolled later elsewhere) proves it now.
            return redirect(_with_next("mfa_reauthenticate", next_url))
        return redirect(next_url)

    def _next_url(self, request):
        candidate = request.GET.get(REDIRECT_FIELD_NAME, "")
        safe = url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure())
        return candidate if candidate and safe else resolve_url("admin:index")


def _with_next(url_name, next_url):
    return f"{resolve_url(url_name)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
