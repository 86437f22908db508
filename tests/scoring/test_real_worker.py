"""Recompute through a real Redis and a real Celery worker: never lost, never twice the work."""

import threading
import time

import pytest
from django.db import connection

from inovasi.models import Answer, Inovasi
from inovasi.verification import verify
from inovasi.workflow import transition
from portal.catalogue.models import Basis
from scoring import calculate, dirty, recompute, store
from scoring.models import CityScore, DirtyMark, ScoreState
from scoring.tasks import recompute_period_task, sweep_dirty_task
from tests.scoring.recompute_checks import matches_full_recompute, set_level
from tests.scoring.world import scored
from tests.workers import wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scored_innovations(catalogue, personas):
    return scored(personas)


@pytest.fixture
def services(worker_services):
    return worker_services


def runs(period):
    return ScoreState.objects.get(period=period).runs


def test_an_approval_reaches_the_stored_scores(scored_innovations, services):
    y = Inovasi.objects.get(pk=scored_innovations.y.pk)
    transition(y, Inovasi.Status.IN_REVIEW, actor=scored_innovations.pendamping)
    verify(
        Answer.objects.get(inovasi=y, indicator__number="16"),
        actor=scored_innovations.pendamping,
        verification="sesuai",
        verified_level=1,
    )
    transition(y, Inovasi.Status.APPROVED, actor=scored_innovations.pendamping)
    verified = CityScore.objects.filter(period=scored_innovations.period, basis=Basis.VERIFIED)
    # X 14 + Y 3 over MAX(12, 3): 17 / 12 / 250 × 100.
    assert wait_for(
        lambda: (
            verified.values_list("n", "iid").get()
            == (3, store.q(calculate.fresh(scored_innovations.period).projections[Basis.VERIFIED].iid))
        )
    )
    assert wait_for(lambda: matches_full_recompute(scored_innovations.period))
    assert str(verified.get().iid) == "0.57"  # 0,5667 as published


def test_redis_stopped_while_changes_are_saved(scored_innovations, services):
    before = CityScore.objects.get(period=scored_innovations.period, basis=Basis.CLAIMED).maturity_sum
    services.redis.stop()
    started = time.monotonic()
    for level in (2, 3, 1, 2, 3, 1, 2, 3, 2, 3):  # ten saves, every one succeeds
        set_level(scored_innovations.x, 16, level)
    saving = time.monotonic() - started
    assert Answer.objects.get(inovasi=scored_innovations.x, indicator__number="16").level == 3
    assert DirtyMark.objects.filter(period=scored_innovations.period).count() == 10
    assert (
        CityScore.objects.get(period=scored_innovations.period, basis=Basis.CLAIMED).maturity_sum == before
    )  # not recomputed
    assert saving < 30, f"ten saves took {saving:.1f} s with Redis down"
    services.redis.start()
    sweep_dirty_task.delay()
    assert wait_for(lambda: matches_full_recompute(scored_innovations.period))


def test_a_dropped_task_is_repaired_by_the_sweep(scored_innovations, services, monkeypatch):
    monkeypatch.setattr(dirty, "schedule", lambda period_id: None)  # the message is lost
    set_level(scored_innovations.y, 16, 3)
    assert DirtyMark.objects.filter(period=scored_innovations.period).count() == 1
    sweep_dirty_task.delay()
    assert wait_for(lambda: matches_full_recompute(scored_innovations.period))


def test_a_duplicated_task_ends_at_the_same_result(scored_innovations, services):
    first = runs(scored_innovations.period)
    set_level(scored_innovations.y, 16, 2)
    recompute_period_task.delay(scored_innovations.period.pk)
    recompute_period_task.delay(scored_innovations.period.pk)
    assert wait_for(lambda: matches_full_recompute(scored_innovations.period))
    time.sleep(1.5)  # let the coalesced task and the duplicates all run: none may change a thing
    assert matches_full_recompute(scored_innovations.period)
    assert runs(scored_innovations.period) == first + 1


def test_a_burst_of_changes_is_coalesced(scored_innovations, services):
    first = runs(scored_innovations.period)
    started = time.monotonic()
    for change in range(60):
        set_level(scored_innovations.y, 16, change % 3 + 1)
    burst = time.monotonic() - started
    assert wait_for(lambda: matches_full_recompute(scored_innovations.period))
    time.sleep(1.5)  # any further queued run would land now
    assert runs(scored_innovations.period) - first <= max(3, round(burst) + 2), (
        runs(scored_innovations.period) - first,
        burst,
    )


def test_two_sweeps_at_once_do_the_work_once(scored_innovations, monkeypatch):
    monkeypatch.setattr(dirty, "schedule", lambda period_id: None)  # no worker here: only the sweeps run
    set_level(scored_innovations.x, 16, 1)
    set_level(scored_innovations.y, 16, 2)
    first = runs(scored_innovations.period)
    inside, second_done = threading.Event(), threading.Event()
    real_from_groups = calculate.from_groups

    def slow_from_groups(*args, **kwargs):
        inside.set()
        second_done.wait(10)  # hold the lock until the other sweep has tried
        return real_from_groups(*args, **kwargs)

    monkeypatch.setattr(calculate, "from_groups", slow_from_groups)
    results = {}

    def sweep(name):
        try:
            results[name] = recompute.run_dirty_periods()
        finally:
            connection.close()  # this thread's own connection

    one = threading.Thread(target=sweep, args=("one",))
    one.start()
    assert inside.wait(10)
    monkeypatch.setattr(calculate, "from_groups", real_from_groups)
    two = threading.Thread(target=sweep, args=("two",))
    two.start()
    two.join(10)
    second_done.set()
    one.join(10)
    # The first sweep did this period; the second found it locked and left it (other periods may differ).
    assert scored_innovations.period.pk in [done.period_id for done in results["one"]]
    assert scored_innovations.period.pk not in [done.period_id for done in results["two"]]
    assert runs(scored_innovations.period) == first + 1
    assert matches_full_recompute(scored_innovations.period)
