"""Reads a period's source rows and returns its scores; writes nothing.

The per-innovation maturity is summed in the database (one grouped query over the answers
joined to the period's active indicators): at national size that is 700,000+ answer rows,
which Python would spend seconds fetching. The rule it encodes is `formula.maturity`; tests hold the two equal.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import FilteredRelation, Q

from inovasi.models import Answer, Inovasi, Urusan
from portal.accounts.models import Opd
from scoring import formula
from scoring.models import Basis, GroupScore, Indicator, InovasiScore

S = Inovasi.Status
LEVER_LIMIT = 10
# Lever keys pack (gain × 100, indicator) into one integer so SQL can take the max of both at once.
KEY_SHIFT = 10**12


def active_indicators(period):
    """(id, scope, bobot) of the period's active indicators, in id order."""
    return list(period.indicators.filter(is_archived=False).order_by("id").values_list("pk", "scope", "bobot"))


def rules_for(period, active=None):
    active = active_indicators(period) if active is None else active
    total = sum((bobot for _pk, _scope, bobot in active), Decimal(0)) * formula.TOP_LEVEL
    total += period.count_factor * period.count_cap
    return formula.Rules(
        divisor_floor=period.sid_divisor_floor,
        count_factor=period.count_factor,
        count_cap=period.count_cap,
        yandas_required=period.yandas_required,
        total_maximum=total,
        very_innovative_above=period.band_very_innovative_above,
        innovative_above=period.band_innovative_above,
        ranking_basis=period.opd_ranking_basis,
    )


INNOVATION_FIELDS = (
    "opd_id",
    "bidang_id",
    "claimed",
    "verified",
    "in_claimed",
    "in_verified",
    "rejected",
    "yandas",
    "lever_gain",
    "lever_indicator_id",
    "lever_from",
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
    yandas: int
    lever_gain: Decimal
    lever_indicator_id: int | None
    lever_from: int

    def values(self):
        return (
            self.opd_id,
            self.bidang_id,
            self.claimed,
            self.verified,
            self.in_claimed,
            self.in_verified,
            self.rejected,
            self.yandas,
            self.lever_gain,
            self.lever_indicator_id,
            self.lever_from,
        )


INNOVATION_SQL = """
SELECT i.id, i.opd_id, i.bidang_id, i.status, i.national_outcome, i.urusan_utama_id,
       COALESCE(SUM(CASE WHEN {has_evidence} THEN a.cents * a.level END), 0),
       COALESCE(SUM(CASE WHEN {has_evidence} AND a.verification <> %s
                         THEN a.cents * COALESCE(a.verified_level, 0) END), 0),
       MAX(a.cents * (3 - CASE WHEN {has_evidence} THEN a.level ELSE 0 END) * %s + (%s - 1 - a.indicator_id)),
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
# Sums run on bobot in hundredths as integers: numeric arithmetic over 700,000 rows is several
# times slower in PostgreSQL, and bobot has two decimals, so nothing is rounded.
# Whole period: one hash join against the answers that have evidence. A few innovations: an
# index probe per answer (hashing every evidence row for them would cost more than the rest).
ALL_EVIDENCE = {
    "evidence_join": "LEFT JOIN (SELECT DISTINCT answer_id FROM inovasi_evidence) e ON e.answer_id = a.id",
    "has_evidence": "e.answer_id IS NOT NULL",
}
SOME_EVIDENCE = {
    "evidence_join": "",
    "has_evidence": "EXISTS (SELECT 1 FROM inovasi_evidence e WHERE e.answer_id = a.id)",
}


@dataclass(frozen=True)
class Catalogue:
    """The period's active SID indicators as the query and the lever search need them."""

    bobot: dict  # indicator id -> bobot
    bit: dict  # indicator id -> its bit in an innovation's "answered" mask
    by_gain: list  # (bobot, id) from the biggest possible raise down

    @classmethod
    def of(cls, active):
        rows = [(pk, bobot) for pk, scope, bobot in active if scope == Indicator.Scope.SID]
        return cls(
            bobot=dict(rows),
            bit={pk: 1 << position for position, (pk, _bobot) in enumerate(rows)},
            by_gain=sorted(((bobot, pk) for pk, bobot in rows), key=lambda item: (-item[0], item[1])),
        )

    def as_sql(self):
        """The indicators as an inline table: the answers join 20 rows, not the whole catalogue."""
        if not self.bobot:
            return "SELECT 0 AS id, 0 AS cents, 0 AS bit WHERE 1 = 0", []
        values = ", ".join(["(%s, %s, %s)"] * len(self.bobot))
        params = [value for pk, bobot in self.bobot.items() for value in (pk, int(bobot * 100), self.bit[pk])]
        # Only placeholders are formatted in; the values travel as parameters.
        sql = f"SELECT column1 AS id, column2 AS cents, column3 AS bit FROM (VALUES {values}) AS v"  # noqa: S608
        return sql, params

    def best_missing(self, answered_mask):
        """The unanswered indicator with the biggest bobot (its level counts 0 now), or None."""
        for bobot, pk in self.by_gain:
            if not answered_mask & self.bit[pk]:
                return bobot * formula.TOP_LEVEL, pk
        return None


@dataclass(frozen=True)
class Reference:
    """What a run reads once: the period's rules, its SID catalogue and the basic-service urusan."""

    rules: formula.Rules
    catalogue: Catalogue
    basic: list  # urusan pelayanan dasar ids; bit i of a mask is the i-th
    indicator_names: dict = field(default_factory=dict)  # id -> (number, name), for the levers
    urusan_names: dict = field(default_factory=dict)  # basic-service urusan id -> name

    @classmethod
    def load(cls, period):
        found = period.indicators.filter(is_archived=False).order_by("id")
        rows = list(found.values_list("pk", "scope", "bobot", "number", "name"))
        active = [row[:3] for row in rows]
        urusan = list(_yandas().values_list("id", "name"))
        return cls(
            rules_for(period, active),
            Catalogue.of(active),
            [pk for pk, _name in urusan],
            indicator_names={pk: (number, name) for pk, _scope, _bobot, number, name in rows},
            urusan_names=dict(urusan),
        )


def _cents(value):
    return Decimal(int(value)).scaleb(-2)  # hundredths back to a 2-decimal score


def _decimal(value):
    # SQLite hands back floats for decimal arithmetic; PostgreSQL hands back Decimals.
    return Decimal(str(value)).quantize(formula.CENT)


def _yandas():
    """The basic-service urusan in a fixed order: bit i of a mask is the i-th of them."""
    return Urusan.objects.filter(group=Urusan.Group.PELAYANAN_DASAR).order_by("order", "id")


def yandas_ids():
    return list(_yandas().values_list("id", flat=True))


def _yandas_masks(period, ids, basic, main):
    """{innovation: mask of the basic-service urusan it covers}; `main` maps each to its main urusan."""
    bit = {urusan_id: 1 << position for position, urusan_id in enumerate(basic)}
    alive = Inovasi.objects.filter(period=period, deleted_at__isnull=True)
    if ids is not None:
        alive = alive.filter(pk__in=ids)
    other = Inovasi.urusan_lain.through.objects.filter(inovasi__in=alive, urusan_id__in=basic).values_list(
        "inovasi_id", "urusan_id"
    )
    masks = {}
    for inovasi_id, urusan_id in [*main.items(), *other]:
        masks[inovasi_id] = masks.get(inovasi_id, 0) | bit.get(urusan_id, 0)
    return masks


def innovation_rows(period, ids=None, reference=None):
    """Fresh rows for the period's live innovations (or only `ids`), straight from the answers."""
    if ids is not None and not ids:
        return []
    reference = reference or Reference.load(period)
    indicators, indicator_params = reference.catalogue.as_sql()
    only, only_params, evidence = "", [], ALL_EVIDENCE
    if ids is not None:
        only, only_params, evidence = "AND i.id IN ({})".format(", ".join(["%s"] * len(ids))), list(ids), SOME_EVIDENCE
    params = [Answer.Verification.PENDING, KEY_SHIFT, KEY_SHIFT, *indicator_params, period.pk, *only_params]
    with connection.cursor() as cursor:
        cursor.execute(INNOVATION_SQL.format(only=only, indicators=indicators, **evidence), params)
        fetched = cursor.fetchall()
    masks = _yandas_masks(period, ids, reference.basic, {record[0]: record[5] for record in fetched if record[5]})
    return [_row(period, record, masks.get(record[0], 0), reference.catalogue) for record in fetched]


def _row(period, record, mask, catalogue):
    inovasi_id, opd_id, bidang_id, status, outcome, _main_urusan, claimed, verified, key, answered = record
    rejected = status == S.REJECTED or outcome == Inovasi.NationalOutcome.REJECTED
    counts_rejected = rejected and period.rejected_count_in_n
    gain_units, indicator_id, from_level = _best_lever(key, int(answered), catalogue)
    return InnovationRow(
        inovasi_id=inovasi_id,
        opd_id=opd_id,
        bidang_id=bidang_id,
        claimed=_cents(claimed),
        verified=_cents(verified),
        in_claimed=status in Inovasi.CLAIMED_STATUSES or counts_rejected,
        in_verified=status in Inovasi.APPROVED_STATUSES or counts_rejected,
        rejected=rejected,
        yandas=mask,
        lever_gain=gain_units,
        lever_indicator_id=indicator_id,
        lever_from=from_level,
    )


def _best_lever(key, answered_mask, catalogue):
    """(gain in maturity points, indicator, level it counts now) of the single biggest raise.

    The query gives the best raise among answered indicators; an unanswered one may beat it.
    Equal gains go to the lower indicator id (the catalogue's order).
    """
    best = (Decimal(0), None, 0)
    if key is not None:
        key = int(key)
        gain, pk = Decimal(key // KEY_SHIFT) / 100, KEY_SHIFT - 1 - key % KEY_SHIFT
        if gain:
            best = (gain, pk, formula.TOP_LEVEL - int(gain / catalogue.bobot[pk]))
    missing = catalogue.best_missing(answered_mask)
    if missing and missing[0] and (missing[0] > best[0] or (missing[0] == best[0] and missing[1] < best[1])):
        best = (missing[0], missing[1], 0)
    return best


def spd_total(period):
    """Σ bobot × level over the region-level answers that have their evidence."""
    with_evidence = Answer.objects.filter(
        inovasi=None, indicator__period=period, indicator__is_archived=False, evidence__isnull=False
    )
    found = with_evidence.values_list("pk", "indicator__bobot", "level").distinct()
    return sum((bobot * level for _pk, bobot, level in found), Decimal(0))


# --- Grouping: from fresh rows (full check) or from the stored rows (every recompute) --------------


def candidates_from_rows(rows, limit=LEVER_LIMIT):
    live = [r for r in rows if r.in_claimed and not r.rejected and r.lever_gain > 0]
    live.sort(key=lambda r: (-r.lever_gain, r.inovasi_id))
    return [formula.Candidate(r.inovasi_id, r.lever_indicator_id, r.lever_gain, r.lever_from) for r in live[:limit]]


LIVE_CLAIMED = Q(in_claimed=True, rejected=False)
GROUP_FIELDS = (
    "claimed_sum",
    "claimed_n",
    "verified_sum",
    "verified_n",
    "active_n",
    "claimed_mask",
    "verified_mask",
)


def group_values(rows):
    """{(opd, bidang key): values in GROUP_FIELDS order} summed over innovation rows.

    Rejected innovations count in n but add nothing, and cover no urusan.
    """
    groups = {}
    for row in rows:
        key = (row.opd_id, row.bidang_id or 0)
        c_sum, c_n, v_sum, v_n, active, c_mask, v_mask = groups.get(key, (Decimal(0), 0, Decimal(0), 0, 0, 0, 0))
        live_claimed, live_verified = row.in_claimed and not row.rejected, row.in_verified and not row.rejected
        groups[key] = (
            c_sum + (row.claimed if live_claimed else 0),
            c_n + row.in_claimed,
            v_sum + (row.verified if live_verified else 0),
            v_n + row.in_verified,
            active + live_claimed,
            c_mask | (row.yandas if live_claimed else 0),
            v_mask | (row.yandas if live_verified else 0),
        )
    return groups


def stored_rows_around(period, ids, opd_ids):
    """In one query, the stored rows of innovations `ids` and of every OPD they are in or in `opd_ids`."""
    their_opds = InovasiScore.objects.filter(inovasi_id__in=ids).values("opd_id")
    found = InovasiScore.objects.filter(
        Q(inovasi_id__in=ids) | Q(opd_id__in=opd_ids) | Q(opd_id__in=their_opds), period=period
    )
    return [InnovationRow(row[0], *row[1:]) for row in found.values_list("inovasi_id", *INNOVATION_FIELDS)]


def as_groups(values):
    """formula.Group list and the city's masks per basis, from group values."""
    groups, masks = [], {Basis.CLAIMED: 0, Basis.VERIFIED: 0}
    for (opd_id, bidang_key), group in sorted(values.items()):
        claimed_sum, claimed_n, verified_sum, verified_n, active_n, claimed_mask, verified_mask = group
        groups.append(
            formula.Group(opd_id, bidang_key or None, claimed_sum, claimed_n, verified_sum, verified_n, active_n)
        )
        masks[Basis.CLAIMED] |= claimed_mask
        masks[Basis.VERIFIED] |= verified_mask
    return groups, masks


def stored_group_values(period):
    """The period's stored groups as {(opd, bidang key): values in GROUP_FIELDS order} (one query)."""
    found = GroupScore.objects.filter(period=period).values_list("opd_id", "bidang_key", *GROUP_FIELDS)
    return {(row[0], row[1]): tuple(row[2:]) for row in found}


def stored_candidates(period, limit=LEVER_LIMIT):
    found = InovasiScore.objects.filter(LIVE_CLAIMED, period=period, lever_gain__gt=0).order_by(
        "-lever_gain", "inovasi_id"
    )
    return [
        formula.Candidate(inovasi_id, indicator_id, _decimal(gain), from_level)
        for inovasi_id, indicator_id, gain, from_level in found.values_list(
            "inovasi_id", "lever_indicator_id", "lever_gain", "lever_from"
        )[:limit]
    ]


# --- The period's result ----------------------------------------------------------------------


@dataclass
class Result:
    projections: dict
    opds: list
    targets: dict
    levers: list
    rows: list = field(default_factory=list)


def assemble(period, reference, groups, masks, candidates):
    """City projections, OPD ranking, targets and levers from grouped sums."""
    rules, basic = reference.rules, reference.basic
    spd = spd_total(period)
    projections = {}
    for basis in Basis.values:
        maturity_sum, n = formula.city_sums(groups, basis)
        projections[basis] = formula.project(spd, maturity_sum, n, formula.covered_count(masks[basis]), rules)
    opd_ids, bidang_ids = _active_units()
    opd_ids = sorted(set(opd_ids) | {g.opd_id for g in groups})
    ranking_projection = projections[rules.ranking_basis]
    opds = formula.rank_opds(opd_ids, groups, ranking_projection, rules)
    target_values = formula.targets(opd_ids, bidang_ids, groups, basic, masks[Basis.CLAIMED])
    missing = [u for bit, u in enumerate(basic) if not masks[Basis.CLAIMED] & (1 << bit)]
    active_n = sum(g.active_n for g in groups)
    lever_values = formula.levers(projections[Basis.CLAIMED], active_n, candidates, missing, rules)
    return Result(projections, opds, target_values, lever_values)


def _active_units():
    """(active OPD ids, their active bidang ids) in one query."""
    active_bidang = FilteredRelation("bidang", condition=Q(bidang__is_active=True))
    found = Opd.objects.filter(is_active=True).annotate(active_bidang=active_bidang)
    pairs = found.values_list("pk", "active_bidang__pk")
    opd_ids, bidang_ids = set(), []
    for opd_id, bidang_id in pairs:
        opd_ids.add(opd_id)
        if bidang_id is not None:
            bidang_ids.append(bidang_id)
    return opd_ids, bidang_ids


def fresh(period, reference=None):
    """Everything computed from the source rows alone, ignoring what is stored: the reference."""
    reference = reference or Reference.load(period)
    rows = innovation_rows(period, reference=reference)
    groups, masks = as_groups(group_values(rows))
    result = assemble(period, reference, groups, masks, candidates_from_rows(rows))
    result.rows = rows
    return result


def from_groups(period, reference, group_values):
    """City, OPD and levers from the up-to-date group values and the stored innovation rows' levers."""
    groups, masks = as_groups(group_values)
    return assemble(period, reference, groups, masks, stored_candidates(period))
