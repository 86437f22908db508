"""Deadline reminders with escalation: H-7, H-3 and H-1 before the entry window closes.

Operators of OPDs with unfinished innovations hear at each step; at H-3 and H-1 the kepala
OPD and the OPD's pendamping get a summary too. ReminderLog's unique key makes a second
run on the same day send nothing.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from inovasi.models import Inovasi, MentorAssignment, ReminderLog
from inovasi.notify import opd_people
from portal.accounts.models import Role
from portal.catalogue.models import Period
from portal.notices.models import Kind
from portal.notices.send import notify

OPERATOR_DAYS = (7, 3, 1)
ESCALATION_DAYS = (3, 1)


def days_left(period, today):
    return (timezone.localtime(period.entry_closes_at).date() - today).days


def unfinished_by_opd(period):
    """{opd: [innovations still to finish]}: drafts or returned ones, or below 100% complete."""
    grouped = {}
    queryset = (
        Inovasi.objects.alive().for_period(period).filter(status__in=Inovasi.EDITABLE_STATUSES).select_related("opd")
    )
    for inovasi in queryset.order_by("opd__name", "name"):
        grouped.setdefault(inovasi.opd, []).append(inovasi)
    return grouped


def send_deadline_reminders(today=None):
    today = today or timezone.localdate()
    period = Period.objects.current()
    if period is None or not period.entry_is_open():
        return 0
    left = days_left(period, today)
    if left not in OPERATOR_DAYS:
        return 0
    sent = 0
    for opd, items in unfinished_by_opd(period).items():
        sent += _remind(opd, today, "operator", opd_people(opd, (Role.OPERATOR,)), items, left, period)
        if left in ESCALATION_DAYS:
            escalate_to = opd_people(opd, (Role.KEPALA,)) + mentors_of(opd, period)
            sent += _remind(opd, today, "escalation", escalate_to, items, left, period)
    return sent


def mentors_of(opd, period):
    return [a.mentor for a in MentorAssignment.objects.filter(opd=opd, period=period).select_related("mentor")]


def _remind(opd, today, audience, users, items, left, period):
    if not users:
        return 0
    try:
        with transaction.atomic():
            ReminderLog.objects.create(opd=opd, day=today, audience=audience)
            context = {
                "opd": opd,
                "items": items,
                "days_left": left,
                "period": period,
                "escalation": audience != "operator",
            }
            notify(users, Kind.REMINDER, "reminder", context, url="/inovasi/")
    except IntegrityError:
        return 0  # already reminded today
    return 1
