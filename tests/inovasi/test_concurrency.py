"""Two people moving the same innovation at the same moment: exactly one wins, on real PostgreSQL.

Each thread loads the innovation, waits on a barrier until the other has loaded it too, then moves it.
The conditional update in `transition` lets only the first writer through; the other gets StaleRecord.

These tests commit for real (transaction=True); the `catalogue` fixture loads the seeded catalogue,
which an earlier transactional test's flush may have removed.
"""

import threading

import pytest
from django.core import mail
from django.db import connection

from inovasi.models import Answer, Inovasi, Revision, StatusChange
from inovasi.verification import verify_evidenced_as_claimed
from inovasi.workflow import StaleRecord, transition
from portal.audit.models import AuditEntry
from portal.notices.models import Notice
from portal.refusals import WrongState
from tests.inovasi.workflow_helpers import build_complete_draft, set_status, verdicts_as_claimed

S = Inovasi.Status

pytestmark = pytest.mark.django_db(transaction=True)


def race(pk, moves):
    """Run each (target, actor, note) in its own thread, all reading before any writes.

    Returns, per move, "won", "stale" or the unexpected exception.
    """
    barrier = threading.Barrier(len(moves), timeout=20)
    results = [None] * len(moves)

    def attempt(index, target, actor, note):
        try:
            inovasi = Inovasi.objects.get(pk=pk)
            barrier.wait()
            transition(inovasi, target, actor=actor, note=note)
            results[index] = "won"
        except StaleRecord:
            results[index] = "stale"
        except Exception as exc:  # reported by the assertions, never swallowed
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(index, *move)) for index, move in enumerate(moves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.fixture
def complete_draft(catalogue, personas):
    """As tests/inovasi/conftest.py's, after loading the catalogue (these tests commit for real)."""
    found = build_complete_draft(personas)
    verdicts_as_claimed(found.inovasi)  # approval needs a verdict on every indicator with a level
    return found


def test_the_catalogue_is_there_in_a_transactional_test(complete_draft):
    assert complete_draft.period.indicators.filter(scope="sid").count() > 0


def test_two_reviewers_approving_at_once_one_wins(complete_draft):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    results = race(
        complete_draft.inovasi.pk, [(S.APPROVED, complete_draft.pendamping, ""), (S.APPROVED, complete_draft.admin, "")]
    )
    assert sorted(results) == ["stale", "won"], results
    winner = "pendamping" if results[0] == "won" else "admin"
    assert Inovasi.objects.get(pk=complete_draft.inovasi.pk).status == S.APPROVED
    assert list(StatusChange.objects.filter(to_status=S.APPROVED).values_list("from_status", "actor__username")) == [
        ("direviu", winner)
    ]
    assert StatusChange.objects.count() == 1
    # One event's notices (operator and kepala of the OPD), each mailed once after the commit.
    assert sorted(Notice.objects.filter(kind="approved").values_list("recipient__username", flat=True)) == [
        "kepala_a",
        "operator_a",
    ]
    assert sorted(m.to[0] for m in mail.outbox if "Disetujui" in m.subject) == [
        "kepala_a@example.test",
        "operator_a@example.test",
    ]


def test_a_return_and_an_approval_at_once_one_wins(complete_draft):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    moves = [(S.RETURNED, complete_draft.pendamping, "Perbaiki indikator 16."), (S.APPROVED, complete_draft.admin, "")]
    results = race(complete_draft.inovasi.pk, moves)
    assert sorted(results) == ["stale", "won"], results
    target = S.RETURNED if results[0] == "won" else S.APPROVED
    assert Inovasi.objects.get(pk=complete_draft.inovasi.pk).status == target
    assert list(StatusChange.objects.values_list("from_status", "to_status")) == [("direviu", target)]


def test_two_submissions_at_once_make_one_revision(complete_draft):
    results = race(
        complete_draft.inovasi.pk,
        [(S.SUBMITTED, complete_draft.operator_a, ""), (S.SUBMITTED, complete_draft.admin, "")],
    )
    assert sorted(results) == ["stale", "won"], results
    assert Inovasi.objects.get(pk=complete_draft.inovasi.pk).status == S.SUBMITTED
    assert list(Revision.objects.values_list("number", flat=True)) == [1]
    assert list(StatusChange.objects.values_list("from_status", "to_status", "revision__number")) == [
        ("draft", "diajukan", 1)
    ]


def race_calls(calls):
    """Run each call in its own thread, all starting together; returns each one's result or exception."""
    barrier = threading.Barrier(len(calls), timeout=20)
    results = [None] * len(calls)

    def attempt(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # compared by the assertions, never swallowed
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def _pending(inovasi):
    Answer.objects.filter(inovasi=inovasi).update(
        verification=Answer.Verification.PENDING, verified_level=None, verified_by=None, verified_at=None
    )


def test_two_reviewers_marking_all_as_claimed_at_once_one_judges_them(complete_draft):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    _pending(complete_draft.inovasi)
    pk, count = complete_draft.inovasi.pk, Answer.objects.filter(inovasi=complete_draft.inovasi).count()
    results = race_calls(
        [
            lambda: len(verify_evidenced_as_claimed(Inovasi.objects.get(pk=pk), actor=complete_draft.pendamping)),
            lambda: len(verify_evidenced_as_claimed(Inovasi.objects.get(pk=pk), actor=complete_draft.admin)),
        ]
    )
    assert sorted(results) == [0, count], results
    winner = complete_draft.pendamping if results[0] == count else complete_draft.admin
    answers = Answer.objects.filter(inovasi=complete_draft.inovasi)
    assert set(answers.values_list("verification", "verified_by")) == {(Answer.Verification.OK, winner.pk)}
    assert list(AuditEntry.objects.filter(action="inovasi.verify_as_claimed").values_list("actor", flat=True)) == [
        winner.pk
    ]


def test_marking_all_and_a_return_at_once_never_judge_a_returned_innovation(complete_draft):
    inovasi = set_status(complete_draft.inovasi, S.IN_REVIEW)
    _pending(inovasi)
    results = race_calls(
        [
            lambda: len(verify_evidenced_as_claimed(Inovasi.objects.get(pk=inovasi.pk), actor=complete_draft.admin)),
            lambda: (
                transition(
                    Inovasi.objects.get(pk=inovasi.pk), S.RETURNED, actor=complete_draft.pendamping, note="Perbaiki."
                ).to_status
            ),
        ]
    )
    assert results[1] == S.RETURNED, results
    verdicts = set(Answer.objects.filter(inovasi=inovasi).values_list("verification", flat=True))
    if isinstance(results[0], WrongState):  # the return came first: nothing judged
        assert verdicts == {Answer.Verification.PENDING}
        assert not AuditEntry.objects.filter(action="inovasi.verify_as_claimed").exists()
    else:  # the verdicts came first, and the return after them
        assert results[0] > 0 and verdicts == {Answer.Verification.OK}, results
    assert Inovasi.objects.get(pk=inovasi.pk).status == S.RETURNED
