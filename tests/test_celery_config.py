"""The Celery app behaves as portal/settings.py intends: the beat schedule runs registered tasks,
every task is acknowledged late and lands on a queue the worker consumes, database and mail
outages are retried, and without a broker tasks run inline.
"""

import datetime
import inspect
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from celery.schedules import maybe_schedule
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from portal.celery import app
from portal.notices.models import Notice

ROOT = Path(__file__).resolve().parent.parent
app.loader.import_default_modules()  # as the worker does at start: every task module imported
PROJECT_TASKS = sorted(name for name in app.tasks if not name.startswith("celery."))
BEAT = settings.CELERY_BEAT_SCHEDULE


def test_the_project_has_tasks_and_a_schedule():
    assert PROJECT_TASKS and BEAT


# --- the beat schedule ------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", sorted(BEAT))
def test_each_beat_entry_runs_a_registered_task_as_beat_calls_it(entry):
    job = BEAT[entry]
    assert job["task"] in app.tasks, f"{entry}: {job['task']} is not a task of portal.celery.app"
    task = app.tasks[job["task"]]
    inspect.signature(task.run).bind(*job.get("args", ()), **job.get("kwargs", {}))  # TypeError if not callable so
    due_in = maybe_schedule(job["schedule"], app=app).remaining_estimate(timezone.now())
    assert datetime.timedelta(0) <= due_in <= datetime.timedelta(days=1), (entry, due_in)


def test_the_app_beat_reads_is_the_settings_schedule():
    assert app.conf.beat_schedule == BEAT


# --- the app takes every CELERY_* setting ------------------------------------------------------------------


def test_every_celery_setting_reaches_the_app():
    names = [name for name in dir(settings) if name.startswith("CELERY_")]
    assert "CELERY_TASK_ACKS_LATE" in names
    differing = {
        name: (getattr(settings, name), app.conf[name.removeprefix("CELERY_").lower()])
        for name in names
        if app.conf[name.removeprefix("CELERY_").lower()] != getattr(settings, name)
    }
    assert differing == {}


# --- delivery: late acknowledgement, redelivery, queues ----------------------------------------------------


@pytest.mark.parametrize("name", PROJECT_TASKS)
def test_every_task_is_acknowledged_after_it_ran_one_message_at_a_time(name):
    # A worker killed mid-task leaves the message unacknowledged, so the broker delivers it again.
    assert app.tasks[name].acks_late is True
    assert app.conf.worker_prefetch_multiplier == 1


LIMITED_TASKS = [name for name in PROJECT_TASKS if (app.tasks[name].time_limit or app.conf.task_time_limit)]


@pytest.mark.parametrize(
    "name",
    LIMITED_TASKS,
)
def test_a_running_task_ends_before_the_broker_delivers_its_message_again(name):
    limit = app.tasks[name].time_limit or app.conf.task_time_limit
    assert limit < app.conf.broker_transport_options["visibility_timeout"]


def _queues_the_worker_consumes():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    command = compose["services"]["worker"]["command"]
    argv = command if isinstance(command, list) else shlex.split(command)
    for index, part in enumerate(argv):
        if part in ("-Q", "--queues"):
            return set(argv[index + 1].split(","))
        if part.startswith("--queues="):
            return set(part.split("=", 1)[1].split(","))
    return {app.conf.task_default_queue}


@pytest.mark.parametrize("name", PROJECT_TASKS)
def test_every_task_is_routed_to_a_queue_the_compose_worker_consumes(name):
    assert app.amqp.router.route({}, name)["queue"].name in _queues_the_worker_consumes()


# --- retries -------------------------------------------------------------------------------------------------

SCORING_TASKS = [
    ("scoring.recompute_period", "run", (1,)),
    ("scoring.sweep_dirty", "run_dirty_periods", ()),
    ("scoring.full_check", "run_full_check", ()),
]


@pytest.fixture
def outcomes(monkeypatch):
    """Eager runs report their outcome instead of raising, as a worker does (so the retries run inline)."""
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


def failing(times, error, result=None):
    """A stand-in that raises `error` the first `times` calls, then returns `result`; counts its calls."""

    def stand_in(*args, **kwargs):
        stand_in.calls += 1
        if stand_in.calls <= times:
            raise error
        return result

    stand_in.calls = 0
    return stand_in


@pytest.mark.parametrize(("name", "function", "args"), SCORING_TASKS)
def test_a_scoring_task_retries_while_the_database_is_unreachable(outcomes, monkeypatch, name, function, args):
    from scoring import recompute

    stand_in = failing(2, OperationalError("server closed the connection unexpectedly"), result=[])
    monkeypatch.setattr(recompute, function, stand_in)
    result = app.tasks[name].apply(args=args)
    assert (result.state, stand_in.calls) == ("SUCCESS", 3)


@pytest.mark.parametrize(("name", "function", "args"), SCORING_TASKS)
def test_a_scoring_task_gives_up_after_its_retries(outcomes, monkeypatch, name, function, args):
    from scoring import recompute

    stand_in = failing(1000, OperationalError("no database"))
    monkeypatch.setattr(recompute, function, stand_in)
    result = app.tasks[name].apply(args=args)
    assert (result.state, type(result.result)) == ("FAILURE", OperationalError)
    assert stand_in.calls == app.tasks[name].max_retries + 1


@pytest.mark.parametrize(("name", "function", "args"), SCORING_TASKS)
def test_a_scoring_task_does_not_retry_a_programming_error(outcomes, monkeypatch, name, function, args):
    from scoring import recompute

    stand_in = failing(1000, ValueError("a bug"))
    monkeypatch.setattr(recompute, function, stand_in)
    result = app.tasks[name].apply(args=args)
    assert (result.state, type(result.result), stand_in.calls) == ("FAILURE", ValueError, 1)


def test_a_notice_mail_is_retried_while_the_mail_server_is_unreachable(outcomes, personas, monkeypatch):
    from portal.notices import send

    notice = Notice.objects.create(recipient=personas.operator_a, kind="status", subject="Contoh", body="-", url="/")
    stand_in = failing(2, ConnectionRefusedError("smtp down"))
    monkeypatch.setattr(send, "send_notice_email", stand_in)
    result = app.tasks["notices.send_notice_email"].apply(kwargs={"notice_id": notice.pk})
    assert (result.state, stand_in.calls) == ("SUCCESS", 3)


# --- with and without a broker -------------------------------------------------------------------------------


def _portal_app_conf(**variables):
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings", DEBUG="true", **variables)
    code = (
        "import django; django.setup(); from portal.celery import app; "
        "print(app.conf.broker_url or '-', app.conf.task_always_eager, app.conf.task_eager_propagates)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_a_broker_tasks_run_inline_and_their_errors_reach_the_caller():
    assert _portal_app_conf() == ["-", "True", "True"]


@pytest.mark.parametrize("variable", ["REDIS_URL", "CELERY_BROKER_URL"])
def test_with_a_broker_tasks_are_sent_to_it(variable):
    assert _portal_app_conf(**{variable: "redis://127.0.0.1:6379/9"}) == ["redis://127.0.0.1:6379/9", "False", "False"]
