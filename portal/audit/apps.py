from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "portal.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        # Sign-in events come from django.contrib.auth and allauth as signals only.
        from portal.audit import receivers  # noqa: F401
