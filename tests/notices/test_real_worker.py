"""The on-commit mail path end to end: Redis broker, a real Celery worker process, real PostgreSQL."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from inovasi.models import Inovasi
from inovasi.workflow import transition
from portal.celery import app
from portal.notices.models import Notice
from tests.notices.test_notices import submittable

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path):
    """A worker on the test database and broker; its mail lands in tmp_path/mail."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "TEST_MAIL_DIR": str(mail_dir),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "worker",
        "--pool=solo",
        "--loglevel=WARNING",
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
    ]
    process = subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False  # this test publishes to the real broker
    try:
        yield mail_dir
    finally:
        app.conf.task_always_eager = eager
        process.terminate()
        process.wait(timeout=30)


def _wait_for(condition, seconds=45):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_submission_is_mailed_by_the_worker_after_commit(catalogue, personas, worker):
    inovasi = submittable(personas)
    transition(inovasi, Inovasi.Status.SUBMITTED, actor=personas.operator_a)
    assert _wait_for(lambda: list(Path(worker).iterdir()))
    mails = [path.read_text() for path in Path(worker).iterdir()]
    assert len(mails) == 1
    assert "To: pendamping@example.test" in mails[0]
    assert _wait_for(lambda: Notice.objects.filter(emailed_at__isnull=False).count() == 1)
