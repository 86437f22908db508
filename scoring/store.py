"""Writes a computed result into the score tables, touching only the rows whose values changed."""

from decimal import Decimal

from scoring.calculate import GROUP_FIELDS, INNOVATION_FIELDS
from scoring.models import CityScore, GroupScore, InovasiScore, OpdScore, ScorePoint

FOUR = Decimal("0.0001")
PROJECTION_FIELDS = (
    "spd",
    "maturity_sum",
    "n",
    "divisor",
    "maturity_part",
    "yandas_covered",
    "count_score",
    "sid",
    "total",
    "iid",
    "band",
)
OPD_FIELDS = ("claimed_sum", "claimed_n", "verified_sum", "verified_n", "score", "rank", "sid_points", "sid_share")


def q(value):
    """Stored precision: 4 decimals (pages show 2)."""
    return value.quantize(FOUR) if isinstance(value, Decimal) else value


def stored_innovation_values(period, ids=None):
    found = InovasiScore.objects.filter(period=period)
    if ids is not None:
        found = found.filter(inovasi_id__in=ids)
    return {row[0]: tuple(row[1:]) for row in found.values_list("inovasi_id", *INNOVATION_FIELDS)}


def write_innovations(period, rows, now, ids=None, stored=None):
    """Upsert the changed rows; delete stored rows whose innovation is gone. Returns the count changed."""
    stored = stored_innovation_values(period, ids) if stored is None else stored
    changed = [row for row in rows if stored.get(row.inovasi_id) != row.values()]
    InovasiScore.objects.bulk_create(
        [
            InovasiScore(
                inovasi_id=row.inovasi_id,
                period=period,
                computed_at=now,
                **dict(zip(INNOVATION_FIELDS, row.values(), strict=True)),
            )
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


def write_groups(period, groups, stored):
    """Bring the stored groups `stored` to `groups`: upsert the changed ones, drop the emptied ones."""
    changed = [key for key, values in groups.items() if stored.get(key) != values]
    GroupScore.objects.bulk_create(
        [
            GroupScore(
                period=period,
                opd_id=opd_id,
                bidang_key=bidang_key,
                **dict(zip(GROUP_FIELDS, groups[(opd_id, bidang_key)], strict=True)),
            )
            for opd_id, bidang_key in changed
        ],
        update_conflicts=True,
        unique_fields=["period", "opd", "bidang_key"],
        update_fields=list(GROUP_FIELDS),
    )
    for opd_id, bidang_key in set(stored) - set(groups):
        GroupScore.objects.filter(period=period, opd_id=opd_id, bidang_key=bidang_key).delete()


def projection_values(projection):
    return {name: q(getattr(projection, name)) for name in PROJECTION_FIELDS}


def write_city(period, projections, version, now):
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


def opd_values(result):
    return {name: q(getattr(result, name)) for name in OPD_FIELDS}


def write_opds(period, opds, ranking_basis, now):
    """Upsert changed OPD rows, drop OPDs no longer listed, and a trend point per score that moved."""
    stored = {row[0]: row[1:] for row in OpdScore.objects.filter(period=period).values_list("opd_id", *OPD_FIELDS)}
    values = {r.opd_id: opd_values(r) for r in opds}
    changed = [opd_id for opd_id, fresh in values.items() if stored.get(opd_id) != tuple(fresh.values())]
    OpdScore.objects.bulk_create(
        [OpdScore(period=period, opd_id=opd_id, **values[opd_id]) for opd_id in changed],
        update_conflicts=True,
        unique_fields=["period", "opd"],
        update_fields=list(OPD_FIELDS),
    )
    score = OPD_FIELDS.index("score")
    moved = [opd_id for opd_id in changed if opd_id not in stored or stored[opd_id][score] != values[opd_id]["score"]]
    ScorePoint.objects.bulk_create(
        ScorePoint(period=period, basis=ranking_basis, opd_id=opd_id, value=values[opd_id]["score"], at=now)
        for opd_id in moved
    )
    gone = set(stored) - set(values)
    if gone:
        OpdScore.objects.filter(period=period, opd_id__in=gone).delete()
