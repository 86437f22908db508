"""Bringing a period's stored scores up to date with its source rows.

One run at a time per period (a PostgreSQL advisory lock; a second caller simply leaves).
Inside one REPEATABLE READ transaction the run reads the dirty marks, rebuilds what they name
from the source rows, rebuilds the city and OPD results from the per-innovation rows, and
deletes exactly the marks it read: a change committed meanwhile keeps its mark and gets the
next run. Every step rebuilds from rows, never adds deltas, so a duplicated, late or
out-of-order run writes the same result.
"""

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from portal.catalogue.models import Period
from scoring import calculate, dirty, formula, planning, store
from scoring.models import DirtyMark, InovasiScore, ScoreState

logger = logging.getLogger(__name__)
LOCK_NAMESPACE = 4242  # the advisory-lock namespace of score recomputes
FULL, INCREMENTAL = "full", "incremental"

Groups = dict[formula.GroupKey, formula.Group]


@dataclass(frozen=True)
class Run:
    period_id: int
    mode: str
    marks: int
    innovations_changed: int
    duration_ms: int
    drift: dict[str, Any] | None = None


class Mark(NamedTuple):
    pk: int
    scope: str
    inovasi_id: int | None


@dataclass(frozen=True)
class Rebuilt:
    innovations_changed: int
    groups: Groups  # every group of the period, up to date
    drift: dict[str, Any] | None = None  # what a full check found wrong before it rebuilt


@contextmanager
def period_lock(period_id: int) -> Iterator[bool]:
    """Yields whether this process holds the period's lock. SQLite (one process, inline) needs none."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, period_id])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, period_id])


def run(period_id: int, *, full: bool = False) -> Run | None:
    """Recompute the period if it is dirty (or always, with `full`). Returns the Run, or None."""
    with period_lock(period_id) as held:
        if not held:
            logger.info("Period %s is being recomputed by another run; leaving it to that run", period_id)
            return None
        done = _run_locked(period_id, full)
    # Changes that committed during the run: one more run (the lock is released, so it can start).
    if DirtyMark.objects.filter(period_id=period_id).exists():
        dirty.schedule(period_id)
    return done


@transaction.atomic
def _run_locked(period_id: int, full: bool) -> Run | None:
    started = time.monotonic()
    _consistent_snapshot()
    marks = [
        Mark(*row) for row in DirtyMark.objects.filter(period_id=period_id).values_list("pk", "scope", "inovasi_id")
    ]
    if not marks and not full:
        return None
    state = _state(period_id)
    if state is None:
        return None
    period, mode, now = state.period, _mode(state, marks, full), timezone.now()
    reference = calculate.Reference.load(period)
    if mode == FULL:
        rebuilt = _rebuild_all(period, reference, now, pending=len(marks) if full else None)
    else:
        touched = {m.inovasi_id for m in marks if m.scope == DirtyMark.Scope.INOVASI and m.inovasi_id is not None}
        rebuilt = _rebuild_some(period, reference, touched, now)
    result = calculate.from_groups(period, reference, rebuilt.groups)
    version = max((m.pk for m in marks), default=state.version)
    store.write_city(period, result.projections, version, now)
    store.write_opds(period, result.opds, period.opd_ranking_basis, now)
    if marks:
        DirtyMark.objects.filter(period=period, pk__lte=version).delete()
    result.targets = {**result.targets, "path": _path(period, reference, result, rebuilt, mode, state)}
    duration = round((time.monotonic() - started) * 1000)
    _save_state(state, result, version, now, mode, duration, rebuilt.drift)
    logger.info(
        "Recomputed period %s (%s, %d marks, %d innovations changed) in %d ms",
        period_id,
        mode,
        len(marks),
        rebuilt.innovations_changed,
        duration,
    )
    return Run(period_id, mode, len(marks), rebuilt.innovations_changed, duration, rebuilt.drift)


def _state(period_id: int) -> ScoreState | None:
    """The period's ScoreState with its period (one query), created on the first run; None if no period."""
    state = ScoreState.objects.select_related("period").filter(period_id=period_id).first()
    if state is None:
        period = Period.objects.filter(pk=period_id).first()
        state = ScoreState.objects.create(period=period) if period else None
    return state


def _rebuild_all(period: Period, reference: calculate.Reference, now: datetime, pending: int | None) -> Rebuilt:
    """Every innovation row from the answers; with `pending` set (a full check), report drift first."""
    computed, stored = calculate.fresh(period, reference), store.stored_innovation_values(period)
    drift = _drift(period, computed, stored, pending) if pending is not None else None
    changed = store.write_innovations(period, computed.rows, now, stored=stored)
    groups = formula.group_totals(computed.rows)
    store.write_groups(period, groups, calculate.stored_groups(period))
    return Rebuilt(changed, groups, drift)


def _rebuild_some(period: Period, reference: calculate.Reference, touched: set[int], now: datetime) -> Rebuilt:
    """The named innovations' rows, and the groups of the OPDs they left or joined."""
    ids = sorted(touched)
    rows = calculate.innovation_rows(period, ids, reference)
    around = calculate.stored_rows_around(period, ids, {row.opd_id for row in rows})
    before = {row.inovasi_id: row for row in around if row.inovasi_id in touched}
    changed = store.write_innovations(period, rows, now, ids=ids, stored=before)
    opd_ids = {row.opd_id for row in before.values()} | {row.opd_id for row in rows}
    now_in_opds = [row for row in around if row.inovasi_id not in touched and row.opd_id in opd_ids] + rows
    stored = calculate.stored_groups(period)
    fresh = formula.group_totals(now_in_opds)
    store.write_groups(period, fresh, {key: group for key, group in stored.items() if key[0] in opd_ids})
    untouched = {key: group for key, group in stored.items() if key[0] not in opd_ids}
    return Rebuilt(changed, untouched | fresh)


def _consistent_snapshot() -> None:
    """Marks and source rows from one snapshot, and memory enough to aggregate without spilling.

    Every mark deleted at the end (id <= the highest seen) is one whose change this run has
    read; later commits stay invisible to it and keep their marks for the next run.
    """
    if connection.vendor != "postgresql":
        return
    # A national-size period joins 700,000+ answers; the default 4 MB would hash on disk.
    statements = "SELECT set_config('work_mem', %s, true)"
    if len(connection.atomic_blocks) == 1:  # inside a test's transaction it is too late to set
        statements = f"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; {statements}"
    with connection.cursor() as cursor:
        cursor.execute(statements, [settings.SCORE_RECOMPUTE_WORK_MEM])


def _path(
    period: Period,
    reference: calculate.Reference,
    result: calculate.Result,
    rebuilt: Rebuilt,
    mode: str,
    state: ScoreState,
) -> Any:
    """The plan to the next band, computed in the run for a period of up to SCORE_PATH_EVERY_RUN_UP_TO
    innovations. A bigger one's plan reads every answer (as long as a full run itself), so a full run
    queues it as its own task (`plan`) after the commit, and the last one stays meanwhile, with its time."""
    if InovasiScore.objects.filter(period=period).count() <= settings.SCORE_PATH_EVERY_RUN_UP_TO:
        return _stamped(planning.paths(period, reference, result, rebuilt.groups.values()))
    if mode == FULL:
        transaction.on_commit(partial(_queue_plan, period.pk), robust=True)
    return (state.targets or {}).get("path")


def _stamped(found: dict[str, Any]) -> dict[str, Any]:
    return {**found, "computed_at": timezone.now().isoformat()}


def _queue_plan(period_id: int) -> None:
    from scoring.tasks import plan_period_task

    try:
        plan_period_task.delay(period_id)
    except Exception:
        logger.exception("Could not queue the path of period %s; the next full run will", period_id)


def plan(period_id: int) -> bool:
    """Store the path to the next band of a period from its stored results (a big period's own task).

    Under the period's lock, so a recompute never writes its targets over it; False when a run holds it.
    """
    with period_lock(period_id) as held:
        if not held:
            return False
        with transaction.atomic():
            _consistent_snapshot()
            state = ScoreState.objects.select_for_update().select_related("period").get(period_id=period_id)
            period = state.period
            reference = calculate.Reference.load(period)
            groups = calculate.stored_groups(period)
            result = calculate.from_groups(period, reference, groups)
            found = _stamped(planning.paths(period, reference, result, groups.values()))
            state.targets = {**state.targets, "path": found}
            state.save(update_fields=["targets"])
    return True


def _mode(state: ScoreState, marks: Sequence[Mark], full: bool) -> str:
    if full or state.computed_at is None or any(m.scope == DirtyMark.Scope.FULL for m in marks):
        return FULL
    return INCREMENTAL


def _drift(
    period: Period, reference: calculate.Result, stored: Mapping[int, calculate.InnovationRow], pending: int
) -> dict[str, Any]:
    """What the stored results got wrong, found by a full check before it overwrites them."""
    fresh_rows = {row.inovasi_id: row for row in reference.rows}
    wrong = sorted(pk for pk in stored.keys() | fresh_rows.keys() if stored.get(pk) != fresh_rows.get(pk))
    city = {
        c.basis: str(c.iid - store.q(reference.projections[c.basis].iid))
        for c in period.city_scores.all()
        if c.iid != store.q(reference.projections[c.basis].iid)
    }
    # With marks pending, differences are expected: those changes had not been computed yet.
    return {"innovations": len(wrong), "innovation_ids": wrong[:20], "city": city, "pending": pending}


def _save_state(
    state: ScoreState,
    result: calculate.Result,
    version: int,
    now: datetime,
    mode: str,
    duration: int,
    drift: dict[str, Any] | None,
) -> None:
    state.version, state.computed_at, state.runs = version, now, state.runs + 1
    state.last_mode, state.last_duration_ms = mode, duration
    state.targets = result.targets
    fields = ["version", "computed_at", "runs", "last_mode", "last_duration_ms", "targets"]
    if drift is not None:
        state.drift, state.drift_checked_at = drift, now
        fields += ["drift", "drift_checked_at"]
    state.save(update_fields=fields)


def run_dirty_periods() -> list[Run]:
    """The sweep: every period that still has marks (a task was lost, or Redis was down)."""
    period_ids = DirtyMark.objects.values_list("period_id", flat=True).distinct().order_by("period_id")
    return [done for done in (run(period_id) for period_id in list(period_ids)) if done]


def run_full_check() -> list[Run | None]:
    """Nightly: recompute every period in use from scratch and report drift from the stored results."""
    runs = [
        run(pk, full=True) for pk in Period.objects.exclude(status=Period.Status.ARCHIVED).values_list("pk", flat=True)
    ]
    for done in runs:
        if done and done.drift and not done.drift["pending"] and (done.drift["innovations"] or done.drift["city"]):
            logger.warning("Score drift in period %s: %s", done.period_id, done.drift)
    return runs
