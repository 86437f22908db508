from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data generator (`manage.py seed_demo`): the top layer, imported by no product code."""

    name = "portal.demo"
    label = "demo"
    verbose_name = _("Demo data")
