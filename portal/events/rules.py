"""The rules of the events: the rotating check-in code, checking in, marking, and who missed the year's bimtek.

The QR code on the organiser's screen encodes the check-in page's URL with a code signed for the event and
a time window (`WINDOW_SECONDS`); the current and the previous window's codes are taken, nothing before the
event opens for check-in or after it ends.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.accounts.access import access_for
from portal.accounts.models import OPD_ROLES, Membership, Opd
from portal.audit.log import record, snapshot
from portal.events.access import invited_users, is_invited
from portal.events.models import Attendance, Event
from portal.notices.models import Kind
from portal.notices.send import notify
from portal.refusals import BadInput

WINDOW_SECONDS = 60
OPENS_BEFORE = timedelta(minutes=30)  # check-in opens this long before the event starts


INVALID_CODE = _lazy("This check-in code is not valid for this event. Scan the QR code on the screen again.")
EXPIRED = _lazy("This check-in code has expired. Scan the QR code on the screen again.")
ENDED = _lazy("This event has ended: check-in is closed.")
NOT_OPEN = _lazy("Check-in has not opened yet for this event.")
NOT_INVITED = _lazy("You are not invited to this event.")
CHOOSE_INVITED = _lazy("Choose a person invited to this event.")
FULL = _lazy("This event is full (capacity: %(capacity)s).")


class Refused(BadInput):
    """A check-in or marking that is not taken (400); its message says why, in the user's language."""


def _window(now):
    return int(now.timestamp()) // WINDOW_SECONDS


def _signature(event, window):
    return salted_hmac("portal.events.checkin", f"{event.pk}:{window}", algorithm="sha256").hexdigest()[:24]


def current_code(event, now=None):
    window = _window(now or timezone.now())
    return f"{window}-{_signature(event, window)}"


def checkin_path(event, now=None):
    return reverse("event-checkin", kwargs={"pk": event.pk, "code": current_code(event, now)})


def is_open_for_checkin(event, now=None):
    now = now or timezone.now()
    return event.starts_at - OPENS_BEFORE <= now <= event.ends_at


def check_code(event, code, now=None):
    """Raise Refused unless `code` is this event's code of the current or the previous window, in time."""
    now = now or timezone.now()
    window_text, _dash, signature = (code or "").partition("-")
    if not window_text.isdigit() or not constant_time_compare(signature, _signature(event, int(window_text))):
        raise Refused(str(INVALID_CODE))
    if now > event.ends_at:
        raise Refused(str(ENDED))
    if now < event.starts_at - OPENS_BEFORE:
        raise Refused(str(NOT_OPEN))
    if int(window_text) not in (_window(now), _window(now) - 1):
        raise Refused(str(EXPIRED))


def _user_opd(user):
    membership = Membership.objects.active().filter(user=user, role__in=OPD_ROLES).select_related("opd").first()
    return membership.opd if membership else None


def _attend(event, user, method, recorded_by, request, action):
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()  # one check-in at a time per event
        existing = Attendance.objects.filter(event=event, user=user).first()
        if existing is not None:
            return existing, False
        if event.capacity and event.attendances.count() >= event.capacity:
            raise Refused(str(FULL) % {"capacity": event.capacity})
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(
                    event=event, user=user, opd=_user_opd(user), method=method, recorded_by=recorded_by
                )
        except IntegrityError:  # a second tab of the same user won the race
            return Attendance.objects.get(event=event, user=user), False
        record(action, actor=recorded_by, obj=attendance, after=snapshot(attendance), request=request)
        return attendance, True


def check_in(event, user, code, request=None, now=None):
    """The invited user checks in with the code of the QR; (attendance, created). Raises Refused."""
    check_code(event, code, now)
    if not is_invited(user, event):
        raise Refused(str(NOT_INVITED))
    return _attend(event, user, Attendance.Method.QR, user, request, "event.check_in")


def mark_present(event, user, organiser, request=None):
    """The organiser marks an invited user present; (attendance, created). Raises Refused."""
    if not access_for(organiser).can_review:
        raise Refused(_("Only Bappeda may mark attendance."))
    if user is None or not invited_users(event).filter(pk=user.pk).exists():
        raise Refused(str(CHOOSE_INVITED))
    return _attend(event, user, Attendance.Method.ORGANISER, organiser, request, "event.mark_present")


def notify_invited(event):
    """One notice per invited user (event kind), in the caller's transaction."""
    url = reverse("event-detail", kwargs={"pk": event.pk})
    return notify(invited_users(event), Kind.EVENT, "event_invitation", {"event": event}, url)


def opds_missing_bimtek(year, now=None):
    """Ids of active OPDs invited to a bimtek of `year` that has ended, of which nobody attended any.

    A fixed number of queries (one when there is no such bimtek), whatever the number of events.
    """
    now = now or timezone.now()
    events = list(Event.objects.filter(kind=Event.Kind.BIMTEK, starts_at__year=year, ends_at__lt=now))
    if not events:
        return set()
    invited = set(Event.invited_opds.through.objects.filter(event__in=events).values_list("opd_id", flat=True))
    opd_roles = {role for event in events for role in event.roles if role in OPD_ROLES}
    if opd_roles:
        invited |= set(Membership.objects.active().filter(role__in=opd_roles).values_list("opd_id", flat=True))
    attended = Attendance.objects.filter(event__in=events, opd__isnull=False).values("opd_id")
    return set(Opd.objects.filter(is_active=True, pk__in=invited).exclude(pk__in=attended).values_list("pk", flat=True))


def upcoming_for(events, now=None):
    """Those of `events` (a queryset already narrowed to the user's) not ended yet, soonest first."""
    return events.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")
