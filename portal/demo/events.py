"""Two past bimtek of the current year with their attendance: PKM Ngletih missed both (its mentoring risk shows it)."""

from datetime import datetime, timedelta

from django.utils import timezone

from portal.accounts.models import Opd, User
from portal.catalogue.models import Period
from portal.events import rules
from portal.events.models import Attendance, Event

FIRST = "Bimtek pengisian profil dan indikator IID"
SECOND = "Bimtek unggah bukti dukung"


def _at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 9, 0))


def seed():
    """The two events; running it again changes nothing. Returns them (none without a current period)."""
    period = Period.objects.current()
    if period is None or Event.objects.filter(title__in=(FIRST, SECOND)).exists():
        return list(Event.objects.filter(title__in=(FIRST, SECOND)))
    pendamping = User.objects.get(username="pendamping")
    opds = Opd.objects.filter(short_name__in=("Diskominfo", "PKM Ngletih"))
    first = Event.objects.create(
        title=FIRST,
        starts_at=_at(period.year, 2, 10),
        ends_at=_at(period.year, 2, 10) + timedelta(hours=4),
        place="Ruang Rapat Bappeda Kota Kediri",
        capacity=40,
        created_by=User.objects.get(username="admin"),
    )
    first.invited_opds.set(opds)
    for username in ("operator", "kepala"):  # both scanned the QR code at the event
        user = User.objects.get(username=username)
        Attendance.objects.create(event=first, user=user, opd=user.memberships.first().opd, method="qr")
    second = Event(
        title=SECOND,
        starts_at=_at(period.year, 3, 12),
        ends_at=_at(period.year, 3, 12) + timedelta(hours=3),
        online_link="https://zoom.us/j/0000000000",
        created_by=first.created_by,
    )
    second.roles = ["operator"]
    second.save()
    rules.mark_present(second, User.objects.get(username="operator"), pendamping)  # marked by the organiser
    return [first, second]
