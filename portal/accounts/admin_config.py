"""The app config that installs django.contrib.admin with the portal's own site (see admin_site.py)."""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site: membership and TOTP checked on every request."""

    default_site = "portal.accounts.admin_site.PortalAdminSite"

    def ready(self):
        # The first app's ready(): the empty choice is set before the autodiscovery imports any form.
        from portal.accounts.i18n import use_portal_empty_choice

        use_portal_empty_choice()
        super().ready()
