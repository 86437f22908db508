"""Recompute through a real Redis and a real Celery worker: never lost, never twice the work."""

import threading
import time

import pytest
from django.db import connection, transaction

from inovasi.models import Answer, Inovasi
from inovasi.verification import verify
from inovasi.workflow import transition
from scoring import calculate, dirty, recompute, store
from scoring.models import Basis, CityScore, DirtyMark, OpdScore, ScoreState
from scoring.tasks import recompute_period_task, sweep_dirty_task
from tests.scoring.world import scored
from tests.workers import wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(catalogue, personas):
    return scored(personas)


@pytest.fixture
def services(worker_services):
    return worker_services


def matches_full_recompute(period):
    """The stored results are exactly what a computation from scratch gives now, and nothing is dirty."""
    if DirtyMark.objects.filter(period=period).exists():
        return False
    reference = calculate.fresh(period)
    rows = {row.inovasi_id: row.values() for row in reference.rows}
    city = {basis: (store.q(p.iid), p.n, store.q(p.maturity_sum)) for basis, p in reference.projections.items()}
    opds = {r.opd_id: (store.q(r.score), r.rank) for r in reference.opds}
    return (
        store.stored_innovation_values(period) == rows
        and {c.basis: (c.iid, c.n, c.maturity_sum) for c in CityScore.objects.filter(period=period)} == city
        and {o.opd_id: (o.score, o.rank) for o in OpdScore.objects.filter(period=period)} == opds
    )


def runs(period):
    return ScoreState.objects.get(period=period).runs


def set_level(inovasi, number, level):
    """One operator edit: the answer and its dirty mark in one transaction, as the portal does it."""
    with transaction.atomic():
        found = Answer.objects.get(inovasi=inovasi, indicator__number=str(number))
        found.level = level
        found.save()


def test_an_approval_reaches_the_stored_scores(world, services):
    y = Inovasi.objects.get(pk=world.y.pk)
    transition(y, Inovasi.Status.IN_REVIEW, actor=world.pendamping)
    verify(
        Answer.objects.get(inovasi=y, indicator__number="16"),
        actor=world.pendamping,
        verification="sesuai",
        verified_level=1,
    )
    transition(y, Inovasi.Status.APPROVED, actor=world.pendamping)
    verified = CityScore.objects.filter(period=world.period, basis=Basis.VERIFIED)
    # X 14 + Y 3 over MAX(12, 3): 17 / 12 / 250 × 100.
    assert wait_for(
        lambda: (
            verified.values_list("n", "iid").get()
            == (3, store.q(calculate.fresh(world.period).projections[Basis.VERIFIED].iid))
        )
    )
    assert wait_for(lambda: matches_full_recompute(world.period))
    assert str(verified.get().iid) == "0.5667"


def test_redis_stopped_while_changes_are_saved(world, services):
    before = CityScore.objects.get(period=world.period, basis=Basis.CLAIMED).maturity_sum
    services.redis.stop()
    started = time.monotonic()
    for level in (2, 3, 1, 2, 3, 1, 2, 3, 2, 3):  # ten saves, every one succeeds
        set_level(world.x, 16, level)
    saving = time.monotonic() - started
    assert Answer.objects.get(inovasi=world.x, indicator__number="16").level == 3
    assert DirtyMark.objects.filter(period=world.period).count() == 10
    assert CityScore.objects.get(period=world.period, basis=Basis.CLAIMED).maturity_sum == before  # not recomputed
    assert saving < 30, f"ten saves took {saving:.1f} s with Redis down"
    services.redis.start()
    sweep_dirty_task.delay()
    assert wait_for(lambda: matches_full_recompute(world.period))


def test_a_dropped_task_is_repaired_by_the_sweep(world, services, monkeypatch):
    monkeypatch.setattr(dirty, "schedule", lambda period_id: None)  # the message is lost
    set_level(world.y, 16, 3)
    assert DirtyMark.objects.filter(period=world.period).count() == 1
    sweep_dirty_task.delay()
    assert wait_for(lambda: matches_full_recompute(world.period))


def test_a_duplicated_task_ends_at_the_same_result(world, services):
    first = runs(world.period)
    set_level(world.y, 16, 2)
    recompute_period_task.delay(world.period.pk)
    recompute_period_task.delay(world.period.pk)
    assert wait_for(lambda: matches_full_recompute(world.period))
    time.sleep(1.5)  # let the coalesced task and the duplicates all run: none may change a thing
    assert matches_full_recompute(world.period)
    assert runs(world.period) == first + 1


def test_a_burst_of_changes_is_coalesced(world, services):
    first = runs(world.period)
    started = time.monotonic()
    for change in range(60):
        set_level(world.y, 16, change % 3 + 1)
    burst = time.monotonic() - started
    assert wait_for(lambda: matches_full_recompute(world.period))
    time.sleep(1.5)  # any further queued run would land now
    assert runs(world.period) - first <= max(3, round(burst) + 2), (runs(world.period) - first, burst)


def test_two_sweeps_at_once_do_the_work_once(world, monkeypatch):
    monkeypatch.setattr(dirty, "schedule", lambda period_id: None)  # no worker here: only the sweeps run
    set_level(world.x, 16, 1)
    set_level(world.y, 16, 2)
    first = runs(world.period)
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
    assert world.period.pk in [done.period_id for done in results["one"]]
    assert world.period.pk not in [done.period_id for done in results["two"]]
    assert runs(world.period) == first + 1
    assert matches_full_recompute(world.period)
