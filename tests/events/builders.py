"""Events of the tests: a bimtek around now (or in the past) with its invitees."""

from datetime import timedelta

from django.utils import timezone

from portal.events.models import Attendance, Event


def make_event(*opds, roles=(), starts=None, hours=2, kind=Event.Kind.BIMTEK, capacity=None, title="Bimtek entri data"):
    starts = starts or timezone.now() - timedelta(minutes=10)
    event = Event(title=title, kind=kind, starts_at=starts, ends_at=starts + timedelta(hours=hours), place="Aula")
    event.roles = list(roles)
    event.capacity = capacity
    event.save()
    event.invited_opds.add(*opds)
    return event


def attend(event, user, opd=None, method=Attendance.Method.QR):
    return Attendance.objects.create(event=event, user=user, opd=opd, method=method)
