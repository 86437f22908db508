"""Reads a period's source rows and returns its scores; writes nothing.

The per-innovation maturity is summed in the database (one grouped query over answers ×
indicators): at national size that is 700,000+ answer rows, which Python would spend seconds
fetching. The rule it encodes is `formula.maturity`; tests hold the two equal.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum

from inovasi.models import Answer, Inovasi, Urusan
from portal.accounts.models import Bidang, Opd
from scoring import formula
from scoring.models import Basis, Indicator, InovasiScore, Period

S = Inovasi.Status
CLAIMED_STATUSES = (S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.APPROVED, S.READY, S.SENT)
VERIFIED_STATUSES = (S.APPROVED, S.READY, S.SENT)
LEVER_LIMIT = 10
# Lever keys pack (gain × 100, indicator) into one integer so SQL can take the max of both at once.
KEY_SHIFT = 10**12


def rules_for(period):
    maxima = dict(
        period.indicators.filter(is_archived=False).values_list("scope").annotate(total=Sum("bobot")).order_by()
    )
    top = max(formula.TOP_LEVEL, 1)
    total = sum(maxima.values(), Decimal(0)) * top + period.count_factor * period.count_cap
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
SELECT i.id, i.opd_id, i.bidang_id, i.status, i.national_outcome,
       COALESCE(SUM(CASE WHEN {has_evidence} THEN ind.bobot * a.level END), 0),
       COALESCE(SUM(CASE WHEN {has_evidence} AND a.verification <> %s
                         THEN ind.bobot * COALESCE(a.verified_level, 0) END), 0),
       MAX(CAST(ind.bobot * 100 * (3 - CASE WHEN {has_evidence} THEN a.level ELSE 0 END) AS BIGINT) * %s
           + (%s - 1 - ind.id))
FROM inovasi_inovasi i
JOIN scoring_indicator ind ON ind.period_id = i.period_id AND ind.scope = 'sid' AND NOT ind.is_archived
LEFT JOIN inovasi_answer a ON a.inovasi_id = i.id AND a.indicator_id = ind.id
{evidence_join}
WHERE i.period_id = %s AND i.deleted_at IS NULL {only}
GROUP BY i.id, i.opd_id, i.bidang_id, i.status, i.national_outcome
"""
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


def _decimal(value):
    # SQLite hands back floats for decimal arithmetic; PostgreSQL hands back Decimals.
    return Decimal(str(value)).quantize(formula.CENT)


def yandas_ids():
    """The basic-service urusan in a fixed order: bit i of a mask is the i-th of them."""
    return list(
        Urusan.objects.filter(group=Urusan.Group.PELAYANAN_DASAR).order_by("order", "id").values_list("id", flat=True)
    )


def _yandas_masks(period, ids, basic):
    bit = {urusan_id: 1 << position for position, urusan_id in enumerate(basic)}
    alive = Inovasi.objects.filter(period=period, deleted_at__isnull=True)
    if ids is not None:
        alive = alive.filter(pk__in=ids)
    masks = {}
    main = alive.filter(urusan_utama_id__in=basic).values_list("pk", "urusan_utama_id")
    other = Inovasi.urusan_lain.through.objects.filter(inovasi__in=alive, urusan_id__in=basic).values_list(
        "inovasi_id", "urusan_id"
    )
    for inovasi_id, urusan_id in [*main, *other]:
        masks[inovasi_id] = masks.get(inovasi_id, 0) | bit[urusan_id]
    return masks


def innovation_rows(period, ids=None, basic=None):
    """Fresh rows for the period's live innovations (or only `ids`), straight from the answers."""
    basic = yandas_ids() if basic is None else basic
    only, params, evidence = "", [Answer.Verification.PENDING, KEY_SHIFT, KEY_SHIFT, period.pk], ALL_EVIDENCE
    if ids is not None:
        if not ids:
            return []
        only = "AND i.id IN ({})".format(", ".join(["%s"] * len(ids)))
        params += list(ids)
        evidence = SOME_EVIDENCE
    with connection.cursor() as cursor:
        cursor.execute(INNOVATION_SQL.format(only=only, **evidence), params)
        fetched = cursor.fetchall()
    masks = _yandas_masks(period, ids, basic)
    bobot = dict(period.indicators.filter(scope=Indicator.Scope.SID).values_list("pk", "bobot"))
    return [_row(period, record, masks.get(record[0], 0), bobot) for record in fetched]


def _row(period, record, mask, bobot):
    inovasi_id, opd_id, bidang_id, status, outcome, claimed, verified, key = record
    rejected = status == S.REJECTED or outcome == "ditolak"
    counts_rejected = rejected and period.rejected_count_in_n
    gain_units, indicator_id = _decode_lever(key)
    from_level = formula.TOP_LEVEL - int(gain_units / bobot[indicator_id]) if indicator_id and gain_units else 0
    return InnovationRow(
        inovasi_id=inovasi_id,
        opd_id=opd_id,
        bidang_id=bidang_id,
        claimed=_decimal(claimed),
        verified=_decimal(verified),
        in_claimed=status in CLAIMED_STATUSES or counts_rejected,
        in_verified=status in VERIFIED_STATUSES or counts_rejected,
        rejected=rejected,
        yandas=mask,
        lever_gain=gain_units,
        lever_indicator_id=indicator_id if gain_units else None,
        lever_from=from_level,
    )


def _decode_lever(key):
    if key is None:
        return Decimal(0), None
    key = int(key)
    return Decimal(key // KEY_SHIFT) / 100, KEY_SHIFT - 1 - key % KEY_SHIFT


def spd_total(period):
    """Σ bobot × level over the region-level answers that have their evidence."""
    answers = Answer.objects.filter(
        inovasi=None, indicator__period=period, indicator__is_archived=False, evidence__isnull=False
    ).distinct()
    return sum((a.indicator.bobot * a.level for a in answers.select_related("indicator")), Decimal(0))


# --- Grouping: from fresh rows (full check) or from the stored rows (every recompute) --------------


def groups_from_rows(rows):
    sums = {}
    for row in rows:
        key = (row.opd_id, row.bidang_id)
        c_sum, c_n, v_sum, v_n, active = sums.get(key, (Decimal(0), 0, Decimal(0), 0, 0))
        live = not row.rejected
        sums[key] = (
            c_sum + (row.claimed if row.in_claimed and live else 0),
            c_n + row.in_claimed,
            v_sum + (row.verified if row.in_verified and live else 0),
            v_n + row.in_verified,
            active + (row.in_claimed and live),
        )
    return [formula.Group(opd, bidang, *values) for (opd, bidang), values in sorted(sums.items(), key=_group_order)]


def _group_order(item):
    (opd_id, bidang_id), _values = item
    return opd_id, bidang_id or 0


def masks_from_rows(rows):
    claimed = verified = 0
    for row in rows:
        if not row.rejected:
            claimed |= row.yandas if row.in_claimed else 0
            verified |= row.yandas if row.in_verified else 0
    return {Basis.CLAIMED: claimed, Basis.VERIFIED: verified}


def candidates_from_rows(rows, limit=LEVER_LIMIT):
    live = [r for r in rows if r.in_claimed and not r.rejected and r.lever_gain > 0]
    live.sort(key=lambda r: (-r.lever_gain, r.inovasi_id))
    return [formula.Candidate(r.inovasi_id, r.lever_indicator_id, r.lever_gain, r.lever_from) for r in live[:limit]]


LIVE_CLAIMED = Q(in_claimed=True, rejected=False)
LIVE_VERIFIED = Q(in_verified=True, rejected=False)


def stored_groups(period):
    zero = Decimal(0)
    rows = (
        InovasiScore.objects.filter(period=period)
        .values("opd_id", "bidang_id")
        .annotate(
            claimed_sum=Sum("claimed", filter=LIVE_CLAIMED, default=zero),
            claimed_n=Count("pk", filter=Q(in_claimed=True)),
            verified_sum=Sum("verified", filter=LIVE_VERIFIED, default=zero),
            verified_n=Count("pk", filter=Q(in_verified=True)),
            active_n=Count("pk", filter=LIVE_CLAIMED),
        )
        .order_by("opd_id", "bidang_id")
    )
    return [
        formula.Group(
            r["opd_id"],
            r["bidang_id"],
            _decimal(r["claimed_sum"]),
            r["claimed_n"],
            _decimal(r["verified_sum"]),
            r["verified_n"],
            r["active_n"],
        )
        for r in rows
    ]


def stored_masks(period):
    masks = {Basis.CLAIMED: 0, Basis.VERIFIED: 0}
    found = InovasiScore.objects.filter(period=period, rejected=False, yandas__gt=0)
    for mask, in_claimed, in_verified in found.values_list("yandas", "in_claimed", "in_verified").distinct():
        masks[Basis.CLAIMED] |= mask if in_claimed else 0
        masks[Basis.VERIFIED] |= mask if in_verified else 0
    return masks


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


def assemble(period, rules, groups, masks, candidates, basic):
    """City projections, OPD ranking, targets and levers from grouped sums."""
    spd = spd_total(period)
    projections = {}
    for basis in Basis.values:
        maturity_sum, n = formula.city_sums(groups, basis)
        projections[basis] = formula.project(spd, maturity_sum, n, formula.covered_count(masks[basis]), rules)
    opd_ids = sorted(set(Opd.objects.filter(is_active=True).values_list("pk", flat=True)) | {g.opd_id for g in groups})
    bidang_ids = list(Bidang.objects.filter(is_active=True, opd__is_active=True).values_list("pk", flat=True))
    ranking_projection = projections[rules.ranking_basis]
    opds = formula.rank_opds(opd_ids, groups, ranking_projection, rules)
    target_values = formula.targets(opd_ids, bidang_ids, groups, basic, masks[Basis.CLAIMED])
    missing = [u for bit, u in enumerate(basic) if not masks[Basis.CLAIMED] & (1 << bit)]
    active_n = sum(g.active_n for g in groups)
    lever_values = formula.levers(projections[Basis.CLAIMED], active_n, candidates, missing, rules)
    return Result(projections, opds, target_values, lever_values)


def fresh(period):
    """Everything computed from the source rows alone, ignoring what is stored: the reference."""
    period = Period.objects.get(pk=period.pk)
    basic = yandas_ids()
    rows = innovation_rows(period, basic=basic)
    result = assemble(
        period, rules_for(period), groups_from_rows(rows), masks_from_rows(rows), candidates_from_rows(rows), basic
    )
    result.rows = rows
    return result


def from_stored(period, basic=None):
    """City, OPD and levers from the stored per-innovation rows (after they were brought up to date)."""
    basic = yandas_ids() if basic is None else basic
    return assemble(
        period, rules_for(period), stored_groups(period), stored_masks(period), stored_candidates(period), basic
    )
