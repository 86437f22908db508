"""The reminder the invited get the day before an event, once per event, by the periodic task."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.events.access import invited_users
from portal.events.models import Event
from portal.notices.models import Kind
from portal.notices.send import notify

REMIND_BEFORE = timedelta(hours=24)


def send_event_reminders(now=None):
    """Remind the invited of every event starting within REMIND_BEFORE; the number of events reminded.

    Each event is claimed by setting `reminded_at` in the transaction that writes its notices, so two
    workers (or a task run twice) never remind twice, and a failure leaves it for the next run.
    """
    now = now or timezone.now()
    due = Event.objects.filter(reminded_at=None, starts_at__gt=now, starts_at__lte=now + REMIND_BEFORE)
    reminded = 0
    for event in due.order_by("starts_at"):
        with transaction.atomic():
            if not Event.objects.filter(pk=event.pk, reminded_at=None).update(reminded_at=now):
                continue  # another run took it
            url = reverse("event-detail", kwargs={"pk": event.pk})
            notify(invited_users(event), Kind.EVENT, "event_reminder", {"event": event}, url)
            reminded += 1
    return reminded
