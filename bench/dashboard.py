"""Dashboard benchmark: the leadership dashboard against a minimal logged-in page, under load.

    make bench-dashboard
    .venv/bin/python bench/dashboard.py [seconds-per-page]

Builds the national-size stress set (546 OPDs, 36,742 innovations × 20 indicators) in a fresh
database (iid_bench_dashboard), computes its scores, then serves the portal with gunicorn on
production settings (DEBUG off, a Redis of its own) and sends 10 concurrent keep-alive clients
at each page in turn. Printed: requests per second and latency percentiles of both pages, and
the ratio between them (measured in the same run, so the machine's speed cancels out).
"""

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scoring import SECRET_KEY, _calibration, _setup  # noqa: E402

CLIENTS = 10
GUNICORN_WORKERS = 4  # 2 × the cores of this machine
MINIMAL_PAGE = "/notifikasi/pengaturan/"  # a small form: session, user, access and one row
DASHBOARD = "/dasbor/pimpinan/"


def main(argv):
    seconds = float(argv[1]) if len(argv) > 1 else 20.0
    with tempfile.TemporaryDirectory() as directory:
        from tests.workers import RedisServer, free_port

        redis = RedisServer(directory)
        redis.start()
        try:
            _setup("dashboard", redis.url)
            cookie = _national_set_and_login()
            from django.core.management import call_command

            call_command("collectstatic", interactive=False, verbosity=0)  # production serves hashed names
            port = free_port()
            server = _gunicorn(port, redis.url)
            try:
                _measure(port, cookie, seconds)
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            redis.stop()
    return 0


def _national_set_and_login():
    from django.test import Client

    from bench.generate import NATIONAL, generate
    from portal.accounts.models import Role
    from portal.catalogue.models import Period
    from scoring import recompute
    from tests.personas import make_user

    period = Period.objects.current()
    started = time.perf_counter()
    generated = generate(period, **NATIONAL)
    recompute.run(period.pk, full=True)
    print(
        f"\n== national: {generated.innovations} innovations, {generated.answers} answers "
        f"(generated and scored in {time.perf_counter() - started:.1f} s)"
    )
    client = Client()
    client.force_login(make_user("bench_pimpinan", Role.PIMPINAN))
    return f"sessionid={client.cookies['sessionid'].value}"


def _gunicorn(port, redis_url):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "portal.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={GUNICORN_WORKERS}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/health/", "")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _get(connection, path, cookie):
    # Behind the TLS proxy of production: the proxy says https, so no redirect to it.
    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def _load(port, path, cookie, seconds):
    """CLIENTS threads, each with its own keep-alive connection, for `seconds`."""
    latencies, statuses, lock = [], {}, threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, codes = [], {}
        while time.monotonic() < stop_at:
            status, took = _get(connection, path, cookie)
            mine.append(took)
            codes[status] = codes.get(status, 0) + 1
        with lock:
            latencies.extend(mine)
            for code, n in codes.items():
                statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "statuses": statuses,
    }


def _measure(port, cookie, seconds):
    for path in (MINIMAL_PAGE, DASHBOARD):  # warm: workers imported, caches filled
        for _ in range(20):
            status, _took = _get(http.client.HTTPConnection("127.0.0.1", port, timeout=30), path, cookie)
            assert status == 200, (path, status)
    minimal = _load(port, MINIMAL_PAGE, cookie, seconds)
    dashboard = _load(port, DASHBOARD, cookie, seconds)
    figures = {
        "machine: 3,000,000 Python additions, ms": f"{_calibration():.0f}",
        f"minimal page {MINIMAL_PAGE}, requests/s": f"{minimal['rps']:.1f}",
        "minimal page p50 / p95, ms": f"{minimal['p50']:.0f} / {minimal['p95']:.0f}",
        f"leadership dashboard {DASHBOARD}, requests/s": f"{dashboard['rps']:.1f}",
        "leadership dashboard p50 / p95, ms": f"{dashboard['p50']:.0f} / {dashboard['p95']:.0f}",
        "dashboard / minimal requests per second": f"{dashboard['rps'] / minimal['rps']:.0%}",
        "responses (status: count)": f"minimal {minimal['statuses']}, dashboard {dashboard['statuses']}",
    }
    print(f"{CLIENTS} concurrent clients, {seconds:.0f} s per page, gunicorn with {GUNICORN_WORKERS} workers")
    for label, value in figures.items():
        print(f"{label:<56} {value}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
