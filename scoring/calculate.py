"""Reads a period's source rows and returns its scores; writes nothing.

The per-innovation maturity and best raise are computed in the database (one grouped query over
the answers joined to the period's active indicators): at national size that is 700,000+ answer
rows, which Python would spend seconds fetching. The rules are `formula`'s (`claimed_level`,
`verified_level`, `maturity`, `best_raise`, `counted_in`), its constants read from there;
tests/scoring/test_formula_property.py holds the two equal on random periods.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import FilteredRelation, Q, QuerySet

from inovasi.models import Answer, Inovasi
from portal.accounts.models import Opd
from portal.catalogue.models import Basis, Indicator, Period, Urusan
from scoring import formula
from scoring.models import GroupScore, InovasiScore

S = Inovasi.Status


class ActiveIndicator(NamedTuple):
    pk: int
    scope: str
    bobot: Decimal


def active_indicators(period: Period) -> list[ActiveIndicator]:
    """The period's active indicators, in id order."""
    found = period.indicators.filter(is_archived=False).order_by("id").values_list("pk", "scope", "bobot")
    return [ActiveIndicator(*row) for row in found]


def rules_for(period: Period, active: Sequence[ActiveIndicator] | None = None) -> formula.Rules:
    active = active_indicators(period) if active is None else active
    return formula.Rules(
        divisor_floor=period.sid_divisor_floor,
        count_factor=period.count_factor,
        count_cap=period.count_cap,
        yandas_required=period.yandas_required,
        total_maximum=formula.total_maximum((i.bobot for i in active), period.count_factor, period.count_cap),
        very_innovative_above=period.band_very_innovative_above,
        innovative_above=period.band_innovative_above,
        ranking_basis=period.opd_ranking_basis,
        rejected_count_in_n=period.rejected_count_in_n,
        counts_irisan=period.counts_irisan,
        spd_maximum=sum((i.bobot for i in active if i.scope == Indicator.Scope.SPD), formula.ZERO) * formula.TOP_LEVEL,
    )


@dataclass(frozen=True)
class InnovationRow:
    """One innovation's stored score, as the recompute writes it to InovasiScore."""

    inovasi_id: int
    opd_id: int
    bidang_id: int | None
    claimed: Decimal
    verified: Decimal
    in_claimed: bool
    in_verified: bool
    rejected: bool
    yandas: int  # bit i set: covers the i-th urusan pelayanan dasar (see _yandas)
    lever_gain: Decimal  # the best raise's gain: bobot × (top level − the level that counts now)

    def stored_fields(self) -> dict[str, Any]:
        """InovasiScore's field values (by attname), the innovation aside."""
        return {name: getattr(self, name) for name in INNOVATION_FIELDS}


INNOVATION_FIELDS = tuple(f.name for f in fields(InnovationRow) if f.name != "inovasi_id")


class _Fetched(NamedTuple):
    """One row of INNOVATION_SQL."""

    inovasi_id: int
    opd_id: int
    bidang_id: int | None
    status: str
    national_outcome: str
    main_urusan_id: int | None
    claimed_cents: int
    verified_cents: int
    best_raise_cents: int | None  # the best raise's gain among the answered indicators, in hundredths
    answered_mask: int  # bit of each answered indicator (Catalogue.bit)


# Sums run on bobot in hundredths as integers: numeric arithmetic over 700,000 rows is several
# times slower in PostgreSQL, and bobot has two decimals, so nothing is rounded.
INNOVATION_SQL = """
SELECT i.id, i.opd_id, i.bidang_id, i.status, i.national_outcome, i.urusan_utama_id,
       COALESCE(SUM(a.cents * {claimed_level}), 0),
       COALESCE(SUM(a.cents * {verified_level}), 0),
       MAX(a.cents * ({top_level} - {claimed_level})),
       COALESCE(SUM(a.bit), 0)
FROM inovasi_inovasi i
LEFT JOIN (
    SELECT an.id, an.inovasi_id, an.indicator_id, an.level, an.verified_level, an.verification, ind.cents, ind.bit
    FROM inovasi_answer an
    JOIN ({indicators}) ind ON ind.id = an.indicator_id
) a ON a.inovasi_id = i.id
{evidence_join}
WHERE i.period_id = %s AND i.deleted_at IS NULL {only}
GROUP BY i.id, i.opd_id, i.bidang_id, i.status, i.national_outcome, i.urusan_utama_id
"""


class EvidenceTest(NamedTuple):
    join: str
    has_evidence: str  # true for an answer row `a` that has evidence


# Whole period: one hash join against the answers that have evidence. A few innovations: an
# index probe per answer (hashing every evidence row for them would cost more than the rest).
ALL_EVIDENCE = EvidenceTest(
    join="LEFT JOIN (SELECT DISTINCT answer_id FROM inovasi_evidence) e ON e.answer_id = a.id",
    has_evidence="e.answer_id IS NOT NULL",
)
SOME_EVIDENCE = EvidenceTest(
    join="",
    has_evidence="EXISTS (SELECT 1 FROM inovasi_evidence e WHERE e.answer_id = a.id)",
)


def _levels_sql(evidence: EvidenceTest) -> dict[str, str]:
    """formula.claimed_level and formula.verified_level over an answer row `a`, with formula's constants.

    The verified one takes one parameter: the pending verdict. Only integers from formula are formatted in.
    """
    unscored, top = int(formula.UNSCORED_LEVEL), int(formula.TOP_LEVEL)
    claimed = f"(CASE WHEN {evidence.has_evidence} THEN a.level ELSE {unscored} END)"
    verified = (
        f"(CASE WHEN {evidence.has_evidence} AND a.verification <> %s"
        f" THEN COALESCE(a.verified_level, {unscored}) ELSE {unscored} END)"
    )
    return {"claimed_level": claimed, "verified_level": verified, "top_level": str(top)}


@dataclass(frozen=True)
class Catalogue:
    """The period's active SID indicators as the query and the lever search need them."""

    bobot: dict[int, Decimal]  # indicator id -> bobot
    bit: dict[int, int]  # indicator id -> its bit in an innovation's "answered" mask
    by_gain: list[tuple[Decimal, int]]  # (bobot, id) from the biggest possible raise down
    # best_missing by answered mask: nationally 36,000 innovations share a few hundred masks.
    _missing: dict[int, formula.Raise] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, active: Iterable[ActiveIndicator]) -> "Catalogue":
        rows = [(i.pk, i.bobot) for i in active if i.scope == Indicator.Scope.SID]
        return cls(
            bobot=dict(rows),
            bit={pk: 1 << position for position, (pk, _bobot) in enumerate(rows)},
            by_gain=sorted(((bobot, pk) for pk, bobot in rows), key=lambda item: (-item[0], item[1])),
        )

    def as_sql(self) -> tuple[str, list[int]]:
        """The indicators as an inline table: the answers join 20 rows, not the whole catalogue."""
        if not self.bobot:
            return "SELECT 0 AS id, 0 AS cents, 0 AS bit WHERE 1 = 0", []
        values = ", ".join(["(%s, %s, %s)"] * len(self.bobot))
        params = [value for pk, bobot in self.bobot.items() for value in (pk, int(bobot * 100), self.bit[pk])]
        # Only placeholders are formatted in; the values travel as parameters.
        sql = f"SELECT column1 AS id, column2 AS cents, column3 AS bit FROM (VALUES {values}) AS v"  # noqa: S608
        return sql, params

    def best_missing(self, answered_mask: int) -> formula.Raise:
        """The unanswered indicator with the biggest bobot (its level counts 0 now), or no raise."""
        if answered_mask not in self._missing:
            self._missing[answered_mask] = self._best_missing(answered_mask)
        return self._missing[answered_mask]

    def _best_missing(self, answered_mask: int) -> formula.Raise:
        for bobot, pk in self.by_gain:
            if not answered_mask & self.bit[pk]:
                gain = bobot * (formula.TOP_LEVEL - formula.UNSCORED_LEVEL)
                return formula.Raise(gain, pk, formula.UNSCORED_LEVEL) if gain else formula.NO_RAISE
        return formula.NO_RAISE


@dataclass(frozen=True)
class Reference:
    """What a run reads once: the period's rules, its SID catalogue and the basic-service urusan."""

    rules: formula.Rules
    catalogue: Catalogue
    basic: list[int]  # urusan pelayanan dasar ids; bit i of a mask is the i-th
    indicator_names: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (number, name), for levers
    urusan_names: dict[int, str] = field(default_factory=dict)  # basic-service urusan id -> name

    @classmethod
    def load(cls, period: Period) -> "Reference":
        found = period.indicators.filter(is_archived=False).order_by("id")
        rows = list(found.values_list("pk", "scope", "bobot", "number", "name"))
        active = [ActiveIndicator(pk, scope, bobot) for pk, scope, bobot, _number, _name in rows]
        urusan = list(_yandas().values_list("id", "name"))
        return cls(
            rules_for(period, active),
            Catalogue.of(active),
            [pk for pk, _name in urusan],
            indicator_names={pk: (number, name) for pk, _scope, _bobot, number, name in rows},
            urusan_names=dict(urusan),
        )


@cache  # a few thousand distinct sums nationally, met 110,000 times
def _cents(value: int) -> Decimal:
    return Decimal(int(value)).scaleb(-2)  # hundredths back to a 2-decimal score


def _decimal(value: Decimal | float) -> Decimal:
    # SQLite hands back floats for decimal arithmetic; PostgreSQL hands back Decimals.
    return Decimal(str(value)).quantize(formula.CENT)


def _yandas() -> QuerySet[Urusan]:
    """The basic-service urusan in a fixed order: bit i of a mask is the i-th of them."""
    return Urusan.objects.filter(group=Urusan.Group.PELAYANAN_DASAR).order_by("order", "id")


def yandas_ids() -> list[int]:
    return list(_yandas().values_list("id", flat=True))


def _yandas_masks(
    period: Period, ids: Sequence[int] | None, reference: Reference, main: Mapping[int, int]
) -> dict[int, int]:
    """{innovation: mask of the basic-service urusan it covers}; `main` maps each to its main urusan.

    Its other (irisan) urusan count too only where the period's rule says so.
    """
    basic = reference.basic
    bit = {urusan_id: 1 << position for position, urusan_id in enumerate(basic)}
    other: Iterable[tuple[int, int]] = []
    if reference.rules.counts_irisan:
        alive = Inovasi.objects.filter(period=period, deleted_at__isnull=True)
        if ids is not None:
            alive = alive.filter(pk__in=ids)
        other = Inovasi.urusan_lain.through.objects.filter(inovasi__in=alive, urusan_id__in=basic).values_list(
            "inovasi_id", "urusan_id"
        )
    masks: dict[int, int] = {}
    for inovasi_id, urusan_id in [*main.items(), *other]:
        masks[inovasi_id] = masks.get(inovasi_id, 0) | bit.get(urusan_id, 0)
    return masks


def innovation_rows(
    period: Period, ids: Sequence[int] | None = None, reference: Reference | None = None
) -> list[InnovationRow]:
    """Fresh rows for the period's live innovations (or only `ids`), straight from the answers."""
    if ids is not None and not ids:
        return []
    reference = reference or Reference.load(period)
    fetched = _fetch(period, ids, reference.catalogue)
    main = {record.inovasi_id: record.main_urusan_id for record in fetched if record.main_urusan_id}
    masks = _yandas_masks(period, ids, reference, main)
    return [_row(record, masks.get(record.inovasi_id, 0), reference) for record in fetched]


def _fetch(period: Period, ids: Sequence[int] | None, catalogue: Catalogue) -> list[_Fetched]:
    indicators, indicator_params = catalogue.as_sql()
    only, only_params, evidence = "", [], ALL_EVIDENCE
    if ids is not None:
        only, only_params, evidence = "AND i.id IN ({})".format(", ".join(["%s"] * len(ids))), list(ids), SOME_EVIDENCE
    sql = INNOVATION_SQL.format(only=only, indicators=indicators, evidence_join=evidence.join, **_levels_sql(evidence))
    params: list[str | int] = [Answer.Verification.PENDING, *indicator_params, period.pk]
    params += only_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [_Fetched(*record) for record in cursor.fetchall()]


_CLAIMED, _APPROVED = frozenset(Inovasi.CLAIMED_STATUSES), frozenset(Inovasi.APPROVED_STATUSES)


def _row(record: _Fetched, mask: int, reference: Reference) -> InnovationRow:
    rejected = formula.rejected_nationally(
        record.status == S.SENT, record.national_outcome == Inovasi.NationalOutcome.REJECTED
    )
    submitted, approved = record.status in _CLAIMED, record.status in _APPROVED
    counted = formula.counted_in(submitted, approved, rejected, reference.rules)
    missing = reference.catalogue.best_missing(int(record.answered_mask))  # an unanswered one may do better
    return InnovationRow(
        inovasi_id=record.inovasi_id,
        opd_id=record.opd_id,
        bidang_id=record.bidang_id,
        claimed=_cents(record.claimed_cents),
        verified=_cents(record.verified_cents),
        in_claimed=counted.in_claimed,
        in_verified=counted.in_verified,
        rejected=rejected,
        yandas=mask,
        lever_gain=max(_cents(record.best_raise_cents or 0), missing.gain),
    )


def spd_total(period: Period) -> Decimal:
    """formula.spd_score over the period's region-level answers that have their evidence."""
    with_evidence = Answer.objects.filter(
        inovasi=None, indicator__period=period, indicator__is_archived=False, evidence__isnull=False
    )
    found = with_evidence.values_list("pk", "indicator__bobot", "level").distinct()
    return formula.spd_score((bobot, level) for _pk, bobot, level in found)


# --- Grouping: from fresh rows (full check) or from the stored rows (every recompute) --------------


LIVE_CLAIMED = Q(in_claimed=True, rejected=False)
# GroupScore's fields: formula.Group's, the group's key aside (stored as opd and bidang_key, 0 for none).
GROUP_FIELDS = tuple(f.name for f in fields(formula.Group) if f.name not in ("opd_id", "bidang_id"))


def stored_rows_around(period: Period, ids: Iterable[int], opd_ids: Iterable[int]) -> list[InnovationRow]:
    """In one query, the stored rows of innovations `ids` and of every OPD they are in or in `opd_ids`."""
    their_opds = InovasiScore.objects.filter(inovasi_id__in=ids).values("opd_id")
    found = InovasiScore.objects.filter(
        Q(inovasi_id__in=ids) | Q(opd_id__in=opd_ids) | Q(opd_id__in=their_opds), period=period
    )
    return [InnovationRow(**row) for row in found.values("inovasi_id", *INNOVATION_FIELDS)]


def stored_groups(period: Period) -> dict[formula.GroupKey, formula.Group]:
    """The period's stored groups (one query)."""
    found = GroupScore.objects.filter(period=period).values("opd_id", "bidang_key", *GROUP_FIELDS)
    groups = [formula.Group(row.pop("opd_id"), row.pop("bidang_key") or None, **row) for row in found]
    return {(g.opd_id, g.bidang_id): g for g in groups}


# --- The period's result ----------------------------------------------------------------------


@dataclass
class Result:
    projections: dict[str, formula.Projection]  # basis -> the city's projection
    opds: list[formula.OpdResult]
    targets: dict[str, Any]
    rows: list[InnovationRow] = field(default_factory=list)


def assemble(period: Period, reference: Reference, groups: Iterable[formula.Group]) -> Result:
    """City projections, OPD ranking and targets from grouped sums."""
    rules, basic = reference.rules, reference.basic
    groups = sorted(groups, key=lambda g: (g.opd_id, g.bidang_id or 0))
    spd = spd_total(period)
    projections = {basis: formula.city(spd, groups, basis, rules) for basis in Basis.values}
    active_opds, bidang_ids = _active_units()
    opd_ids = sorted(active_opds | {g.opd_id for g in groups})
    opds = formula.rank_opds(opd_ids, groups, projections[rules.ranking_basis], rules)
    claimed_mask = formula.city_mask(groups, Basis.CLAIMED)
    target_values = formula.targets(opd_ids, bidang_ids, groups, basic, claimed_mask)
    return Result(projections, opds, target_values)


def _active_units() -> tuple[set[int], list[int]]:
    """(active OPD ids, their active bidang ids) in one query."""
    active_bidang = FilteredRelation("bidang", condition=Q(bidang__is_active=True))
    found = Opd.objects.filter(is_active=True).annotate(active_bidang=active_bidang)
    pairs = found.values_list("pk", "active_bidang__pk")
    opd_ids: set[int] = set()
    bidang_ids: list[int] = []
    for opd_id, bidang_id in pairs:
        opd_ids.add(opd_id)
        if bidang_id is not None:
            bidang_ids.append(bidang_id)
    return opd_ids, bidang_ids


def fresh(period: Period, reference: Reference | None = None) -> Result:
    """Everything computed from the source rows alone, ignoring what is stored: the reference."""
    reference = reference or Reference.load(period)
    rows = innovation_rows(period, reference=reference)
    result = assemble(period, reference, formula.group_totals(rows).values())
    result.rows = rows
    return result


def from_groups(period: Period, reference: Reference, groups: Mapping[formula.GroupKey, formula.Group]) -> Result:
    """City and OPD results from the up-to-date groups."""
    return assemble(period, reference, groups.values())
