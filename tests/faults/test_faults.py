"""Faults: a worker killed mid-recompute, Redis gone during operator work, the database going away.

Each test uses the real services (PostgreSQL, a Redis of its own, a Celery worker process) and
ends by comparing the stored scores with a computation from scratch.
"""

import http.client
import os
import signal
import threading
import time
from urllib.parse import urlsplit

import psycopg2
import pytest
from django.db import connection
from django.urls import reverse

from inovasi.models import Answer
from portal.catalogue.models import Basis
from scoring.models import CityScore, DirtyMark
from scoring.tasks import sweep_dirty_task
from tests.clients import PortalClient
from tests.inovasi.factories import sid_indicator
from tests.scoring.recompute_checks import matches_full_recompute, set_level
from tests.scoring.world import scored
from tests.workers import start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]
SWEEP_SECONDS = 60  # the beat schedule's scores-sweep interval (portal/settings.py)


@pytest.fixture
def scored_innovations(catalogue, personas):
    """The four innovations of tests/scoring/world.py, scored and committed."""
    return scored(personas)


@pytest.fixture
def services(worker_services, settings):
    """The worker's Redis is this process's cache too, so stopping it takes both away."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": worker_services.redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return worker_services


def _admin_connection():
    """A connection of its own to the test database, outside Django (to hold locks, end sessions)."""
    settings = connection.settings_dict
    return psycopg2.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"]
    )


def _blocked_on_score_state(admin):
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
            ['UPDATE "scoring_scorestate"%'],
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_mid_recompute_loses_nothing(scored_innovations, services):
    before = CityScore.objects.get(period=scored_innovations.period, basis=Basis.CLAIMED).maturity_sum
    holder, watcher = _admin_connection(), _admin_connection()
    watcher.autocommit = True
    try:
        with holder.cursor() as cursor:  # the run will wait on this row at its very last write
            cursor.execute(
                "SELECT 1 FROM scoring_scorestate WHERE period_id = %s FOR UPDATE", [scored_innovations.period.pk]
            )
        set_level(scored_innovations.x, 16, 1)
        assert wait_for(lambda: _blocked_on_score_state(watcher), 60), "the recompute never reached its last write"
        os.kill(services.worker.pid, signal.SIGKILL)
        services.worker.wait(timeout=30)
    finally:
        holder.rollback()
        holder.close()
    # Killed inside its transaction: nothing of the run was kept, and its marks wait for the next one.
    assert DirtyMark.objects.filter(period=scored_innovations.period).exists()
    assert CityScore.objects.get(period=scored_innovations.period, basis=Basis.CLAIMED).maturity_sum == before
    watcher.close()
    services.worker = start_worker(services.redis.url)
    sweep_dirty_task.delay()  # what beat does every minute
    assert wait_for(lambda: matches_full_recompute(scored_innovations.period))
    assert CityScore.objects.get(period=scored_innovations.period, basis=Basis.CLAIMED).maturity_sum != before


def _operator_session(user):
    client = PortalClient(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.slow
def test_redis_down_for_a_minute_during_operator_work(scored_innovations, services):
    """Operators keep working while Redis is gone; the sweep catches up within two intervals after."""
    stop_worker(services.worker)
    services.worker = start_worker(services.redis.url, beat_dir=services.tmp)  # beat runs the minute sweep
    operator = _operator_session(scored_innovations.operator_b)
    draft, indicator = scored_innovations.d, sid_indicator(scored_innovations.period, 16)
    answer_url = reverse("inovasi-answer", args=[draft.pk, indicator.pk])
    pages = [reverse("home"), reverse("inovasi-list"), reverse("inovasi-detail", args=[draft.pk])]
    services.redis.stop()
    statuses, saved, level = [], 0, 1
    outage_ends = time.monotonic() + int(os.environ.get("FAULT_REDIS_OUTAGE_SECONDS", 60))
    while time.monotonic() < outage_ends:
        level = level % 3 + 1
        statuses.append(operator.post(answer_url, {"level": level}).status_code)
        saved += 1
        statuses += [operator.get(page).status_code for page in pages]
    assert set(statuses) <= {200, 302}, sorted(set(statuses))
    assert Answer.objects.get(inovasi=draft, indicator=indicator).level == level  # the last save is there
    assert (
        DirtyMark.objects.filter(period=scored_innovations.period).count() >= saved
    )  # every save marked, none computed
    services.redis.start()
    back = time.monotonic()
    assert wait_for(lambda: matches_full_recompute(scored_innovations.period), 2 * SWEEP_SECONDS + 15)
    assert time.monotonic() - back <= 2 * SWEEP_SECONDS + 15


def test_the_database_going_away_fails_cleanly_and_recovers(scored_innovations, live_server):
    """Every session of the database ended and new ones refused for a few seconds, under load.

    Through a real HTTP server (the test client keeps its connection for the test's sake; a server
    checks its connections at each request, as gunicorn does).
    """
    cookie = _session_cookie(scored_innovations.operator_a)
    results, stop = [], threading.Event()

    def browse():
        while not stop.is_set():
            status, retry = _get(live_server.url + reverse("inovasi-list"), cookie)
            results.append((time.monotonic(), status, retry))

    threads = [threading.Thread(target=browse) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    outage = _take_the_database_away(connection.settings_dict["NAME"], seconds=3)
    time.sleep(2)
    stop.set()
    for thread in threads:
        thread.join(30)
    connection.close()  # this thread's session was ended too
    during = [(status, retry) for at, status, retry in results if outage[0] < at < outage[1]]
    after = [status for at, status, _retry in results if at > outage[1] + 1]
    assert during and {status for status, _retry in during} <= {200, 503}, sorted(set(during))
    assert (503, "30") in during, "no request noticed the outage"
    assert after and set(after) == {200}, "the portal did not recover"


def _session_cookie(user):
    client = PortalClient()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def _get(url, cookie):
    parts = urlsplit(url)
    server = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        server.request("GET", parts.path, headers={"Cookie": cookie})
        response = server.getresponse()
        body = response.read()
        if response.status not in (200, 503):  # kept for the failure message
            return response.status, body[:200]
        return response.status, response.getheader("Retry-After")
    finally:
        server.close()


def _take_the_database_away(name, seconds):
    """End every session of `name` and refuse new ones for `seconds`: a restart, as the app sees it."""
    settings = connection.settings_dict
    admin = psycopg2.connect(dbname="postgres", user=settings["USER"], host=settings["HOST"], port=settings["PORT"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        started = time.monotonic()
        cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        time.sleep(seconds)
        cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        ended = time.monotonic()
    admin.close()
    return started, ended
