"""Marking a period dirty, in the writer's transaction, and queueing its recompute once it commits.

The mark is the truth: it is written with the change, so nothing a broker loses can make the
scores silently stale. The task is only the fast path; the sweep recomputes whatever is still
marked. Queueing is coalesced: within one window a period gets at most two queued tasks (one at
once, one at the window's end), however many changes arrive.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from inovasi.models import Inovasi
from portal.catalogue.models import Period
from scoring.models import DirtyMark

logger = logging.getLogger(__name__)
Scope = DirtyMark.Scope
TRAILING_MARGIN = 0.25  # seconds between a trailing key's expiry and its run


def mark(period_id: int, scope: str, reason: str, inovasi_id: int | None = None) -> None:
    DirtyMark.objects.create(period_id=period_id, scope=scope, reason=reason, inovasi_id=inovasi_id)
    _schedule_on_commit(period_id)


def mark_inovasi(inovasi: Inovasi, reason: str) -> None:
    mark(inovasi.period_id, Scope.INOVASI, reason, inovasi_id=inovasi.pk)


def mark_open_periods(scope: str, reason: str) -> None:
    """A change outside any one period (an OPD, an urusan) touches every period still in use."""
    for period_id in Period.objects.exclude(status=Period.Status.ARCHIVED).values_list("pk", flat=True):
        mark(period_id, scope, reason)


class _QueueAfterCommit:
    """The on-commit callback; it carries its period so one transaction registers it once."""

    def __init__(self, period_id: int) -> None:
        self.period_id = period_id

    def __call__(self) -> None:
        schedule(self.period_id)


def _schedule_on_commit(period_id: int) -> None:
    """Register the queueing callback once per period and transaction, however many marks it writes."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and _already_registered(connection, period_id):
        return
    # robust: a broker that cannot be reached must never turn a saved change into an error page.
    transaction.on_commit(_QueueAfterCommit(period_id), robust=True)


def _already_registered(connection: BaseDatabaseWrapper, period_id: int) -> bool:
    # Keyed by the outermost atomic block (a new transaction starts afresh) and remembering the
    # savepoints open at registration: if one of them was rolled back, so was the callback.
    outermost, savepoints = connection.atomic_blocks[0], list(connection.savepoint_ids)
    registered: tuple[object, dict[int, list[str]]] | None = getattr(connection, "_scores_on_commit", None)
    if registered is None or registered[0] is not outermost:
        registered = (outermost, {})
        connection._scores_on_commit = registered  # type: ignore[attr-defined]  # our own mark on the connection
    earlier = registered[1].get(period_id)
    if earlier is not None and savepoints[: len(earlier)] == earlier:
        return True
    registered[1][period_id] = savepoints
    return False


def _window_keys(period_id: int) -> tuple[str, str]:
    return f"scoring:leading:{period_id}", f"scoring:trailing:{period_id}"


def schedule(period_id: int) -> None:
    """Queue a recompute of the period: at once for the first change after a quiet window (the
    leading edge, so a reviewer sees the new score within a moment), and once more at the window's
    end for every change after it (the trailing edge): a burst of T seconds costs about 1 + T/window
    runs, not one per change.
    """
    from scoring.tasks import recompute_period_task

    if recompute_period_task.app.conf.task_always_eager:
        recompute_period_task.delay(period_id)  # inline: no broker, nothing to coalesce
        return
    countdown = _countdown(period_id, settings.SCORE_RECOMPUTE_WINDOW)
    if countdown is None:
        return
    try:
        recompute_period_task.apply_async((period_id,), countdown=countdown)
    except Exception:
        logger.exception("Could not queue the recompute of period %s; the sweep will do it", period_id)


def _countdown(period_id: int, window: float) -> float | None:
    """0 for the leading run, a window for the trailing one, None when both are already queued."""
    leading, trailing = _window_keys(period_id)
    ttl = max(1, int(window))  # Redis expires keys in whole seconds
    try:
        if cache.add(leading, 1, timeout=ttl):
            return 0
        if not cache.add(trailing, 1, timeout=ttl):
            return None
        # A burst goes on: the period stays busy past this trailing run, so its next changes wait for
        # one more trailing run instead of each window starting with a run of its own.
        cache.set(leading, 1, timeout=2 * ttl)
        # The trailing run starts only after its key expired, so it sees every change that found the
        # key (each queued itself after its commit); the margin absorbs the broker's timing.
        return ttl + TRAILING_MARGIN
    except Exception:
        logger.warning("Cache unavailable; queueing the recompute of period %s uncoalesced", period_id)
        return 0
