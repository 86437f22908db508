from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and OPDs")

    def ready(self):
        from portal.accounts import receivers, second_factor  # noqa: F401  (connect their signals)
