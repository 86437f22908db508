"""Pendampingan: help requests, sessions with follow-ups, closing a case, and who sees what."""

import datetime

from django.urls import reverse

from inovasi.models import FollowUp, HelpRequest, MentoringCase, MentoringSession
from tests.inovasi.factories import current_period, make_inovasi

SESSION = {
    "held_on": "2026-07-01",
    "mode": "clinic",
    "attendees": "Operator, Kabid",
    "topic": "Bukti indikator 16",
    "notes": "-",
}


def test_an_operator_asks_for_help_on_an_own_innovation_only(client, personas):
    period = current_period()
    own = make_inovasi(personas.opd_a, personas.operator_a, period)
    other = make_inovasi(personas.opd_b, personas.operator_b, period)
    client.force_login(personas.operator_a)
    client.post(reverse("help-request-create"), {"topic": "Bingung bukti SK", "inovasi": own.pk})
    refused = client.post(reverse("help-request-create"), {"topic": "Bukan milik kami", "inovasi": other.pk})
    assert refused.status_code == 200
    assert list(HelpRequest.objects.values_list("opd__short_name", "inovasi__name", "status")) == [
        ("DUA", own.name, "open")
    ]


def test_requests_reach_the_reviewers_queue_and_they_handle_them(client, personas):
    period = current_period()
    request = HelpRequest.objects.create(
        period=period, opd=personas.opd_a, topic="Tolong", requested_by=personas.operator_a
    )
    client.force_login(personas.pendamping)
    assert list(client.get(reverse("mentoring-index")).context["requests"]) == [request]
    client.post(reverse("help-request-update", args=[request.pk, "in_progress"]))
    request.refresh_from_db()
    assert (request.status, request.handled_by) == ("in_progress", personas.pendamping)


def test_a_session_opens_the_case_and_follow_ups_must_be_done_before_tuntas(client, personas):
    current_period()
    client.force_login(personas.pendamping)
    client.post(reverse("mentoring-session-add", args=[personas.opd_a.pk]), SESSION)
    session = MentoringSession.objects.get()
    client.post(
        reverse("follow-up-add", args=[session.pk]),
        {"action": "Unggah SK", "owner": "Operator", "due_on": "2026-07-08"},
    )
    client.post(reverse("mentoring-case-close", args=[personas.opd_a.pk]))
    assert MentoringCase.objects.get().closed_at is None
    client.force_login(personas.operator_a)  # the OPD's operator may tick its own follow-up
    client.post(reverse("follow-up-done", args=[FollowUp.objects.get().pk]))
    client.force_login(personas.pendamping)
    client.post(reverse("mentoring-case-close", args=[personas.opd_a.pk]))
    assert MentoringCase.objects.get().closed_at is not None


def test_sessions_and_requests_stay_inside_their_opd(client, personas):
    period = current_period()
    case = MentoringCase.objects.create(period=period, opd=personas.opd_a, opened_by=personas.pendamping)
    session = MentoringSession.objects.create(
        case=case,
        held_on=datetime.date(2026, 7, 1),
        mode="visit",
        attendees="-",
        topic="-",
        recorded_by=personas.pendamping,
    )
    follow_up = FollowUp.objects.create(session=session, action="-", owner="-", due_on=datetime.date(2026, 7, 8))
    request = HelpRequest.objects.create(
        period=period, opd=personas.opd_a, topic="Tolong", requested_by=personas.operator_a
    )
    client.force_login(personas.operator_b)
    statuses = [
        client.get(reverse("mentoring-opd", args=[personas.opd_a.pk])).status_code,
        client.post(reverse("follow-up-done", args=[follow_up.pk])).status_code,
        client.post(reverse("mentoring-session-add", args=[personas.opd_a.pk]), SESSION).status_code,
    ]
    assert statuses == [404, 404, 404]
    assert client.get(reverse("help-request-create")).context["requests"].count() == 0
    client.force_login(personas.kepala_a)
    assert client.post(reverse("mentoring-session-add", args=[personas.opd_a.pk]), SESSION).status_code == 403
    assert client.post(reverse("help-request-update", args=[request.pk, "done"])).status_code == 403
    assert (MentoringSession.objects.count(), FollowUp.objects.get().done_at, HelpRequest.objects.get().status) == (
        1,
        None,
        "open",
    )
