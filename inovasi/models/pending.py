"""Profile documents kept across a refused submit (see inovasi.pending_uploads)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inovasi.models.records import generated_path


class PendingUpload(models.Model):
    """A profile document that passed its content checks in a submit refused for another reason.

    It belongs to the user who sent it and the OPD whose profile it was sent for; the form offers it
    again by its token, the next valid submit stores a copy on the profile and removes this row, and
    rows never used are removed after `PENDING_UPLOAD_HOURS` (inovasi.sweep_pending_uploads).
    """

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    opd = models.ForeignKey("accounts.Opd", verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="+")
    field = models.CharField(_("field"), max_length=40)
    file = models.FileField(_("file"), upload_to=generated_path)
    original_name = models.CharField(_("original name"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self):
        return self.original_name
