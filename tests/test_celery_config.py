"""Every periodic job names a task the worker actually has; without a broker tasks run inline."""

from django.conf import settings

from portal.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    scheduled = sorted(entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values())
    assert scheduled == [
        "inovasi.send_deadline_reminders",
        "notices.send_daily_digests",
        "notices.sweep_unsent",
        "scoring.full_check",
        "scoring.sweep_dirty",
    ]
    assert [name for name in scheduled if name not in app.tasks] == []


def test_tests_run_tasks_inline():
    assert (app.conf.task_always_eager, app.conf.task_eager_propagates) == (True, True)
