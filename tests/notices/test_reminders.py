"""Deadline reminders at H-7, H-3 and H-1, escalating to the kepala OPD and the pendamping."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from inovasi.models import Inovasi, MentorAssignment, ReminderLog
from inovasi.reminders import send_deadline_reminders
from portal.notices.models import Notice
from tests.inovasi.factories import current_period, make_inovasi


def _closing_in(days):
    """The window closes at noon (Jakarta) `days` calendar days from today, whatever the hour now."""
    period = current_period()
    closing_day = timezone.localdate() + timedelta(days=days)
    period.entry_closes_at = timezone.make_aware(datetime.combine(closing_day, time(12)))
    period.save()
    return period


def _recipients():
    return sorted(Notice.objects.filter(kind="reminder").values_list("recipient__username", flat=True))


def test_h7_reminds_only_the_operators_of_opds_with_unfinished_innovations(personas):
    period = _closing_in(7)
    make_inovasi(personas.opd_a, personas.operator_a, period, name="Draf A")
    done = make_inovasi(personas.opd_b, personas.operator_b, period, name="Sudah diajukan B")
    Inovasi.objects.filter(pk=done.pk).update(status=Inovasi.Status.SUBMITTED)
    assert send_deadline_reminders() == 1
    assert _recipients() == ["operator_a"]
    assert "Draf A (Draf, " in Notice.objects.get().body


def test_h3_escalates_to_the_kepala_and_the_assigned_pendamping(personas):
    period = _closing_in(3)
    make_inovasi(personas.opd_a, personas.operator_a, period)
    MentorAssignment.objects.create(period=period, opd=personas.opd_a, mentor=personas.pendamping)
    assert send_deadline_reminders() == 2
    assert _recipients() == ["kepala_a", "operator_a", "pendamping"]


def test_running_twice_on_the_same_day_sends_nothing_more(personas):
    period = _closing_in(1)
    make_inovasi(personas.opd_a, personas.operator_a, period)
    assert (send_deadline_reminders(), send_deadline_reminders()) == (2, 0)
    assert (Notice.objects.count(), ReminderLog.objects.count()) == (2, 2)


def test_no_reminder_on_other_days_or_with_the_window_closed(personas):
    period = _closing_in(5)
    make_inovasi(personas.opd_a, personas.operator_a, period)
    assert send_deadline_reminders() == 0
    period.status = period.Status.REVIEW
    period.save()
    assert send_deadline_reminders(today=timezone.localdate() + timedelta(days=4)) == 0
    assert Notice.objects.count() == 0
