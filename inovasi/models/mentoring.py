"""Pendampingan: who mentors which OPD, help requests, cases, sessions and follow-ups, reminders."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inovasi.models.records import Inovasi


class MentorAssignment(models.Model):
    """Which Bappeda pendamping accompanies which OPD in a period (an OPD may have several)."""

    period = models.ForeignKey("catalogue.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        "accounts.Opd", verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="mentor_assignments"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pendamping"),
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
    )

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [models.UniqueConstraint(fields=["period", "opd", "mentor"], name="mentor_once_per_opd_period")]

    def __str__(self):
        return f"{self.mentor} → {self.opd} ({self.period})"


class ReminderLog(models.Model):
    """A reminder sent for one OPD on one day to one audience; the unique key stops repeats."""

    opd = models.ForeignKey("accounts.Opd", verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    audience = models.CharField(_("audience"), max_length=20)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["opd", "day", "audience"], name="reminder_once_per_day")]

    def __str__(self):
        return f"{self.opd} {self.day} {self.audience}"


class HelpRequest(models.Model):
    """An operator's "minta pendampingan": on one innovation or on the OPD's work in general."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("Being handled")
        DONE = "done", _("Done")

    period = models.ForeignKey("catalogue.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        "accounts.Opd", verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="help_requests"
    )
    inovasi = models.ForeignKey(
        Inovasi,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="help_requests",
    )
    topic = models.TextField(_("what help is needed"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["requested_at", "id"]

    def __str__(self):
        return self.topic[:60]

    @property
    def can_be_taken(self):
        """Nobody handles it yet: a mentor may take it."""
        return self.status == self.Status.OPEN


class MentoringCase(models.Model):
    """Bappeda accompanies one OPD in one period until its case is closed (tuntas)."""

    period = models.ForeignKey("catalogue.Period", verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        "accounts.Opd", verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="mentoring_cases"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed (tuntas) at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentoring case")
        verbose_name_plural = _("mentoring cases")
        constraints = [models.UniqueConstraint(fields=["period", "opd"], name="mentoring_case_once_per_opd_period")]

    def __str__(self):
        return f"{self.opd} ({self.period})"

    def follow_ups_open(self):
        return FollowUp.objects.filter(session__case=self, done_at__isnull=True).count()


class MentoringSession(models.Model):
    class Mode(models.TextChoices):
        VISIT = "visit", _("Visit to the OPD")
        ONLINE = "online", _("Online")
        CLINIC = "clinic", _("Clinic at Bappeda")

    case = models.ForeignKey(MentoringCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    attendees = models.TextField(_("attendees"))
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["held_on", "id"]

    def __str__(self):
        return f"{self.held_on} {self.topic}"


class FollowUp(models.Model):
    session = models.ForeignKey(
        MentoringSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    action = models.CharField(_("action"), max_length=255)
    owner = models.CharField(_("owner"), max_length=150)
    due_on = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.action
