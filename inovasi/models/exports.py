"""Export jobs: files built in the background for the national app, the city and the OPDs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inovasi.models.records import generated_path


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user, access):
        """A user's own export jobs; the Bappeda admin sees everyone's.

        Only ownership: whether the user may still read what a job holds is exports.scope.may_read_export.
        """
        return self if access.can_see_all_exports else self.filter(requested_by=user)


class ExportJob(models.Model):
    """A large export built by Celery into storage, downloaded by the person who asked for it."""

    class Kind(models.TextChoices):
        XLSX = "xlsx", _("Ready-to-enter workbook (XLSX)")
        PDF = "pdf", _("Leadership recap (PDF)")
        ZIP = "zip", _("Evidence of an OPD (ZIP)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period = models.ForeignKey("catalogue.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        "accounts.Opd", verbose_name=_("OPD"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=generated_path, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="export_progress_0_to_100")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.period_id} · {self.requested_by_id}"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_done(self):
        """Built: its file may be downloaded."""
        return self.status == self.Status.DONE
