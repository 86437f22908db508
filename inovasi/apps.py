from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InovasiConfig(AppConfig):
    name = "inovasi"
    verbose_name = _("Innovations")
