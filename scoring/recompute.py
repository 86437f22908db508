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
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from inovasi.models import Inovasi
from scoring import calculate, dirty, store
from scoring.models import DirtyMark, Period, ScoreState

logger = logging.getLogger(__name__)
LOCK_NAMESPACE = 4242  # the advisory-lock namespace of score recomputes
FULL, INCREMENTAL = "full", "incremental"


@dataclass(frozen=True)
class Run:
    period_id: int
    mode: str
    marks: int
    innovations_changed: int
    duration_ms: int
    drift: dict | None = None


@contextmanager
def period_lock(period_id):
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


def run(period_id, *, full=False):
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
def _run_locked(period_id, full):
    started = time.monotonic()
    _consistent_snapshot()
    marks = list(DirtyMark.objects.filter(period_id=period_id).values_list("pk", "scope", "inovasi_id"))
    if not marks and not full:
        return None
    state = _state(period_id)
    if state is None:
        return None
    period, mode, now = state.period, _mode(state, marks, full), timezone.now()
    reference = calculate.Reference.load(period)
    if mode == FULL:
        changed, groups, drift = _rebuild_all(period, reference, now, pending=len(marks) if full else None)
        touched = None
    else:
        touched = {inovasi_id for _pk, scope, inovasi_id in marks if scope == DirtyMark.Scope.INOVASI}
        (changed, groups), drift = _rebuild_some(period, reference, touched, now), None
    result = calculate.from_groups(period, reference, groups)
    version = max((pk for pk, _scope, _id in marks), default=state.version)
    store.write_city(period, result.projections, version, now)
    store.write_opds(period, result.opds, period.opd_ranking_basis, now)
    if marks:
        DirtyMark.objects.filter(period=period, pk__lte=version).delete()
    duration = round((time.monotonic() - started) * 1000)
    state.levers = _described(result.levers, state.levers, touched, reference)
    _save_state(state, result, version, now, mode, duration, drift)
    logger.info(
        "Recomputed period %s (%s, %d marks, %d innovations changed) in %d ms",
        period_id,
        mode,
        len(marks),
        changed,
        duration,
    )
    return Run(period_id, mode, len(marks), changed, duration, drift)


def _state(period_id):
    """The period's ScoreState with its period (one query), created on the first run; None if no period."""
    state = ScoreState.objects.select_related("period").filter(period_id=period_id).first()
    if state is None:
        period = Period.objects.filter(pk=period_id).first()
        state = ScoreState.objects.create(period=period) if period else None
    return state


def _rebuild_all(period, reference, now, pending):
    """Every innovation row from the answers; with `pending` set (a full check), report drift first.

    Returns (innovations changed, every group's values, drift).
    """
    computed, stored = calculate.fresh(period, reference), store.stored_innovation_values(period)
    drift = _drift(period, computed, stored, pending) if pending is not None else None
    changed = store.write_innovations(period, computed.rows, now, stored=stored)
    groups = calculate.group_values(computed.rows)
    store.write_groups(period, groups, calculate.stored_group_values(period))
    return changed, groups, drift


def _rebuild_some(period, reference, touched, now):
    """The named innovations' rows, and the groups of the OPDs they left or joined.

    Returns (innovations changed, every group's values).
    """
    ids = sorted(touched)
    rows = calculate.innovation_rows(period, ids, reference)
    around = calculate.stored_rows_around(period, ids, {row.opd_id for row in rows})
    before = {row.inovasi_id: row.values() for row in around if row.inovasi_id in touched}
    changed = store.write_innovations(period, rows, now, ids=ids, stored=before)
    opd_ids = {values[0] for values in before.values()} | {row.opd_id for row in rows}
    now_in_opds = [row for row in around if row.inovasi_id not in touched and row.opd_id in opd_ids] + rows
    stored = calculate.stored_group_values(period)
    fresh = calculate.group_values(now_in_opds)
    store.write_groups(period, fresh, {key: values for key, values in stored.items() if key[0] in opd_ids})
    untouched = {key: values for key, values in stored.items() if key[0] not in opd_ids}
    return changed, untouched | fresh


def _consistent_snapshot():
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


def _mode(state, marks, full):
    if full or state.computed_at is None or any(scope == DirtyMark.Scope.FULL for _pk, scope, _id in marks):
        return FULL
    return INCREMENTAL


def _drift(period, reference, stored, pending):
    """What the stored results got wrong, found by a full check before it overwrites them."""
    fresh_values = {row.inovasi_id: row.values() for row in reference.rows}
    wrong = sorted(pk for pk in stored.keys() | fresh_values.keys() if stored.get(pk) != fresh_values.get(pk))
    city = {
        c.basis: str(c.iid - store.q(reference.projections[c.basis].iid))
        for c in period.city_scores.all()
        if c.iid != store.q(reference.projections[c.basis].iid)
    }
    # With marks pending, differences are expected: those changes had not been computed yet.
    return {"innovations": len(wrong), "innovation_ids": wrong[:20], "city": city, "pending": pending}


def _save_state(state, result, version, now, mode, duration, drift):
    state.version, state.computed_at, state.runs = version, now, state.runs + 1
    state.last_mode, state.last_duration_ms = mode, duration
    state.targets = result.targets
    fields = ["version", "computed_at", "runs", "last_mode", "last_duration_ms", "targets", "levers"]
    if drift is not None:
        state.drift, state.drift_checked_at = drift, now
        fields += ["drift", "drift_checked_at"]
    state.save(update_fields=fields)


def _described(levers, stored, touched, reference):
    """Levers as stored JSON, with the names pages show (looked up again only when they may differ).

    `touched` holds the innovations this run rebuilt (None: everything, e.g. the catalogue changed).
    """
    unchanged = [_identity(lever) for lever in levers] == [_identity(lever) for lever in stored]
    if unchanged and touched is not None and not any(lever.get("inovasi") in touched for lever in levers):
        return stored
    found = Inovasi.objects.filter(pk__in=[lever["inovasi"] for lever in levers if "inovasi" in lever])
    inovasi = {pk: rest for pk, *rest in found.values_list("pk", "name", "opd__short_name", "opd__name")}
    described = []
    for lever in levers:
        names = {}
        if lever["kind"] == "indicator":
            (name, opd_short, opd_name), (number, indicator_name) = (
                inovasi[lever["inovasi"]],
                reference.indicator_names[lever["indicator"]],
            )
            names = {"inovasi_name": name, "opd_name": opd_short or opd_name}
            names |= {"indicator_number": number, "indicator_name": indicator_name}
        elif lever["kind"] == "urusan":
            names = {"urusan_name": reference.urusan_names[lever["urusan"]]}
        described.append({**lever, "gain": str(store.q(lever["gain"])), **names})
    return described


def _identity(lever):
    return tuple(
        (key, str(store.q(value)) if key == "gain" else value)
        for key, value in lever.items()
        if "_" not in key or key in ("from_level", "to_level")
    )


def run_dirty_periods():
    """The sweep: every period that still has marks (a task was lost, or Redis was down)."""
    period_ids = DirtyMark.objects.values_list("period_id", flat=True).distinct().order_by("period_id")
    return [done for done in (run(period_id) for period_id in list(period_ids)) if done]


def run_full_check():
    """Nightly: recompute every period in use from scratch and report drift from the stored results."""
    runs = [
        run(pk, full=True) for pk in Period.objects.exclude(status=Period.Status.ARCHIVED).values_list("pk", flat=True)
    ]
    for done in runs:
        if done and not done.drift["pending"] and (done.drift["innovations"] or done.drift["city"]):
            logger.warning("Score drift in period %s: %s", done.period_id, done.drift)
    return runs
