"""The reminder before an event: once, to the invited, the day before; never for a past or far event."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.events.reminders import send_event_reminders
from portal.notices.models import Kind, Notice
from tests.events.builders import make_event

pytestmark = pytest.mark.django_db


def test_the_invited_are_reminded_once_the_day_before(personas):
    now = timezone.now()
    soon = make_event(personas.opd_a, starts=now + timedelta(hours=20), title="Bimtek besok")
    make_event(personas.opd_a, starts=now + timedelta(days=3), title="Bimtek lusa")
    make_event(personas.opd_a, starts=now - timedelta(hours=1), title="Bimtek berjalan")
    assert send_event_reminders(now) == 1
    reminded = Notice.objects.filter(kind=Kind.EVENT).order_by("recipient__username")
    assert sorted(n.recipient.username for n in reminded) == sorted(
        [personas.operator_a.username, personas.kepala_a.username]
    )
    notice = reminded[0]
    assert notice.subject.startswith("Besok: Bimtek besok (")
    assert "dimulai dalam sehari" in notice.body and "Tempat: Aula" in notice.body
    assert notice.url == reverse("event-detail", args=[soon.pk])
    soon.refresh_from_db()
    assert soon.reminded_at == now
    # Run again (a second worker, the next quarter hour): nobody is reminded twice.
    assert send_event_reminders(now) == 0
    assert send_event_reminders(now + timedelta(minutes=15)) == 0
    assert Notice.objects.filter(kind=Kind.EVENT).count() == 2


def test_the_event_of_the_day_after_is_reminded_when_its_day_comes(personas):
    now = timezone.now()
    later = make_event(personas.opd_a, starts=now + timedelta(days=2))
    assert send_event_reminders(now) == 0
    assert send_event_reminders(now + timedelta(days=1, hours=1)) == 1
    later.refresh_from_db()
    assert later.reminded_at == now + timedelta(days=1, hours=1)
