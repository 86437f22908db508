"""Which OPDs need mentoring: a transparent risk score whose parts are shown, never a black box."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inovasi.models import CommentThread, Inovasi, StatusChange
from portal.accounts.models import Opd
from portal.events.rules import opds_missing_bimtek

S = Inovasi.Status
STALE_AFTER = timedelta(days=14)
LOW_COMPLETENESS = 50
DEADLINE_SOON = 7
MISSED_BIMTEK = 2  # points for an OPD invited to the year's bimtek that nobody of it attended


@dataclass
class Risk:
    opd: Opd
    parts: list = field(default_factory=list)  # (label, points)

    @property
    def score(self):
        return sum(points for _label, points in self.parts)

    def add(self, label, points):
        if points:
            self.parts.append((str(label), points))


def opd_risks(period, now=None):
    """Every active OPD with its score parts, highest risk first (a fixed number of queries)."""
    now = now or timezone.now()
    innovations = _innovation_counts(period, now)
    returns = dict(
        StatusChange.objects.filter(inovasi__period=period, to_status=S.RETURNED, inovasi__deleted_at__isnull=True)
        .values_list("inovasi__opd")
        .annotate(n=Count("id"))
        .values_list("inovasi__opd", "n")
    )
    threads = dict(
        CommentThread.objects.filter(inovasi__period=period, resolved_at__isnull=True, inovasi__deleted_at__isnull=True)
        .values_list("inovasi__opd")
        .annotate(n=Count("id"))
        .values_list("inovasi__opd", "n")
    )
    deadline_soon = _deadline_soon(period, now)
    missed_bimtek = opds_missing_bimtek(period.year, now)
    risks = [
        _risk(opd, innovations.get(opd.pk, {}), returns.get(opd.pk, 0), threads.get(opd.pk, 0), deadline_soon)
        for opd in Opd.objects.filter(is_active=True)
    ]
    for risk in risks:
        risk.add(_("Missed this year's bimtek"), MISSED_BIMTEK if risk.opd.pk in missed_bimtek else 0)
    return sorted(risks, key=lambda risk: (-risk.score, risk.opd.name))


def _innovation_counts(period, now):
    rows = (
        Inovasi.objects.alive()
        .for_period(period)
        .values("opd")
        .annotate(
            total=Count("id"),
            stale=Count("id", filter=Q(status=S.DRAFT, updated_at__lt=now - STALE_AFTER)),
            low=Count("id", filter=Q(status__in=Inovasi.EDITABLE_STATUSES, completeness__lt=LOW_COMPLETENESS)),
            unfinished=Count("id", filter=Q(status__in=Inovasi.EDITABLE_STATUSES)),
        )
    )
    return {row["opd"]: row for row in rows}


def _deadline_soon(period, now):
    return bool(period.entry_closes_at) and timedelta(0) <= period.entry_closes_at - now <= timedelta(
        days=DEADLINE_SOON
    )


def _risk(opd, counts, returns, open_threads, deadline_soon):
    risk = Risk(opd)
    risk.add(_("No innovation yet"), 3 if not counts.get("total") else 0)
    risk.add(_("Drafts untouched for 14 days"), min(counts.get("stale", 0), 3))
    risk.add(_("Returned for revision several times"), 2 if returns >= 2 else 0)
    risk.add(_("Innovations less than half complete"), min(counts.get("low", 0), 3))
    risk.add(_("Unresolved comments"), min(open_threads, 3))
    risk.add(_("Deadline within 7 days with unfinished work"), 2 if deadline_soon and counts.get("unfinished") else 0)
    return risk
