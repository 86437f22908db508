"""Writes a computed result into the score tables, touching only the rows whose values changed."""

from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import datetime
from decimal import Decimal
from typing import Any

from portal.catalogue.models import Period
from scoring import formula
from scoring.calculate import GROUP_FIELDS, INNOVATION_FIELDS, InnovationRow
from scoring.models import CityScore, GroupScore, InovasiScore, OpdScore, ScorePoint

FOUR = Decimal("0.0001")
# CityScore and OpdScore store the formula's records field by field.
PROJECTION_FIELDS = tuple(f.name for f in fields(formula.Projection))
OPD_FIELDS = tuple(f.name for f in fields(formula.OpdResult) if f.name != "opd_id")


def q(value: Decimal) -> Decimal:
    """Stored precision: 4 decimals (pages show 2)."""
    return value.quantize(FOUR)


def _as_stored(value: object) -> object:
    return q(value) if isinstance(value, Decimal) else value


def stored_innovation_values(period: Period, ids: Iterable[int] | None = None) -> dict[int, InnovationRow]:
    found = InovasiScore.objects.filter(period=period)
    if ids is not None:
        found = found.filter(inovasi_id__in=ids)
    return {row["inovasi_id"]: InnovationRow(**row) for row in found.values("inovasi_id", *INNOVATION_FIELDS)}


def write_innovations(
    period: Period,
    rows: Iterable[InnovationRow],
    now: datetime,
    ids: Iterable[int] | None = None,
    stored: Mapping[int, InnovationRow] | None = None,
) -> int:
    """Upsert the changed rows; delete stored rows whose innovation is gone. Returns the count changed."""
    rows = list(rows)
    stored = stored_innovation_values(period, ids) if stored is None else stored
    changed = [row for row in rows if stored.get(row.inovasi_id) != row]
    InovasiScore.objects.bulk_create(
        [
            InovasiScore(inovasi_id=row.inovasi_id, period=period, computed_at=now, **row.stored_fields())
            for row in changed
        ],
        update_conflicts=True,
        unique_fields=["inovasi"],
        update_fields=[name.removesuffix("_id") for name in INNOVATION_FIELDS] + ["computed_at"],
        batch_size=2000,
    )
    gone = set(stored) - {row.inovasi_id for row in rows}
    if gone:
        InovasiScore.objects.filter(inovasi_id__in=gone).delete()
    return len(changed) + len(gone)


def _bidang_key(bidang_id: int | None) -> int:
    return bidang_id or 0  # GroupScore's key for "no bidang"


def write_groups(
    period: Period,
    groups: Mapping[formula.GroupKey, formula.Group],
    stored: Mapping[formula.GroupKey, formula.Group],
) -> None:
    """Bring the stored groups `stored` to `groups`: upsert the changed ones, drop the emptied ones."""
    changed = [group for key, group in groups.items() if stored.get(key) != group]
    GroupScore.objects.bulk_create(
        [
            GroupScore(
                period=period,
                opd_id=group.opd_id,
                bidang_key=_bidang_key(group.bidang_id),
                **{name: getattr(group, name) for name in GROUP_FIELDS},
            )
            for group in changed
        ],
        update_conflicts=True,
        unique_fields=["period", "opd", "bidang_key"],
        update_fields=list(GROUP_FIELDS),
    )
    for opd_id, bidang_id in set(stored) - set(groups):
        GroupScore.objects.filter(period=period, opd_id=opd_id, bidang_key=_bidang_key(bidang_id)).delete()


def projection_values(projection: formula.Projection) -> dict[str, Any]:
    return {name: _as_stored(getattr(projection, name)) for name in PROJECTION_FIELDS}


def write_city(period: Period, projections: Mapping[str, formula.Projection], version: int, now: datetime) -> None:
    """Both projections in one upsert; a trend point for each basis whose index moved."""
    previous = dict(CityScore.objects.filter(period=period).values_list("basis", "iid"))
    rows = [
        CityScore(period=period, basis=basis, version=version, computed_at=now, **projection_values(projection))
        for basis, projection in projections.items()
    ]
    CityScore.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["period", "basis"],
        update_fields=[*PROJECTION_FIELDS, "version", "computed_at"],
    )
    ScorePoint.objects.bulk_create(
        ScorePoint(period=period, basis=row.basis, value=row.iid, at=now)
        for row in rows
        if previous.get(row.basis) != row.iid
    )


def opd_values(result: formula.OpdResult) -> dict[str, Any]:
    return {name: _as_stored(getattr(result, name)) for name in OPD_FIELDS}


def write_opds(period: Period, opds: Iterable[formula.OpdResult], ranking_basis: str, now: datetime) -> None:
    """Upsert changed OPD rows, drop OPDs no longer listed, and a trend point per score that moved."""
    found = OpdScore.objects.filter(period=period).values("opd_id", *OPD_FIELDS)
    stored = {row.pop("opd_id"): row for row in found}
    values = {r.opd_id: opd_values(r) for r in opds}
    changed = [opd_id for opd_id, fresh in values.items() if stored.get(opd_id) != fresh]
    OpdScore.objects.bulk_create(
        [OpdScore(period=period, opd_id=opd_id, **values[opd_id]) for opd_id in changed],
        update_conflicts=True,
        unique_fields=["period", "opd"],
        update_fields=list(OPD_FIELDS),
    )
    moved = [opd_id for opd_id in changed if opd_id not in stored or stored[opd_id]["score"] != values[opd_id]["score"]]
    ScorePoint.objects.bulk_create(
        ScorePoint(period=period, basis=ranking_basis, opd_id=opd_id, value=values[opd_id]["score"], at=now)
        for opd_id in moved
    )
    gone = set(stored) - set(values)
    if gone:
        OpdScore.objects.filter(period=period, opd_id__in=gone).delete()
