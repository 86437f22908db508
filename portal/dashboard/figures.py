"""The counts behind the dashboards' charts, read once per score version and kept in the cache.

Every change that moves these counts (a status, a stage, an urusan) marks the period dirty,
so the period's ScoreState moves on when the recompute has run: keying the cache by that state
means a page view never counts 36,000 innovations twice, and what it shows is as fresh as the
scores beside it (the page says "recalculating" while they are not).
"""

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from inovasi.models import Inovasi
from inovasi.queue import review_queue
from portal.catalogue.models import Basis, Period, ReferenceOption, Urusan
from scoring.models import CityScore, ScorePoint

S = Inovasi.Status
CACHE_SECONDS = 24 * 3600
# The path an innovation takes; the funnel counts each status and everything after it.
FUNNEL = (S.SUBMITTED, S.APPROVED, S.READY, S.SENT)
AFTER = {
    S.SUBMITTED: set(Inovasi.SUBMITTED_STATUSES),
    S.APPROVED: set(Inovasi.APPROVED_STATUSES),
    S.READY: {S.READY, S.SENT},
    S.SENT: {S.SENT},
}
OFFICIAL = "official"  # the years chart's series of the index Kemendagri published
OFFICIAL_PERIOD = "official_period"  # the period holding it, for its band and national rank
AGE_BUCKETS = ((7, "0–7"), (14, "8–14"), (30, "15–30"), (None, "> 30"))


def _cached(kind, period, state, build):
    if state is None or state.computed_at is None:
        return build()
    key = f"dashboard:{kind}:{period.pk}:{state.version}:{state.computed_at.timestamp()}"
    return cache.get_or_set(key, build, CACHE_SECONDS)


def breakdown(period, state):
    """{dimension: [(label, count)]}: statuses of every live innovation, the rest of those submitted."""
    return _cached("breakdown", period, state, lambda: _breakdown(period))


def _breakdown(period):
    rows = list(
        Inovasi.objects.alive()
        .for_period(period)
        .values_list("status", "tahapan_id", "jenis_id", "inisiator_id", "urusan_utama_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    options = dict(ReferenceOption.objects.values_list("pk", "name"))
    urusan = dict(Urusan.objects.values_list("pk", "name"))
    by_status = _summed(rows, 0)
    submitted = [row for row in rows if row[0] != S.DRAFT]  # drafts are unfinished: their fields may be empty
    return {
        "status": [(code, by_status.get(code, 0)) for code in S.values],
        "funnel": [(code, sum(by_status.get(s, 0) for s in AFTER[code])) for code in FUNNEL],
        "tahapan": _named(_summed(submitted, 1), options),
        "jenis": _named(_summed(submitted, 2), options),
        "inisiator": _named(_summed(submitted, 3), options),
        "urusan": _named(_summed(submitted, 4), urusan),
    }


def _summed(rows, column):
    found = {}
    for row in rows:
        found[row[column]] = found.get(row[column], 0) + row[-1]
    return found


def _named(counts, names):
    """Biggest first; innovations with the field still empty are counted under None."""
    return sorted(((names.get(pk) if pk else None, n) for pk, n in counts.items()), key=lambda item: -item[1])


def trend(period, state):
    """The city's projected index over the period: the last value of each day, per basis."""
    return _cached("trend", period, state, lambda: _trend(period))


def _trend(period):
    days = {}
    points = ScorePoint.objects.filter(period=period, opd=None).order_by("at", "id")
    for basis, value, at in points.values_list("basis", "value", "at"):
        days.setdefault(timezone.localdate(at), {})[basis] = value
    labels, values = [], {Basis.CLAIMED: [], Basis.VERIFIED: []}
    last = {}
    for day in sorted(days):
        last.update(days[day])
        labels.append(day)
        for basis, series in values.items():
            series.append(last.get(basis))
    return labels, values


def years():
    """Both projections of every period's stored index, and the official index where entered, oldest first."""
    found = {}
    for year, basis, iid in CityScore.objects.order_by("period__year").values_list("period__year", "basis", "iid"):
        found.setdefault(year, {})[basis] = iid
    published = Period.objects.exclude(official_iid=None, official_band="").order_by("year")
    for period in published.only("year", "official_iid", "official_band", "official_rank", "official_regions"):
        found.setdefault(period.year, {}).update({OFFICIAL: period.official_iid, OFFICIAL_PERIOD: period})
    return sorted(found.items())


def backlog(period, state, today=None):
    """Waiting innovations by days since they were submitted: [(bucket label, count)]."""
    today = today or timezone.localdate()
    return _cached(f"backlog:{today}", period, state, lambda: _backlog(period, today))


def _backlog(period, today):
    counts = dict.fromkeys((label for _limit, label in AGE_BUCKETS), 0)
    for inovasi in review_queue(period):
        days = (today - timezone.localdate(inovasi.waiting_since)).days if inovasi.waiting_since else 0
        label = next(label for limit, label in AGE_BUCKETS if limit is None or days <= limit)
        counts[label] += 1
    return list(counts.items())


def deadline(period, now=None):
    """Days and hours until the entry window closes, or None when it is not open."""
    now = now or timezone.now()
    if period is None or not period.entry_is_open(now):
        return None
    left = period.entry_closes_at - now
    return {"days": left.days, "hours": left.seconds // 3600, "at": period.entry_closes_at}
