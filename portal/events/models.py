"""Bappeda's sosialisasi and bimtek: the events, their materials and who attended."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Opd, Role


def material_path(instance, filename):
    """Generated names only; the upload check has already renamed the file to its detected extension."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"eventmaterial/{uuid.uuid4().hex}.{extension}"


class Event(models.Model):
    class Kind(models.TextChoices):
        BIMTEK = "bimtek", _("Technical guidance (bimtek)")
        SOSIALISASI = "sosialisasi", _("Outreach (sosialisasi)")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BIMTEK)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    invited_opds = models.ManyToManyField(Opd, verbose_name=_("invited OPDs"), blank=True, related_name="events")
    # Stored as ",operator,kepala_opd," so one `contains` lookup finds a role on every database.
    invited_roles = models.CharField(_("invited roles"), max_length=200, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set when the reminder before the event went out (portal.events.reminders): at most one per event.
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event must end after it starts."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def roles(self):
        return [role for role in self.invited_roles.split(",") if role]

    @roles.setter
    def roles(self, roles):
        self.invited_roles = f",{','.join(roles)}," if roles else ""

    def invited_role_labels(self):
        labels = dict(Role.choices)
        return [str(labels.get(role, role)) for role in self.roles]


class Material(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(_("file"), upload_to=material_path)
    original_name = models.CharField(_("original name"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["id"]

    def __str__(self):
        return self.original_name or self.file.name


class Attendance(models.Model):
    class Method(models.TextChoices):
        QR = "qr", _("QR code")
        ORGANISER = "organiser", _("Marked by the organiser")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="event_attendances"
    )
    opd = models.ForeignKey(Opd, verbose_name=_("OPD"), null=True, blank=True, on_delete=models.SET_NULL)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["checked_in_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="attendance_once_per_event")]

    def __str__(self):
        return f"{self.event} · {self.user}"
