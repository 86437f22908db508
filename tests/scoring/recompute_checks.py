"""Checks shared by the suites that run recomputes through a real worker (scoring, faults)."""

from django.db import transaction

from inovasi.models import Answer
from scoring import calculate, store
from scoring.models import CityScore, DirtyMark, OpdScore


def matches_full_recompute(period):
    """The stored results are exactly what a computation from scratch gives now, and nothing is dirty."""
    if DirtyMark.objects.filter(period=period).exists():
        return False
    reference = calculate.fresh(period)
    rows = {row.inovasi_id: row for row in reference.rows}
    city = {basis: (store.q(p.iid), p.n, store.q(p.maturity_sum)) for basis, p in reference.projections.items()}
    opds = {r.opd_id: (store.q(r.score), r.rank) for r in reference.opds}
    return (
        store.stored_innovation_values(period) == rows
        and {c.basis: (c.iid, c.n, c.maturity_sum) for c in CityScore.objects.filter(period=period)} == city
        and {o.opd_id: (o.score, o.rank) for o in OpdScore.objects.filter(period=period)} == opds
    )


def set_level(inovasi, number, level):
    """One operator edit: the answer and its dirty mark in one transaction, as the portal does it."""
    with transaction.atomic():
        found = Answer.objects.get(inovasi=inovasi, indicator__number=str(number))
        found.level = level
        found.save()
