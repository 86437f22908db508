"""Thin Celery tasks: ids in, scoring.recompute does the work.

Retried with backoff when the database is unreachable; acks_late so a worker killed mid-run
leaves the message to be delivered again (the run is idempotent).
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError

RETRYING = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "retry_backoff_max": 60,
    "max_retries": 8,
    "soft_time_limit": 300,
    "time_limit": 360,
}


@shared_task(name="scoring.recompute_period", **RETRYING)
def recompute_period_task(period_id):
    from scoring.recompute import run

    done = run(period_id)
    return done and done.mode


@shared_task(name="scoring.plan_period", bind=True, **RETRYING)
def plan_period_task(self, period_id):
    """A big period's path to the next band, after its full run; again later while a run holds the period."""
    from scoring.recompute import plan

    if not plan(period_id):
        raise self.retry(countdown=30)
    return True


@shared_task(name="scoring.sweep_dirty", **RETRYING)
def sweep_dirty_task():
    """Every minute: recompute periods whose marks no task has cleared (lost message, Redis down)."""
    from scoring.recompute import run_dirty_periods

    return len(run_dirty_periods())


@shared_task(name="scoring.full_check", **RETRYING)
def full_check_task():
    """Nightly: recompute from scratch and report any drift between stored and fresh results."""
    from scoring.recompute import run_full_check

    return len(run_full_check())
