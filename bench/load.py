"""Load test: a bounded, headless locust run against the portal on production settings.

    make test-slow                      # this, and any pytest suites marked `slow`
    .venv/bin/python bench/load.py
    BENCH_LOAD_USERS_N=10 BENCH_LOAD_RUN_TIME=20s .venv/bin/python bench/load.py   # a quick check

Builds a fresh database (iid_bench_load: migrate + seed_demo, the demo's 150 innovations with
their scores), a Redis and a Celery worker of its own (so every save's recompute runs for real),
serves it with gunicorn on production settings (DEBUG off, collected static files, loopback,
X-Forwarded-Proto: https as the TLS proxy would send), signs bench users in (demo accounts are
refused with DEBUG off: operators of the OPDs holding drafts, pendamping and pimpinan made with
tests.personas.make_user, TOTP enrolled) and runs bench/locustfile.py:
`locust --headless -u 30 -r 10 --run-time 3m`.

Writes bench/results/load-<date>.csv (per endpoint: requests, failures, p50, p95, max) and
the locust CSVs next to it, prints the table, and exits 1 unless the fail ratio is under 1 %
and every endpoint's p95 is at most 500 ms.
Overrides: BENCH_LOAD_USERS_N (30), BENCH_LOAD_SPAWN_RATE (10), BENCH_LOAD_RUN_TIME (3m).
"""

import csv
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dashboard import _gunicorn  # noqa: E402
from bench.scoring import _calibration, _fresh_database, production_env  # noqa: E402

RESULTS = ROOT / "bench" / "results"
MAX_FAIL_RATIO = 0.01
MAX_P95_MS = 500
STRICT = os.environ.get("BENCH_LOAD_STRICT") == "1"
USERS = int(os.environ.get("BENCH_LOAD_USERS_N", 30))
SPAWN_RATE = os.environ.get("BENCH_LOAD_SPAWN_RATE", "10")
RUN_TIME = os.environ.get("BENCH_LOAD_RUN_TIME", "3m")
GUNICORN_WORKERS = 4  # 2 × the cores of this machine, as bench/dashboard.py
ROLES = {"operator": 5, "pendamping": 3, "pimpinan": 2}  # the locustfile's user weights


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as directory:
        directory = Path(directory)
        from tests.workers import RedisServer

        redis = RedisServer(directory)
        redis.start()
        worker = server = None
        try:
            media = directory / "media"
            _build(redis.url, media)
            users_file = directory / "users.json"
            users_file.write_text(json.dumps(_sign_in()))
            from django.core.management import call_command

            call_command("collectstatic", interactive=False, verbosity=0)
            from tests.workers import free_port, start_worker, wait_for

            worker = start_worker(redis.url, DJANGO_SETTINGS_MODULE="portal.settings", MEDIA_ROOT=str(media))
            assert wait_for(_worker_ready, 60), "the Celery worker did not start"
            port = free_port()
            os.environ["MEDIA_ROOT"] = str(media)
            server = _gunicorn(port, redis.url)
            _warm(port, json.loads(users_file.read_text()))
            prefix = directory / "locust"
            locust = _locust(port, users_file, prefix)
            ok = _report(prefix, locust, time.monotonic() - started)
        finally:
            if server:
                server.terminate()
                server.wait(timeout=30)
            if worker:
                from tests.workers import stop_worker

                stop_worker(worker)
            redis.stop()
    return 0 if ok else 1


def _build(redis_url, media):
    database_url = _fresh_database("iid_bench_load")
    # seed_demo in its own process with DEBUG on (the demo's own setting; tasks inline, no broker).
    seed_env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL", "S3_BUCKET")}
    seed_env |= {"DEBUG": "true", "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}
    seed_env.pop("DJANGO_SETTINGS_MODULE", None)
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=seed_env, check=True, stdout=subprocess.DEVNULL
        )
    # From here on: production settings, the bench's own Redis.
    os.environ.update(production_env(database_url, redis_url), MEDIA_ROOT=str(media))
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()


def _sign_in():
    """Bench users for each role, signed in: {role: [{"session": …, …}]}."""
    from django.test import Client
    from django.utils import timezone

    from inovasi.models import Inovasi
    from portal.accounts.models import Role
    from portal.catalogue.models import Period
    from tests.personas import make_user

    period = Period.objects.current()
    now = timezone.now()
    Period.objects.filter(pk=period.pk).update(
        status=Period.Status.OPEN,
        entry_opens_at=now - datetime.timedelta(days=30),
        entry_closes_at=now + datetime.timedelta(days=30),
    )
    indicators = list(period.indicators.filter(scope="sid", is_archived=False).order_by("number"))
    pdf_indicators = [i.pk for i in indicators if "pdf" in i.evidence_kinds]
    # An indicator that asks for one basis of its level (2026's 33) gets its first one with every level.
    bases = {str(i.pk): i.basis_choices[0][0] for i in indicators if i.bases}
    drafts = {}
    for inovasi in Inovasi.objects.alive().filter(period=period, status=Inovasi.Status.DRAFT).order_by("pk"):
        drafts.setdefault(inovasi.opd, []).append(
            {
                "inovasi": inovasi.pk,
                "indicators": [i.pk for i in indicators],
                "pdf_indicators": pdf_indicators,
                "bases": bases,
            }
        )
    assert drafts and pdf_indicators, "the seeded period has no draft to edit"
    opds = list(drafts)
    counts = {role: max(1, -(-USERS * weight // sum(ROLES.values()))) for role, weight in ROLES.items()}
    roles = {"operator": Role.OPERATOR, "pendamping": Role.PENDAMPING, "pimpinan": Role.PIMPINAN}
    users = {}
    for role, count in counts.items():
        for number in range(count):
            opd = opds[number % len(opds)] if role == "operator" else None
            user = make_user(f"bench_{role}_{number}", roles[role], opd)
            client = Client()
            client.force_login(user)
            entry = {"username": user.username, "session": client.cookies["sessionid"].value}
            if opd:
                entry["drafts"] = drafts[opd]
            users.setdefault(role, []).append(entry)
    print(
        f"bench users: {', '.join(f'{len(v)} {k}' for k, v in users.items())}; "
        f"{sum(map(len, drafts.values()))} drafts of {len(opds)} OPDs to edit"
    )
    return users


def _worker_ready():
    from portal.celery import app

    try:
        return bool(app.control.ping(timeout=0.5))
    except Exception:
        return False


def _warm(port, users):
    """Every page a few times per gunicorn worker first: imports, templates and caches are loaded."""
    import http.client

    first = {role: entries[0] for role, entries in users.items()}
    draft = first["operator"]["drafts"][0]["inovasi"]
    pages = {
        "operator": ["/inovasi/", "/notifikasi/", f"/inovasi/{draft}/indikator/"],
        "pendamping": ["/inovasi/", "/reviu/", "/"],
        "pimpinan": ["/", "/dasbor/pimpinan/"],
    }
    for role, paths in pages.items():
        headers = {"Cookie": f"sessionid={first[role]['session']}", "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        for path in paths:
            for _ in range(3 * GUNICORN_WORKERS):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                assert response.status == 200, (role, path, response.status)
                connection.close()


def _locust(port, users_file, prefix):
    command = [
        str(Path(sys.executable).with_name("locust")),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        f"--users={USERS}",
        f"--spawn-rate={SPAWN_RATE}",
        f"--run-time={RUN_TIME}",
        f"--host=http://127.0.0.1:{port}",
        f"--csv={prefix}",
        "--only-summary",
        "--loglevel=WARNING",
        "--stop-timeout=20",
    ]
    print(f"locust: {USERS} users, spawn rate {SPAWN_RATE}/s, run time {RUN_TIME}", flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env={**os.environ, "BENCH_LOAD_USERS": str(users_file)})
    return {"exit": result.returncode, "seconds": time.monotonic() - started}


def _report(prefix, locust, elapsed):
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    endpoints = [row for row in rows if row["Name"] != "Aggregated"]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    fail_ratio = failures / requests if requests else 1.0
    stamp = datetime.datetime.now().strftime("%Y-%m-%d")
    RESULTS.mkdir(exist_ok=True)
    for suffix in ("stats", "failures", "exceptions"):
        if Path(f"{prefix}_{suffix}.csv").exists():
            shutil.copy(f"{prefix}_{suffix}.csv", RESULTS / f"load-{stamp}_{suffix}.csv")
    calibration = _calibration()
    summary = [
        {
            "endpoint": f"{row['Type']} {row['Name']}",
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": row["50%"],
            "p95_ms": row["95%"],
            "max_ms": round(float(row["Max Response Time"])),
            "p95_ok": _p95(row) <= MAX_P95_MS,
        }
        for row in sorted(endpoints, key=lambda row: row["Name"])
    ]
    with open(RESULTS / f"load-{stamp}.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*summary[0], "users", "run_time", "calibration_ms"])
        writer.writeheader()
        for row in summary:
            writer.writerow({**row, "users": USERS, "run_time": RUN_TIME, "calibration_ms": f"{calibration:.0f}"})
    width = max(len(row["endpoint"]) for row in summary)
    print(f"\n{'endpoint':<{width}}  requests  failures  p50 ms  p95 ms  max ms")
    for row in summary:
        mark = "" if row["p95_ok"] else f"  > {MAX_P95_MS} ms"
        print(
            f"{row['endpoint']:<{width}}  {row['requests']:>8}  {row['failures']:>8}  {row['p50_ms']:>6}  "
            f"{row['p95_ms']:>6}  {row['max_ms']:>6}{mark}"
        )
    print(
        f"\nall: {requests} requests, {failures} failures (fail ratio {fail_ratio:.2%}), "
        f"{float(total['Requests/s']):.1f} requests/s, p95 {total['95%']} ms"
    )
    print(f"machine: 3,000,000 Python additions, ms {calibration:.0f}")
    print(f"gunicorn with {GUNICORN_WORKERS} workers; locust {USERS} users; whole run {elapsed:.0f} s")
    print(f"results: {RESULTS / f'load-{stamp}.csv'}")
    served = requests > 0 and fail_ratio < MAX_FAIL_RATIO
    fast = all(row["p95_ok"] for row in summary)
    print(f"fail ratio < {MAX_FAIL_RATIO:.0%}: {'met' if served else 'NOT MET'}", f"(locust exit {locust['exit']})")
    print(f"every endpoint's p95 <= {MAX_P95_MS} ms: {'met' if fast else 'NOT MET'}")
    # Errors fail the run everywhere; the latency target is a benchmark figure (it depends on the
    # machine and on what else runs on it), enforced only when asked: BENCH_LOAD_STRICT=1.
    return served and (fast or not STRICT)


def _p95(row):
    return float(row["95%"]) if row["95%"] not in ("", "N/A") else float("inf")


if __name__ == "__main__":
    sys.exit(main())
