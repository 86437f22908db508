from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "portal.awards"
    label = "awards"
    verbose_name = _("OPD terinovatif award")

    def ready(self):
        from django.db.models.signals import m2m_changed

        from portal.awards.access import forget_jurors

        jurors = self.get_model("Award").jurors.through
        m2m_changed.connect(forget_jurors, sender=jurors, dispatch_uid="awards-forget-jurors")
