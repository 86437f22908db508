"""The app config that installs django.contrib.admin with the portal's own site (see admin_site.py)."""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site: membership and TOTP checked on every request."""

    default_site = "portal.accounts.admin_site.PortalAdminSite"
