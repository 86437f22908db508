"""The review workflow at unit level: `transition()` over every status pair and role, and its side effects.

The builders and probes shared with the other workflow test files live in tests/inovasi/workflow_helpers.py.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from inovasi.models import Evidence, Inovasi, Revision
from inovasi.workflow import RULES, Incomplete, NoteRequired, record_national_outcome, transition
from portal.refusals import EntryClosed, WrongState
from tests.inovasi.factories import add_evidence, current_period, make_inovasi
from tests.inovasi.workflow_helpers import (
    FULL_CYCLE,
    FULL_CYCLE_CHANGES,
    ROLES,
    STATUSES,
    VIDEO_URL,
    changes,
    close_window,
    set_status,
    state_of,
    verdicts_as_claimed,
)

S = Inovasi.Status

# The specification, written out independently of RULES: who may make each move.
OPERATOR, REVIEWER, ADMIN = {"operator_a", "admin"}, {"pendamping", "admin"}, {"admin"}
KEPALA = {"kepala_a", "admin"}
# The grid runs in a period without the kepala's endorsement (tests/inovasi/factories.current_period);
# with it, the operator's two submissions go to the kepala instead (tests/inovasi/test_endorsement.py).
WITH_ENDORSEMENT_ONLY = {(S.DRAFT, S.AWAITING_ENDORSEMENT), (S.RETURNED, S.AWAITING_ENDORSEMENT)}
EXPECTED_RULES = {
    (S.DRAFT, S.SUBMITTED): OPERATOR,
    (S.AWAITING_ENDORSEMENT, S.DRAFT): OPERATOR,
    (S.AWAITING_ENDORSEMENT, S.SUBMITTED): KEPALA,
    (S.AWAITING_ENDORSEMENT, S.RETURNED): KEPALA,
    (S.SUBMITTED, S.DRAFT): OPERATOR,
    (S.SUBMITTED, S.IN_REVIEW): REVIEWER,
    (S.IN_REVIEW, S.RETURNED): REVIEWER,
    (S.IN_REVIEW, S.APPROVED): REVIEWER,
    (S.IN_REVIEW, S.REJECTED): REVIEWER,
    (S.RETURNED, S.SUBMITTED): OPERATOR,
    (S.APPROVED, S.READY): ADMIN,
    (S.READY, S.SENT): ADMIN,
}
NEEDS_NOTE = {(S.IN_REVIEW, S.RETURNED), (S.IN_REVIEW, S.REJECTED), (S.AWAITING_ENDORSEMENT, S.RETURNED)}


def move(complete_draft, *steps):
    """Run transitions as (target, persona name[, note]) tuples; return the innovation, reloaded."""
    inovasi = Inovasi.objects.get(pk=complete_draft.inovasi.pk)
    for target, who, *note in steps:
        if target == S.APPROVED:
            verdicts_as_claimed(inovasi)
        transition(inovasi, target, actor=complete_draft.by_name(who), note=note[0] if note else "")
    return Inovasi.objects.get(pk=complete_draft.inovasi.pk)


# --- the full grid -----------------------------------------------------------------------------------


def test_the_rules_table_is_the_specified_one():
    assert {pair: rule.needs_note for pair, rule in RULES.items()} == {
        pair: pair in NEEDS_NOTE for pair in [*EXPECTED_RULES, *WITH_ENDORSEMENT_ONLY]
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


def run_case(complete_draft, source, target, role, note):
    """One transition attempt inside a savepoint that is rolled back; return a failure text or None."""
    actor = complete_draft.by_name(role)
    expected = expected_outcome(source, target, role, note)
    case = f"{source}→{target} as {role} with note {note!r}"
    with transaction.atomic():
        inovasi = set_status(complete_draft.inovasi, source)
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
        "revisions": before["revisions"] + (1 if source in Inovasi.EDITABLE_STATUSES else 0),
        "history": before["history"],  # a move is an event (StatusChange), never a field-history row
    }
    row = (change.from_status, change.to_status, change.actor.username, change.note)
    if after != wanted or row != (source, target, role, note):
        return f"{case}: succeeded with {after} and {row}, expected {wanted} and {(source, target, role, note)}"
    return None


def outcome_name(outcome):
    return outcome if isinstance(outcome, str) else outcome.__name__


def test_every_status_pair_and_role_does_exactly_what_the_rules_say(complete_draft):
    verdicts_as_claimed(complete_draft.inovasi)  # approval and siap kirim need them
    failures = []
    successes = set()
    for source in STATUSES:
        for target in STATUSES:
            for role in ROLES:
                for note in ("", "Catatan uji"):
                    failure = run_case(complete_draft, source, target, role, note)
                    if failure:
                        failures.append(failure)
                    elif expected_outcome(source, target, role, note) == "ok":
                        successes.add((source, target, role))
    assert failures == []
    # The grid did exercise every allowed move for every allowed role.
    assert successes == {(s, t, role) for (s, t), roles in EXPECTED_RULES.items() for role in roles}
    # And the savepoints left the record as it was.
    assert state_of(complete_draft.inovasi)["status_changes"] == 0


# --- what a move needs --------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [S.DRAFT, S.RETURNED])
def test_submitting_an_incomplete_innovation_raises_incomplete_and_changes_nothing(personas, source):
    inovasi = set_status(make_inovasi(personas.opd_a, personas.operator_a), source)
    add_evidence(inovasi, current_period().indicators.get(scope="sid", number="16"), personas.operator_a)
    before = state_of(inovasi)
    with pytest.raises(Incomplete):
        transition(inovasi, S.SUBMITTED, actor=personas.operator_a)
    assert state_of(inovasi) == before


def test_a_missing_evidence_item_on_a_mandatory_indicator_is_enough_to_refuse(complete_draft):
    Evidence.objects.filter(answer__inovasi=complete_draft.inovasi, answer__indicator__number="35").delete()
    before = state_of(complete_draft.inovasi)
    with pytest.raises(Incomplete):
        transition(complete_draft.inovasi, S.SUBMITTED, actor=complete_draft.operator_a)
    assert state_of(complete_draft.inovasi) == before


@pytest.mark.parametrize("source", [S.DRAFT, S.RETURNED])
def test_outside_the_window_the_operator_cannot_submit_but_the_admin_can(complete_draft, source):
    close_window(complete_draft.period)
    inovasi = set_status(complete_draft.inovasi, source)
    before = state_of(inovasi)
    with pytest.raises(EntryClosed):
        transition(inovasi, S.SUBMITTED, actor=complete_draft.operator_a)
    assert state_of(inovasi) == before

    transition(inovasi, S.SUBMITTED, actor=complete_draft.admin)
    assert Inovasi.objects.get(pk=inovasi.pk).status == S.SUBMITTED
    assert changes(inovasi) == [(source, "diajukan", "admin", "")]


def test_outside_the_window_reviewers_still_review(complete_draft):
    inovasi = move(complete_draft, (S.SUBMITTED, "operator_a"))
    close_window(complete_draft.period)
    inovasi = move(complete_draft, (S.IN_REVIEW, "pendamping"), (S.RETURNED, "pendamping", "Perbaiki."))
    assert inovasi.status == S.RETURNED


def test_a_note_of_only_spaces_is_no_note(complete_draft):
    inovasi = set_status(complete_draft.inovasi, S.IN_REVIEW)
    before = state_of(inovasi)
    for target in (S.RETURNED, S.REJECTED):
        with pytest.raises(NoteRequired):
            transition(inovasi, target, actor=complete_draft.pendamping, note="   \n ")
    assert state_of(inovasi) == before


def test_the_note_is_stored_stripped(complete_draft):
    inovasi = set_status(complete_draft.inovasi, S.IN_REVIEW)
    transition(inovasi, S.REJECTED, actor=complete_draft.pendamping, note="  Bukan inovasi.  \n")
    assert changes(inovasi) == [("direviu", "ditolak", "pendamping", "Bukan inovasi.")]


def test_the_in_memory_instance_follows_the_move(complete_draft):
    inovasi = Inovasi.objects.get(pk=complete_draft.inovasi.pk)
    change = transition(inovasi, S.SUBMITTED, actor=complete_draft.operator_a)
    assert inovasi.status == S.SUBMITTED
    assert change.revision == Revision.objects.get(inovasi=inovasi)


# --- revisions ----------------------------------------------------------------------------------------


def test_each_submission_creates_the_next_revision(complete_draft):
    inovasi = move(
        complete_draft,
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


def test_the_revision_snapshot_holds_the_profile_and_the_answers(complete_draft):
    inovasi = move(complete_draft, (S.SUBMITTED, "operator_a"))
    snapshot = inovasi.revisions.get().snapshot
    assert snapshot["profile"]["name"] == "Layanan Uji Coba"
    assert snapshot["answers"]["16"] == {"level": 3, "note": "", "evidence": ["sk.pdf (SK Inovasi)"]}
    assert snapshot["answers"]["35"] == {"level": 3, "note": "", "evidence": [f"{VIDEO_URL} (Video Inovasi)"]}
    assert sorted(snapshot["answers"]) == ["16", "17", "32", "33", "35"]


# --- sending and the national outcome -------------------------------------------------------------------


def test_sending_stores_the_given_date(complete_draft):
    inovasi = set_status(complete_draft.inovasi, S.READY)
    transition(inovasi, S.SENT, actor=complete_draft.admin, sent_on=datetime.date(2026, 3, 2))
    assert (inovasi.sent_on, Inovasi.objects.get(pk=inovasi.pk).sent_on) == (datetime.date(2026, 3, 2),) * 2


def test_sending_stores_today_by_default(complete_draft):
    inovasi = set_status(complete_draft.inovasi, S.READY)
    transition(inovasi, S.SENT, actor=complete_draft.admin)
    assert Inovasi.objects.get(pk=inovasi.pk).sent_on == timezone.localdate()


def test_no_other_move_sets_the_sent_date(complete_draft):
    inovasi = move(complete_draft, *FULL_CYCLE[:-1])
    assert inovasi.sent_on is None


@pytest.mark.parametrize("status", [status for status in STATUSES if status != S.SENT])
def test_the_national_outcome_needs_the_sent_state(complete_draft, status):
    inovasi = set_status(complete_draft.inovasi, status)
    with pytest.raises(WrongState):
        record_national_outcome(inovasi, actor=complete_draft.admin, outcome="diterima", score=Decimal("80"))
    row = Inovasi.objects.get(pk=inovasi.pk)
    assert (row.national_outcome, row.national_score) == ("", None)


@pytest.mark.parametrize("role", ["operator_a", "kepala_a", "operator_b", "pendamping", "pimpinan"])
def test_only_the_admin_records_the_national_outcome(complete_draft, role):
    inovasi = set_status(complete_draft.inovasi, S.SENT)
    with pytest.raises(PermissionDenied):
        record_national_outcome(inovasi, actor=complete_draft.by_name(role), outcome="diterima", score=Decimal("80"))
    row = Inovasi.objects.get(pk=inovasi.pk)
    assert (row.national_outcome, row.national_score) == ("", None)


def test_the_admin_records_the_national_outcome_after_sending(complete_draft):
    inovasi = set_status(complete_draft.inovasi, S.SENT)
    record_national_outcome(inovasi, actor=complete_draft.admin, outcome="diterima", score=Decimal("87.50"))
    row = Inovasi.objects.get(pk=inovasi.pk)
    assert (row.status, row.national_outcome, row.national_score) == (S.SENT, "diterima", Decimal("87.50"))


# --- a full cycle -----------------------------------------------------------------------------------------


def test_a_full_cycle_writes_exactly_these_status_changes(complete_draft):
    inovasi = move(complete_draft, *FULL_CYCLE)
    assert inovasi.status == S.SENT
    assert changes(inovasi) == FULL_CYCLE_CHANGES
    assert list(inovasi.revisions.values_list("number", flat=True)) == [1, 2]


def test_a_full_cycle_writes_one_status_change_per_move_and_no_field_history(complete_draft):
    inovasi = complete_draft.inovasi
    history_before = Inovasi.history.filter(id=inovasi.pk).count()
    move(complete_draft, *FULL_CYCLE)
    changes = inovasi.status_changes.order_by("id").values_list("to_status", "actor__username")
    assert list(changes) == [(target, who) for target, who, *_rest in FULL_CYCLE]
    assert Inovasi.history.filter(id=inovasi.pk).count() == history_before
    inovasi.refresh_from_db()
    assert inovasi.sent_on == timezone.localdate()
