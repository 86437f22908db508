"""The review queue and each reviewer's workload, read from the StatusChange rows."""

import statistics
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from inovasi.models import Inovasi, StatusChange

S = Inovasi.Status


def _last_change(field):
    changes = StatusChange.objects.filter(inovasi=OuterRef("pk"), to_status=OuterRef("status")).order_by(
        "-created_at", "-id"
    )
    return Subquery(changes.values(field)[:1])


def review_queue(period):
    """Waiting innovations, oldest first, with since when and (in review) by whom."""
    queryset = (
        Inovasi.objects.alive()
        .for_period(period)
        .filter(status__in=Inovasi.WAITING_STATUSES)
        .select_related("opd")
        .annotate(waiting_since=_last_change("created_at"), reviewer_id=_last_change("actor_id"))
    )
    return sorted(queryset, key=lambda inovasi: (inovasi.waiting_since is None, inovasi.waiting_since or 0))


@dataclass
class Workload:
    reviewer: object
    open_items: int
    decided: int
    median_days: float | None


def workloads(period, queue, reviewers):
    """Per reviewer: innovations now in their review, decisions made, median days from submission to decision."""
    turnarounds = _turnarounds(period)
    return [
        Workload(
            reviewer=user,
            open_items=sum(1 for i in queue if i.is_in_review and i.reviewer_id == user.pk),
            decided=len(turnarounds.get(user.pk, [])),
            median_days=round(statistics.median(turnarounds[user.pk]), 1) if turnarounds.get(user.pk) else None,
        )
        for user in reviewers
    ]


def _turnarounds(period):
    """{reviewer id: [days between the submission and the decision that followed it]}."""
    changes = StatusChange.objects.filter(inovasi__period=period).order_by("inovasi_id", "created_at", "id")
    submitted_at, found = {}, {}
    for change in changes.only("inovasi_id", "to_status", "actor_id", "created_at"):
        if change.to_status == S.SUBMITTED:
            submitted_at[change.inovasi_id] = change.created_at
        elif change.to_status in Inovasi.DECISION_STATUSES and change.inovasi_id in submitted_at:
            days = (change.created_at - submitted_at.pop(change.inovasi_id)).total_seconds() / 86400
            found.setdefault(change.actor_id, []).append(days)
    return found


def is_overdue(period, now=None):
    return bool(period.review_deadline) and (now or timezone.now()) > period.review_deadline
