"""Real services for the tests that are about Celery: a Redis server of their own and worker processes."""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import kombu.pools
import redis
from django.conf import settings
from django.db import connection

from portal.celery import app


def wait_for(condition, seconds=90, step=0.05):
    """Poll until `condition()` is true; False when the time runs out (never a blind sleep)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throw-away redis-server the test may stop and start again, on its own port."""

    def __init__(self, directory):
        self.port, self.directory, self.process = free_port(), directory, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        command = [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [*command, "--dir", str(self.directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        assert wait_for(self.answers, 10), "redis-server did not start"

    def answers(self):
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.2).ping()
        except redis.ConnectionError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        assert not self.answers()


def start_worker(broker_url, *, concurrency=1, beat_dir=None, **env):
    """A Celery worker process on the test database and the given broker (with beat inside, given `beat_dir`)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "CELERY_BROKER_URL": broker_url,
        "TEST_REAL_WORKER": "1",
        **env,
    }
    pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"--concurrency={concurrency}"]
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", *pool, "--loglevel=WARNING"]
    command += ["--without-heartbeat", "--without-mingle", "--without-gossip"]
    if beat_dir is not None:
        command += ["--beat", f"--schedule={beat_dir}/beat-schedule"]
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def stop_worker(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def publishing_to(broker_url):
    """This test process publishes to `broker_url` instead of running tasks inline."""
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, broker_url
    forget_broker_connections()
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        forget_broker_connections()


def forget_broker_connections():
    # Celery keeps one connection pool per app (and kombu one per URL), made on first use.
    app._pool = None
    app.amqp._producer_pool = None
    kombu.pools.reset()
