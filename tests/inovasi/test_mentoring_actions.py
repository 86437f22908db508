"""The mentoring actions as domain functions: who may call them, and the change and its audit row commit together."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from inovasi import mentoring_actions as actions
from inovasi.models import FollowUp, HelpRequest, MentoringCase, MentoringSession
from portal.audit.models import AuditEntry
from portal.refusals import WrongState
from tests.inovasi.factories import current_period, make_inovasi

SESSION = {
    "held_on": datetime.date(2026, 7, 1),
    "mode": MentoringSession.Mode.CLINIC,
    "attendees": "Operator, Kabid",
    "topic": "Bukti indikator 16",
}


@pytest.fixture
def mentoring(personas):
    personas.period = current_period()
    return personas


def _trail():
    return list(AuditEntry.objects.order_by("id").values_list("action", "actor__username", "after"))


def _session(mentoring, who="pendamping"):
    return actions.record_session(mentoring.opd_a, mentoring.period, **SESSION, actor=mentoring.by_name(who))


def _follow_up(mentoring, session):
    return actions.add_follow_up(
        session, action="Unggah SK", owner="Operator", due_on=datetime.date(2026, 7, 8), actor=mentoring.pendamping
    )


def test_an_operator_asks_for_help_for_its_own_opd_only(mentoring):
    own = make_inovasi(mentoring.opd_a, mentoring.operator_a, mentoring.period)
    request = actions.ask_for_help(
        mentoring.opd_a, mentoring.period, topic="Bingung", inovasi=own, actor=mentoring.operator_a
    )
    assert (request.status, request.requested_by, request.inovasi) == ("open", mentoring.operator_a, own)
    for who in ["operator_b", "kepala_a", "pendamping"]:
        with pytest.raises(PermissionDenied):
            actions.ask_for_help(mentoring.opd_a, mentoring.period, topic="Tolong", actor=mentoring.by_name(who))
    assert (HelpRequest.objects.count(), _trail()) == (1, [("help_request.create", "operator_a", None)])


def test_a_mentor_takes_and_closes_a_request_and_readers_may_not(mentoring):
    request = HelpRequest.objects.create(
        period=mentoring.period, opd=mentoring.opd_a, topic="Tolong", requested_by=mentoring.operator_a
    )
    assert request.can_be_taken
    for who in ["operator_a", "kepala_a", "pimpinan"]:
        with pytest.raises(PermissionDenied):
            actions.take_help_request(request, actor=mentoring.by_name(who))
    actions.take_help_request(request, actor=mentoring.pendamping)
    assert not request.can_be_taken
    actions.close_help_request(request, actor=mentoring.admin)
    request.refresh_from_db()
    assert (request.status, request.handled_by) == ("done", mentoring.admin)
    assert _trail() == [
        ("help_request.update", "pendamping", {"status": "in_progress"}),
        ("help_request.update", "admin", {"status": "done"}),
    ]


def test_a_session_opens_the_case_and_a_session_after_closing_reopens_it(mentoring):
    session = _session(mentoring)
    case = MentoringCase.objects.get()
    assert (session.case, session.recorded_by, case.opened_by, case.closed_at) == (
        case,
        mentoring.pendamping,
        mentoring.pendamping,
        None,
    )
    actions.close_case(case, actor=mentoring.pendamping)
    assert MentoringCase.objects.get().closed_at is not None
    _session(mentoring, "admin")
    assert (MentoringCase.objects.count(), MentoringCase.objects.get().closed_at) == (1, None)
    assert [(action, after) for action, _who, after in _trail()] == [
        ("mentoring_case.open", {"reopened": False}),
        ("mentoring_session.add", None),
        ("mentoring_case.close", None),
        ("mentoring_case.open", {"reopened": True}),
        ("mentoring_session.add", None),
    ]


@pytest.mark.parametrize("who", ["operator_a", "kepala_a", "pimpinan", "operator_b"])
def test_only_mentors_record_sessions_add_follow_ups_and_close_cases(mentoring, who):
    actor = mentoring.by_name(who)
    with pytest.raises(PermissionDenied):
        _session(mentoring, who)
    session = _session(mentoring)
    with pytest.raises(PermissionDenied):
        actions.add_follow_up(session, action="-", owner="-", due_on=datetime.date(2026, 7, 8), actor=actor)
    with pytest.raises(PermissionDenied):
        actions.close_case(session.case, actor=actor)
    with pytest.raises(PermissionDenied):
        actions.open_case(mentoring.opd_b, mentoring.period, actor=actor)
    assert (MentoringSession.objects.count(), FollowUp.objects.count(), MentoringCase.objects.get().closed_at) == (
        1,
        0,
        None,
    )


def test_a_case_closes_only_once_its_follow_ups_are_done_by_the_opd_or_a_mentor(mentoring):
    session = _session(mentoring)
    follow_up = _follow_up(mentoring, session)
    with pytest.raises(WrongState):
        actions.close_case(session.case, actor=mentoring.pendamping)
    for who in ["kepala_a", "operator_b", "pimpinan"]:
        with pytest.raises(PermissionDenied):
            actions.complete_follow_up(follow_up, actor=mentoring.by_name(who))
    assert actions.complete_follow_up(follow_up, actor=mentoring.operator_a) is True
    assert actions.complete_follow_up(follow_up, actor=mentoring.pendamping) is False  # already done
    actions.close_case(session.case, actor=mentoring.pendamping)
    assert MentoringCase.objects.get().closed_at is not None
    assert [action for action, _who, _after in _trail()] == [
        "mentoring_case.open",
        "mentoring_session.add",
        "follow_up.add",
        "follow_up.done",
        "mentoring_case.close",
    ]


def test_a_failing_audit_write_leaves_no_session_and_no_case(mentoring, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(actions, "record", broken)
    with pytest.raises(RuntimeError):
        _session(mentoring)
    assert (MentoringCase.objects.count(), MentoringSession.objects.count()) == (0, 0)


def test_a_failing_audit_write_leaves_the_follow_up_open(mentoring, monkeypatch):
    follow_up = _follow_up(mentoring, _session(mentoring))

    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(actions, "record", broken)
    with pytest.raises(RuntimeError):
        actions.complete_follow_up(follow_up, actor=mentoring.operator_a)
    assert FollowUp.objects.get().done_at is None
