"""The IID arithmetic of the domain reference §5: plain values in, plain values out.

Nothing here touches the database, so every rule is checked against hand-worked examples
(tests/scoring/test_formula.py). The constants of the year arrive in `Rules`, built from the
period by `scoring.calculate.rules_for`.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from scoring.models import Band, Basis

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
TOP_LEVEL = 3


@dataclass(frozen=True)
class Rules:
    divisor_floor: int
    count_factor: Decimal
    count_cap: int
    yandas_required: int
    total_maximum: Decimal
    very_innovative_above: Decimal
    innovative_above: Decimal
    ranking_basis: str = Basis.VERIFIED


# --- One innovation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerFacts:
    """What maturity needs of one answer. `verified_level` is None until a reviewer has ruled."""

    bobot: Decimal
    level: int
    has_evidence: bool
    verified_level: int | None = None


def indicator_score(bobot, level, has_evidence):
    """bobot × level; a level without its evidence counts 0."""
    return bobot * level if has_evidence else ZERO


def maturity(answers):
    """(claimed, verified) kematangan of one innovation; an unreviewed indicator adds 0 to verified."""
    claimed = sum((indicator_score(a.bobot, a.level, a.has_evidence) for a in answers), ZERO)
    verified = sum(
        (indicator_score(a.bobot, a.verified_level, a.has_evidence) for a in answers if a.verified_level is not None),
        ZERO,
    )
    return claimed, verified


# --- The city ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    spd: Decimal
    maturity_sum: Decimal
    n: int
    divisor: int
    maturity_part: Decimal
    yandas_covered: int
    count_score: Decimal
    sid: Decimal
    total: Decimal
    iid: Decimal
    band: str


def count_score(n, yandas_covered, rules):
    """factor × MIN(n, cap), or 0 while the basic-service coverage rule of the year is not met."""
    if rules.yandas_required and yandas_covered < rules.yandas_required:
        return ZERO
    return rules.count_factor * min(n, rules.count_cap)


def band_of(iid, rules):
    """Bands compare the index as published, to 2 decimals."""
    shown = iid.quantize(CENT, rounding=ROUND_HALF_UP)
    if shown > rules.very_innovative_above:
        return Band.VERY_INNOVATIVE
    if shown > rules.innovative_above:
        return Band.INNOVATIVE
    return Band.LESS_INNOVATIVE if shown > ZERO else Band.NOT_ASSESSABLE


def project(spd, maturity_sum, n, yandas_covered, rules):
    """SID = Σ maturity / MAX(k, n) + count score; IID = (SPD + SID) / maximum × 100."""
    divisor = max(rules.divisor_floor, n, 1)
    maturity_part = maturity_sum / divisor
    count = count_score(n, yandas_covered, rules)
    sid = maturity_part + count
    total = spd + sid
    iid = total / rules.total_maximum * HUNDRED if rules.total_maximum else ZERO
    return Projection(
        spd, maturity_sum, n, divisor, maturity_part, yandas_covered, count, sid, total, iid, band_of(iid, rules)
    )


def next_band_gap(projection, rules):
    """Index points still missing to reach the next band up (None at the top)."""
    shown = projection.iid.quantize(CENT, rounding=ROUND_HALF_UP)
    for edge in (rules.innovative_above, rules.very_innovative_above):
        if shown <= edge:
            return edge + CENT - shown
    return None


# --- Totals per OPD and bidang ----------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Sums over the innovations of one (OPD, bidang). Rejected ones count in n but add nothing."""

    opd_id: int
    bidang_id: int | None
    claimed_sum: Decimal = ZERO
    claimed_n: int = 0
    verified_sum: Decimal = ZERO
    verified_n: int = 0
    active_n: int = 0  # counted in the claimed projection and not rejected: "has an innovation"


@dataclass(frozen=True)
class OpdResult:
    opd_id: int
    claimed_sum: Decimal
    claimed_n: int
    verified_sum: Decimal
    verified_n: int
    score: Decimal
    rank: int
    sid_points: Decimal
    sid_share: Decimal


def city_sums(groups, basis):
    """(Σ maturity, n) of the city on one basis."""
    if basis == Basis.CLAIMED:
        return sum((g.claimed_sum for g in groups), ZERO), sum(g.claimed_n for g in groups)
    return sum((g.verified_sum for g in groups), ZERO), sum(g.verified_n for g in groups)


def rank_opds(opd_ids, groups, projection, rules):
    """The "OPD terinovatif" ranking: score = Σ maturity on the period's basis, ties to more innovations.

    Equal score and count share a rank (1, 1, 3). An OPD's SID points are its maturity over the
    city's divisor plus its share of the count score by innovations, so they add up to the city's SID.
    """
    totals = {opd_id: [ZERO, 0, ZERO, 0] for opd_id in opd_ids}
    for g in groups:
        row = totals.setdefault(g.opd_id, [ZERO, 0, ZERO, 0])
        row[0] += g.claimed_sum
        row[1] += g.claimed_n
        row[2] += g.verified_sum
        row[3] += g.verified_n
    by_verified = rules.ranking_basis == Basis.VERIFIED

    def key(opd_id):
        c_sum, c_n, v_sum, v_n = totals[opd_id]
        return (v_sum, v_n) if by_verified else (c_sum, c_n)

    ordered = sorted(totals, key=lambda opd_id: (tuple(-x for x in key(opd_id)), opd_id))
    results, rank, previous = [], 0, None
    for position, opd_id in enumerate(ordered, start=1):
        if key(opd_id) != previous:
            rank, previous = position, key(opd_id)
        c_sum, c_n, v_sum, v_n = totals[opd_id]
        score, n_opd = key(opd_id)
        points = score / projection.divisor
        if projection.n:
            points += projection.count_score * n_opd / projection.n
        share = points / projection.sid * HUNDRED if projection.sid else ZERO
        results.append(OpdResult(opd_id, c_sum, c_n, v_sum, v_n, score, rank, points, share))
    return results


# --- Targets ----------------------------------------------------------------------------------


def targets(opd_ids, bidang_ids, groups, yandas_ids, covered_mask):
    """ "One OPD, one innovation", "one bidang, one innovation" and the basic-service urusan covered."""
    with_opd = {g.opd_id for g in groups if g.active_n} & set(opd_ids)
    with_bidang = {g.bidang_id for g in groups if g.active_n and g.bidang_id} & set(bidang_ids)
    covered = [urusan_id for bit, urusan_id in enumerate(yandas_ids) if covered_mask & (1 << bit)]
    return {
        "opds_total": len(opd_ids),
        "opds_with": len(with_opd),
        "opds_without": sorted(set(opd_ids) - with_opd),
        "bidang_total": len(bidang_ids),
        "bidang_with": len(with_bidang),
        "yandas_total": len(yandas_ids),
        "yandas_covered": covered,
    }


def covered_count(mask):
    return bin(mask).count("1")


# --- Levers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """The best single raise on one innovation: indicator to level 3 with valid evidence."""

    inovasi_id: int
    indicator_id: int
    gain_units: Decimal  # bobot × (3 − the level that counts now)
    from_level: int


def levers(projection, active_n, candidates, missing_yandas, rules, limit=10):
    """The actions that would raise the claimed projection most, each with its gain in index points.

    A new innovation is assumed to reach the current average maturity of the counted ones.
    """
    found = [
        {
            "kind": "indicator",
            "gain": _points(c.gain_units / projection.divisor, rules),
            "inovasi": c.inovasi_id,
            "indicator": c.indicator_id,
            "from_level": c.from_level,
            "to_level": TOP_LEVEL,
        }
        for c in candidates
    ]
    average = projection.maturity_sum / active_n if active_n else ZERO
    for urusan_id in missing_yandas:
        after = project(
            projection.spd,
            projection.maturity_sum + average,
            projection.n + 1,
            projection.yandas_covered + 1,
            rules,
        )
        found.append({"kind": "urusan", "gain": after.iid - projection.iid, "urusan": urusan_id})
    if projection.n < rules.divisor_floor:
        missing = rules.divisor_floor - projection.n
        after = project(
            projection.spd,
            projection.maturity_sum + average * missing,
            rules.divisor_floor,
            projection.yandas_covered,
            rules,
        )
        found.append({"kind": "floor", "gain": after.iid - projection.iid, "count": missing})
    found = [lever for lever in found if lever["gain"] > ZERO]
    found.sort(key=lambda lever: -lever["gain"])
    return found[:limit]


def _points(maturity_points, rules):
    return maturity_points / rules.total_maximum * HUNDRED if rules.total_maximum else ZERO
