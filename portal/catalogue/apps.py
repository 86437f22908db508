from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "portal.catalogue"
    label = "catalogue"
    verbose_name = _("Catalogue of the year")

    def ready(self):
        from django.db.models.signals import post_save

        from portal.catalogue import signals

        post_save.connect(signals.new_periods_stamp, sender=self.get_model("Period"), dispatch_uid="periods-stamp")
