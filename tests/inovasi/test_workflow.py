"""The review workflow at unit level: `transition()` over every status pair and role, and its side effects.

The helpers at the top (`make_submittable`, `build_world`, `changes`, `state_of`) are shared with the
other workflow test files (review views, comments, revisions, concurrency).
"""

import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from inovasi.completeness import refresh_completeness
from inovasi.models import Answer, Evidence, Inovasi, Revision, StatusChange
from inovasi.workflow import RULES, Incomplete, NoteRequired, record_national_outcome, transition
from portal.refusals import EntryClosed, WrongState
from tests.inovasi.factories import add_evidence, current_period, make_inovasi

S = Inovasi.Status
STATUSES = list(S.values)
ROLES = ["operator_a", "kepala_a", "operator_b", "pendamping", "pimpinan", "admin"]
VIDEO_URL = "https://youtu.be/abcdefghijk"

# The specification, written out independently of RULES: who may make each move.
OPERATOR, REVIEWER, ADMIN = {"operator_a", "admin"}, {"pendamping", "admin"}, {"admin"}
EXPECTED_RULES = {
    (S.DRAFT, S.SUBMITTED): OPERATOR,
    (S.SUBMITTED, S.DRAFT): OPERATOR,
    (S.SUBMITTED, S.IN_REVIEW): REVIEWER,
    (S.IN_REVIEW, S.RETURNED): REVIEWER,
    (S.IN_REVIEW, S.APPROVED): REVIEWER,
    (S.IN_REVIEW, S.REJECTED): REVIEWER,
    (S.RETURNED, S.SUBMITTED): OPERATOR,
    (S.APPROVED, S.READY): ADMIN,
    (S.READY, S.SENT): ADMIN,
}
NEEDS_NOTE = {(S.IN_REVIEW, S.RETURNED), (S.IN_REVIEW, S.REJECTED)}


# --- shared helpers ----------------------------------------------------------------------------------


def mandatory_indicators(period):
    return list(period.indicators.filter(scope="sid", is_mandatory=True, is_archived=False).order_by("order"))


def add_video(inovasi, indicator, user, *, level=3, subject="Video Inovasi"):
    """A link as evidence, for an indicator that accepts only video links (35 in IGA 2026)."""
    answer, _created = Answer.objects.update_or_create(inovasi=inovasi, indicator=indicator, defaults={"level": level})
    return Evidence.objects.create(answer=answer, kind="video", url=VIDEO_URL, subject=subject, uploaded_by=user)


def make_submittable(inovasi, user, levels=None):
    """Answer every mandatory indicator with a level > 0 and one evidence item, so submission passes.

    `levels` maps an indicator number to its level (3 when not given).
    """
    levels = levels or {}
    for indicator in mandatory_indicators(inovasi.period):
        level = levels.get(indicator.number, 3)
        if "pdf" in indicator.evidence_kinds:
            add_evidence(inovasi, indicator, user, level=level)
        else:
            assert "video" in indicator.evidence_kinds, indicator.evidence_kinds
            add_video(inovasi, indicator, user, level=level)
    refresh_completeness(inovasi)
    return inovasi


def build_world(personas, levels=None):
    """The personas plus the open current period and a submittable innovation of OPD A."""
    personas.period = current_period()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, personas.period)
    personas.inovasi = make_submittable(inovasi, personas.operator_a, levels)
    return personas


def changes(inovasi):
    return list(inovasi.status_changes.values_list("from_status", "to_status", "actor__username", "note"))


def state_of(inovasi):
    """Everything a refused transition must leave as it was."""
    row = Inovasi.objects.get(pk=inovasi.pk)
    return {
        "status": row.status,
        "sent_on": row.sent_on,
        "status_changes": StatusChange.objects.filter(inovasi=inovasi).count(),
        "revisions": Revision.objects.filter(inovasi=inovasi).count(),
        "history": Inovasi.history.filter(id=inovasi.pk).count(),
    }


def set_status(inovasi, status):
    """Tests may put a record in any state directly; production code never does."""
    Inovasi.objects.filter(pk=inovasi.pk).update(status=status)
    return Inovasi.objects.get(pk=inovasi.pk)


def move(world, *steps):
    """Run transitions as (target, persona name[, note]) tuples; return the innovation, reloaded."""
    inovasi = Inovasi.objects.get(pk=world.inovasi.pk)
    for target, who, *note in steps:
        transition(inovasi, target, actor=world.by_name(who), note=note[0] if note else "")
    return Inovasi.objects.get(pk=world.inovasi.pk)


FULL_CYCLE = [
    (S.SUBMITTED, "operator_a"),
    (S.IN_REVIEW, "pendamping"),
    (S.RETURNED, "pendamping", "Lengkapi bukti indikator 16."),
    (S.SUBMITTED, "operator_a"),
    (S.IN_REVIEW, "pendamping"),
    (S.APPROVED, "pendamping"),
    (S.READY, "admin"),
    (S.SENT, "admin"),
]
FULL_CYCLE_CHANGES = [
    ("draft", "diajukan", "operator_a", ""),
    ("diajukan", "direviu", "pendamping", ""),
    ("direviu", "dikembalikan", "pendamping", "Lengkapi bukti indikator 16."),
    ("dikembalikan", "diajukan", "operator_a", ""),
    ("diajukan", "direviu", "pendamping", ""),
    ("direviu", "disetujui", "pendamping", ""),
    ("disetujui", "siap_kirim", "admin", ""),
    ("siap_kirim", "dikirim", "admin", ""),
]


@pytest.fixture
def world(personas):
    return build_world(personas)


# --- the full grid -----------------------------------------------------------------------------------


def test_the_rules_table_is_the_specified_one():
    assert {pair: rule.needs_note for pair, rule in RULES.items()} == {
        pair: pair in NEEDS_NOTE for pair in EXPECTED_RULES
    }


def expected_outcome(source, target, role, note):
    roles = EXPECTED_RULES.get((source, target))
    if roles is None:
        return WrongState
    if role not in roles:
        return PermissionDenied
    if (source, target) in NEEDS_NOTE and not note:
        return NoteRequired
    return "ok"


def run_case(world, source, target, role, note):
    """One transition attempt inside a savepoint that is rolled back; return a failure text or None."""
    actor = world.by_name(role)
    expected = expected_outcome(source, target, role, note)
    case = f"{source}→{target} as {role} with note {note!r}"
    with transaction.atomic():
        inovasi = set_status(world.inovasi, source)
        before = state_of(inovasi)
        try:
            change = transition(inovasi, target, actor=actor, note=note)
            outcome = "ok"
        except (WrongState, PermissionDenied, NoteRequired, Incomplete, EntryClosed) as exc:
            outcome, change = type(exc), None
        after = state_of(inovasi)
        transaction.set_rollback(True)
    if outcome_name(outcome) != outcome_name(expected):
        return f"{case}: expected {outcome_name(expected)}, got {outcome_name(outcome)}"
    if expected != "ok":
        return None if after == before else f"{case}: refused but changed {before} → {after}"
    wanted = {
        "status": target,
        "sent_on": timezone.localdate() if target == S.SENT else None,
        "status_changes": before["status_changes"] + 1,
        "revisions": before["revisions"] + (1 if target == S.SUBMITTED else 0),
        "history": before["history"] + 1,
    }
    row = (change.from_status, change.to_status, change.actor.username, change.note)
    if after != wanted or row != (source, target, role, note):
        return f"{case}: succeeded with {after} and {row}, expected {wanted} and {(source, target, role, note)}"
    return None


def outcome_name(outcome):
    return outcome if isinstance(outcome, str) else outcome.__name__


def test_every_status_pair_and_role_does_exactly_what_the_rules_say(world):
    failures = []
    successes = set()
    for source in STATUSES:
        for target in STATUSES:
            for role in ROLES:
                for note in ("", "Catatan uji"):
                    failure = run_case(world, source, target, role, note)
                    if failure:
                        failures.append(failure)
                    elif expected_outcome(source, target, role, note) == "ok":
                        successes.add((source, target, role))
    assert failures == []
    # The grid did exercise every allowed move for every allowed role.
    assert successes == {(s, t, role) for (s, t), roles in EXPECTED_RULES.items() for role in roles}
    # And the savepoints left the record as it was.
    assert state_of(world.inovasi)["status_changes"] == 0


# --- what a move needs --------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [S.DRAFT, S.RETURNED])
def test_submitting_an_incomplete_innovation_raises_incomplete_and_changes_nothing(personas, source):
    inovasi = set_status(make_inovasi(personas.opd_a, personas.operator_a), source)
    add_evidence(inovasi, current_period().indicators.get(scope="sid", number="16"), personas.operator_a)
    before = state_of(inovasi)
    with pytest.raises(Incomplete):
        transition(inovasi, S.SUBMITTED, actor=personas.operator_a)
    assert state_of(inovasi) == before


def test_a_missing_evidence_item_on_a_mandatory_indicator_is_enough_to_refuse(world):
    Evidence.objects.filter(answer__inovasi=world.inovasi, answer__indicator__number="35").delete()
    before = state_of(world.inovasi)
    with pytest.raises(Incomplete):
        transition(world.inovasi, S.SUBMITTED, actor=world.operator_a)
    assert state_of(world.inovasi) == before


def close_window(period):
    now = timezone.now()
    period.entry_opens_at, period.entry_closes_at = now - timedelta(days=30), now - timedelta(days=1)
    period.save()
    assert not period.entry_is_open()


@pytest.mark.parametrize("source", [S.DRAFT, S.RETURNED])
def test_outside_the_window_the_operator_cannot_submit_but_the_admin_can(world, source):
    close_window(world.period)
    inovasi = set_status(world.inovasi, source)
    before = state_of(inovasi)
    with pytest.raises(EntryClosed):
        transition(inovasi, S.SUBMITTED, actor=world.operator_a)
    assert state_of(inovasi) == before

    transition(inovasi, S.SUBMITTED, actor=world.admin)
    assert Inovasi.objects.get(pk=inovasi.pk).status == S.SUBMITTED
    assert changes(inovasi) == [(source, "diajukan", "admin", "")]


def test_outside_the_window_reviewers_still_review(world):
    inovasi = move(world, (S.SUBMITTED, "operator_a"))
    close_window(world.period)
    inovasi = move(world, (S.IN_REVIEW, "pendamping"), (S.RETURNED, "pendamping", "Perbaiki."))
    assert inovasi.status == S.RETURNED


def test_a_note_of_only_spaces_is_no_note(world):
    inovasi = set_status(world.inovasi, S.IN_REVIEW)
    before = state_of(inovasi)
    for target in (S.RETURNED, S.REJECTED):
        with pytest.raises(NoteRequired):
            transition(inovasi, target, actor=world.pendamping, note="   \n ")
    assert state_of(inovasi) == before


def test_the_note_is_stored_stripped(world):
    inovasi = set_status(world.inovasi, S.IN_REVIEW)
    transition(inovasi, S.REJECTED, actor=world.pendamping, note="  Bukan inovasi.  \n")
    assert changes(inovasi) == [("direviu", "ditolak", "pendamping", "Bukan inovasi.")]


def test_the_in_memory_instance_follows_the_move(world):
    inovasi = Inovasi.objects.get(pk=world.inovasi.pk)
    change = transition(inovasi, S.SUBMITTED, actor=world.operator_a)
    assert inovasi.status == S.SUBMITTED
    assert change.revision == Revision.objects.get(inovasi=inovasi)


# --- revisions ----------------------------------------------------------------------------------------


def test_each_submission_creates_the_next_revision(world):
    inovasi = move(
        world,
        (S.SUBMITTED, "operator_a"),
        (S.DRAFT, "operator_a"),
        (S.SUBMITTED, "operator_a"),
        (S.IN_REVIEW, "pendamping"),
        (S.RETURNED, "pendamping", "Perbaiki."),
        (S.SUBMITTED, "admin"),
    )
    assert list(inovasi.revisions.values_list("number", "created_by__username")) == [
        (1, "operator_a"),
        (2, "operator_a"),
        (3, "admin"),
    ]
    assert list(inovasi.status_changes.values_list("to_status", "revision__number")) == [
        ("diajukan", 1),
        ("draft", None),
        ("diajukan", 2),
        ("direviu", None),
        ("dikembalikan", None),
        ("diajukan", 3),
    ]


def test_the_revision_snapshot_holds_the_profile_and_the_answers(world):
    inovasi = move(world, (S.SUBMITTED, "operator_a"))
    snapshot = inovasi.revisions.get().snapshot
    assert snapshot["profile"]["name"] == "Layanan Uji Coba"
    assert snapshot["answers"]["16"] == {"level": 3, "note": "", "evidence": ["sk.pdf (SK Inovasi)"]}
    assert snapshot["answers"]["35"] == {"level": 3, "note": "", "evidence": [f"{VIDEO_URL} (Video Inovasi)"]}
    assert sorted(snapshot["answers"]) == ["16", "17", "32", "33", "35"]


# --- sending and the national outcome -------------------------------------------------------------------


def test_sending_stores_the_given_date(world):
    inovasi = set_status(world.inovasi, S.READY)
    transition(inovasi, S.SENT, actor=world.admin, sent_on=datetime.date(2026, 3, 2))
    assert (inovasi.sent_on, Inovasi.objects.get(pk=inovasi.pk).sent_on) == (datetime.date(2026, 3, 2),) * 2


def test_sending_stores_today_by_default(world):
    inovasi = set_status(world.inovasi, S.READY)
    transition(inovasi, S.SENT, actor=world.admin)
    assert Inovasi.objects.get(pk=inovasi.pk).sent_on == timezone.localdate()


def test_no_other_move_sets_the_sent_date(world):
    inovasi = move(world, *FULL_CYCLE[:-1])
    assert inovasi.sent_on is None


@pytest.mark.parametrize("status", [status for status in STATUSES if status != S.SENT])
def test_the_national_outcome_needs_the_sent_state(world, status):
    inovasi = set_status(world.inovasi, status)
    with pytest.raises(WrongState):
        record_national_outcome(inovasi, actor=world.admin, outcome="diterima", score=Decimal("80"))
    row = Inovasi.objects.get(pk=inovasi.pk)
    assert (row.national_outcome, row.national_score) == ("", None)


@pytest.mark.parametrize("role", ["operator_a", "kepala_a", "operator_b", "pendamping", "pimpinan"])
def test_only_the_admin_records_the_national_outcome(world, role):
    inovasi = set_status(world.inovasi, S.SENT)
    with pytest.raises(PermissionDenied):
        record_national_outcome(inovasi, actor=world.by_name(role), outcome="diterima", score=Decimal("80"))
    row = Inovasi.objects.get(pk=inovasi.pk)
    assert (row.national_outcome, row.national_score) == ("", None)


def test_the_admin_records_the_national_outcome_after_sending(world):
    inovasi = set_status(world.inovasi, S.SENT)
    record_national_outcome(inovasi, actor=world.admin, outcome="diterima", score=Decimal("87.50"))
    row = Inovasi.objects.get(pk=inovasi.pk)
    assert (row.status, row.national_outcome, row.national_score) == (S.SENT, "diterima", Decimal("87.50"))


# --- a full cycle -----------------------------------------------------------------------------------------


def test_a_full_cycle_writes_exactly_these_status_changes(world):
    inovasi = move(world, *FULL_CYCLE)
    assert inovasi.status == S.SENT
    assert changes(inovasi) == FULL_CYCLE_CHANGES
    assert list(inovasi.revisions.values_list("number", flat=True)) == [1, 2]


def test_a_full_cycle_writes_one_history_row_per_move(world):
    before = list(Inovasi.history.filter(id=world.inovasi.pk).values_list("history_id", flat=True))
    move(world, *FULL_CYCLE)
    rows = Inovasi.history.filter(id=world.inovasi.pk).exclude(history_id__in=before).order_by("history_id")
    assert list(rows.values_list("history_type", "status")) == [("~", target) for target, *_rest in FULL_CYCLE]
    assert rows.last().sent_on == timezone.localdate()
