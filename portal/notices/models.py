from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SUBMITTED = "submitted", _("An innovation was submitted")
    RETURNED = "returned", _("An innovation was returned for revision")
    APPROVED = "approved", _("An innovation was approved")
    REJECTED = "rejected", _("An innovation was rejected")
    STATUS = "status", _("Other status changes")
    COMMENT = "comment", _("New comment")
    REMINDER = "reminder", _("Deadline reminder")
    EVENT = "event", _("Outreach and technical guidance (bimtek)")


class NoticeQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """One message for one user: shown in the inbox, and e-mailed alone or in the daily digest."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Outbox: set once the mail went out (alone or in a digest); a sweep re-sends what is missing.
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_wanted = models.BooleanField(_("e-mail wanted"), default=True)
    in_digest = models.BooleanField(_("in the daily digest"), default=False)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.subject


class Preference(models.Model):
    """Per user and kind: e-mail on or off, and single mails or one daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    email = models.BooleanField(_("e-mail"), default=True)
    digest = models.BooleanField(_("daily digest instead of single mails"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self):
        return f"{self.user} · {self.kind}"
