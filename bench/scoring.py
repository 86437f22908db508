"""Scoring benchmark: recompute times against the SQL floor, coalescing and approval latency.

    make bench-scoring                  # both sizes
    .venv/bin/python bench/scoring.py city

Each size runs in its own process on its own database (iid_bench_<size>, dropped and
re-created), with a Redis server and a Celery worker of its own for the parts that need them.
Figures are printed; ratios compare against the floor measured in the same run.
"""

import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = ("city", "national")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
SECRET_KEY = "bench-only-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"  # noqa: S105 (a throw-away database)
BURST = 500
APPROVALS = 15

# The same aggregation as the recompute (both projections' Σ maturity and n), as one query
# written the fastest way we know: integer hundredths of bobot, evidence as one hash join.
FLOOR_SQL = """
WITH m AS (
    SELECT i.status, i.national_outcome,
           SUM(CASE WHEN e.answer_id IS NOT NULL THEN ind.cents * a.level ELSE 0 END) AS claimed,
           SUM(CASE WHEN e.answer_id IS NOT NULL AND a.verification <> 'menunggu'
                    THEN ind.cents * COALESCE(a.verified_level, 0) ELSE 0 END) AS verified
    FROM inovasi_inovasi i
    JOIN inovasi_answer a ON a.inovasi_id = i.id
    JOIN (SELECT id, CAST(bobot * 100 AS INTEGER) AS cents FROM scoring_indicator
          WHERE period_id = %s AND scope = 'sid' AND NOT is_archived) ind ON ind.id = a.indicator_id
    LEFT JOIN (SELECT DISTINCT answer_id FROM inovasi_evidence) e ON e.answer_id = a.id
    WHERE i.period_id = %s AND i.deleted_at IS NULL
    GROUP BY i.id
)
SELECT SUM(claimed) FILTER (WHERE status IN ('diajukan', 'direviu', 'dikembalikan', 'disetujui', 'siap_kirim',
                                            'dikirim') AND national_outcome <> 'ditolak') / 100.0,
       COUNT(*) FILTER (WHERE status <> 'draft'),
       SUM(verified) FILTER (WHERE status IN ('disetujui', 'siap_kirim', 'dikirim') AND national_outcome <> 'ditolak')
       / 100.0,
       COUNT(*) FILTER (WHERE status IN ('disetujui', 'siap_kirim', 'dikirim', 'ditolak'))
FROM m
"""


def main(argv):
    if len(argv) == 2 and argv[1] in SIZES and os.environ.get("BENCH_CHILD"):
        return measure(argv[1])
    for size in argv[1:] or SIZES:
        env = {**os.environ, "BENCH_CHILD": "1"}
        subprocess.run([sys.executable, __file__, size], cwd=ROOT, env=env, check=True)
    return 0


def _fresh_database(name):
    import psycopg2

    admin = psycopg2.connect(dbname="postgres", **PG)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"


def production_env(database_url, redis_url):
    """The variables a benchmark runs the portal with: production settings on its own services."""
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
    }


def _setup(size, redis_url):
    os.environ.update(production_env(_fresh_database(f"iid_bench_{size}"), redis_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure(size):
    with tempfile.TemporaryDirectory() as directory:
        sys.path.insert(0, str(ROOT))
        from tests.workers import RedisServer

        redis = RedisServer(directory)
        redis.start()
        try:
            _setup(size, redis.url)
            _measure(size, redis)
        finally:
            redis.stop()
    return 0


def _timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def _median_ms(function, runs):
    return statistics.median(_timed(function)[0] for _ in range(runs))


def _measure(size, redis):
    from bench.generate import CITY, NATIONAL, generate
    from portal.catalogue.models import Period

    spec = {"city": CITY, "national": NATIONAL}[size]
    period = Period.objects.current()
    ms, generated = _timed(lambda: generate(period, **spec))
    print(
        f"\n== {size}: {spec['opds']} OPDs, {generated.innovations} innovations, {generated.answers} answers, "
        f"{generated.evidence} evidence rows (generated in {ms / 1000:.1f} s)"
    )
    _print({"machine: 3,000,000 Python additions, ms": f"{_calibration():.0f}"})
    _print(_recompute_figures(period))  # printed before the worker part, which takes minutes
    _print(_worker_figures(period, generated.reviewer, redis))


def _print(figures):
    for label, value in figures.items():
        print(f"{label:<48} {value}", flush=True)


def _calibration():
    """How fast this machine is right now: absolute figures vary with it, ratios much less."""

    def loop():
        total = 0
        for number in range(3_000_000):
            total += number
        return total

    return _median_ms(loop, 3)


def _recompute_figures(period):
    from django.conf import settings
    from django.db import connection, transaction

    from scoring import recompute

    def floor():
        # The same memory the recompute gives itself, so the floor is the best one query can do.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, true)", [settings.SCORE_RECOMPUTE_WORK_MEM])
            cursor.execute(FLOOR_SQL, [period.pk, period.pk])
            return cursor.fetchone()

    cold, _run = _timed(lambda: recompute.run(period.pk, full=True))
    floor_ms = _median_ms(floor, 5)
    full_ms = _median_ms(lambda: recompute.run(period.pk, full=True), 5)
    single = sorted(_single_change(period) for _ in range(21))
    path_ms = _path_ms(period)
    return {
        "SQL floor (one hand-written query), median ms": f"{floor_ms:.0f}",
        "full recompute, first (writes every row), ms": f"{cold:.0f}",
        "full recompute, steady state, median ms (national target <= 2500)": f"{full_ms:.0f}",
        "full recompute / SQL floor": f"{full_ms / floor_ms:.2f}x",
        "of which the path to the next band, median ms": f"{path_ms:.0f} ({path_ms / full_ms:.0%} of the full run)",
        "single-change recompute, median ms": f"{statistics.median(single):.1f}",
        "single-change recompute, p95 ms": f"{single[int(len(single) * 0.95) - 1]:.1f}",
    }


def _path_ms(period):
    """The planner alone (scoring.planning.paths) on the full run's inputs: a part of every full run."""
    from scoring import calculate, formula, planning

    reference = calculate.Reference.load(period)
    result = calculate.fresh(period, reference)
    groups = list(formula.group_totals(result.rows).values())
    return _median_ms(lambda: planning.paths(period, reference, result, groups), 5)


def _single_change(period):
    from django.db import transaction

    from inovasi.models import Answer
    from scoring import recompute

    with transaction.atomic():
        answer = Answer.objects.filter(inovasi__period=period, inovasi__status="diajukan").order_by("?").first()
        answer.level = answer.level % 3 + 1
        answer.save()
    ms, done = _timed(lambda: recompute.run(period.pk))
    assert done and done.mode == "incremental", done
    return ms


def _worker_figures(period, reviewer, redis):
    from tests.workers import start_worker, stop_worker, wait_for

    worker = start_worker(redis.url, DJANGO_SETTINGS_MODULE="portal.settings")
    try:
        assert wait_for(lambda: _worker_ready(redis), 60), "the worker did not start"
        burst = _burst(period)
        latencies = sorted(_approval_latency(period, reviewer) for _ in range(APPROVALS))
    finally:
        stop_worker(worker)
    return {
        f"burst of {BURST} changes from 4 processes, seconds to make": f"{burst[0]:.2f}",
        f"burst of {BURST} changes, recompute executions (target <= 3)": str(burst[1]),
        "burst ends equal to a full recompute": str(burst[2]),
        f"approval -> visible, median s ({APPROVALS} runs; target <= 0.30)": f"{statistics.median(latencies):.3f}",
        "approval -> new score visible, max s": f"{latencies[-1]:.3f}",
    }


def _worker_ready(redis):
    from portal.celery import app

    try:
        return bool(app.control.ping(timeout=0.5))
    except Exception:
        return False


def _settled(period):
    from scoring.models import DirtyMark

    return not DirtyMark.objects.filter(period=period).exists()


def _burst(period, writers=4):
    """BURST operator edits from `writers` processes at once (like the portal's web workers).

    Each edit is its own transaction; the processes start together at a barrier.
    """
    from django.conf import settings
    from django.db import connections

    from inovasi.models import Answer
    from scoring.models import ScoreState
    from tests.workers import wait_for

    answer_ids = list(
        Answer.objects.filter(inovasi__period=period, inovasi__status="diajukan")
        .order_by("pk")
        .values_list("pk", flat=True)[:BURST]
    )
    runs_before = ScoreState.objects.get(period=period).runs
    connections.close_all()  # a forked child must open its own connection
    fork = multiprocessing.get_context("fork")
    start, finished = fork.Barrier(writers + 1), fork.Array("d", writers)
    children = [fork.Process(target=_edit, args=(answer_ids[n::writers], start, finished, n)) for n in range(writers)]
    for child in children:
        child.start()
    start.wait(timeout=60)  # every child has set up (forking can take seconds) before the clock starts
    started = time.perf_counter()
    for child in children:
        child.join()
    # Until the last edit committed (a child's exit, closing its connections, is not part of the burst).
    made = max(finished) - started
    assert wait_for(lambda: _settled(period), 120)
    time.sleep(settings.SCORE_RECOMPUTE_WINDOW * 2 + 1)  # a trailing queued run would land now
    executions = ScoreState.objects.get(period=period).runs - runs_before
    return made, executions, _equal_to_full(period)


def _edit(answer_ids, start, finished, slot):
    from django.db import transaction

    from inovasi.models import Answer
    from tests.workers import forget_broker_connections

    forget_broker_connections()  # sockets inherited from the parent are not this process's
    # As the portal's answer form holds them: with the indicator loaded, saving only the level.
    answers = list(Answer.objects.select_related("indicator").filter(pk__in=answer_ids))
    start.wait()
    for answer in answers:
        with transaction.atomic():
            answer.level = answer.level % 3 + 1
            answer.save(update_fields=["level"])
    finished[slot] = time.perf_counter()  # CLOCK_MONOTONIC: the same clock in every process


def _equal_to_full(period):
    from scoring import calculate, store

    reference = calculate.fresh(period)
    rows = {row.inovasi_id: row for row in reference.rows}
    return store.stored_innovation_values(period) == rows


def _approval_latency(period, reviewer):
    from django.conf import settings
    from django.db.models import F
    from django.utils import timezone

    from inovasi.models import Answer, Inovasi
    from inovasi.workflow import transition
    from scoring.models import ScoreState
    from tests.workers import wait_for

    # At a reviewer's pace: the previous approval's window has closed, so this one runs on the leading edge.
    time.sleep(settings.SCORE_RECOMPUTE_WINDOW + 0.5)
    inovasi = Inovasi.objects.filter(period=period, status=Inovasi.Status.IN_REVIEW).order_by("pk").first()
    # The reviewer's verdicts were given before (approval needs one on every indicator with a level):
    # set here in bulk, outside the measured approval, which rebuilds the innovation from its rows.
    Answer.objects.filter(inovasi=inovasi, level__gt=0, verification=Answer.Verification.PENDING).update(
        verification=Answer.Verification.OK, verified_level=F("level")
    )
    started, committed = time.perf_counter(), timezone.now()
    transition(inovasi, Inovasi.Status.APPROVED, actor=reviewer)
    state = ScoreState.objects.filter(period=period)
    assert wait_for(lambda: _settled(period) and state.get().computed_at > committed, 30, step=0.01)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main(sys.argv))
