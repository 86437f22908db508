"""The IID arithmetic of the domain reference §5: plain values in, plain values out.

Nothing here touches the database. This module is the one home of the rules: `scoring.calculate`
runs the per-innovation part in SQL for speed, reading its constants and rules from here, and
tests/scoring/test_formula_property.py holds the two equal on random periods. The constants of
the year arrive in `Rules`, built from the period by `scoring.calculate.rules_for`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple, Protocol

from portal.catalogue.models import LEVELS, Band, Basis

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
TOP_LEVEL = max(LEVELS)  # the highest level of an indicator: what a lever raises it to
UNSCORED_LEVEL = 0  # what a level without its evidence, or an unreviewed verdict, counts as


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
    rejected_count_in_n: bool = True
    counts_irisan: bool = False  # the other (irisan) urusan count towards the basic-service coverage
    spd_maximum: Decimal = ZERO  # every SPD indicator at the top level: the rest of the maximum is the SID's

    @property
    def count_maximum(self) -> Decimal:
        return self.count_factor * self.count_cap

    @property
    def sid_maximum(self) -> Decimal:
        return self.total_maximum - self.spd_maximum

    @property
    def maturity_maximum(self) -> Decimal:
        """The most the average maturity part can be: one innovation with every SID indicator at the top."""
        return self.sid_maximum - self.count_maximum


def total_maximum(bobots: Iterable[Decimal], count_factor: Decimal, count_cap: int) -> Decimal:
    """The most a period can score: every active indicator (SID and SPD) at the top level, plus the count score."""
    return sum(bobots, ZERO) * TOP_LEVEL + count_factor * count_cap


# --- One innovation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerFacts:
    """What maturity needs of one answer.

    `reviewed` is False while the verdict is pending: the verified level then counts 0, whatever
    `verified_level` holds. A verdict without a level also counts 0.
    """

    indicator_id: int
    level: int
    has_evidence: bool
    reviewed: bool = False
    verified_level: int | None = None


def counted_level(level: int, has_evidence: bool) -> int:
    """A level counts only with its evidence."""
    return level if has_evidence else UNSCORED_LEVEL


def claimed_level(answer: AnswerFacts) -> int:
    return counted_level(answer.level, answer.has_evidence)


def verified_level(answer: AnswerFacts) -> int:
    if not answer.reviewed or answer.verified_level is None:
        return UNSCORED_LEVEL
    return counted_level(answer.verified_level, answer.has_evidence)


def indicator_score(bobot: Decimal, level: int, has_evidence: bool) -> Decimal:
    """bobot × level; a level without its evidence counts 0."""
    return bobot * counted_level(level, has_evidence)


class Maturity(NamedTuple):
    claimed: Decimal
    verified: Decimal


def maturity(answers: Iterable[AnswerFacts], bobot: Mapping[int, Decimal]) -> Maturity:
    """(claimed, verified) kematangan of one innovation over the period's active SID indicators `bobot`.

    Answers to any other indicator (archived, or SPD) add nothing.
    """
    counted = [a for a in answers if a.indicator_id in bobot]
    return Maturity(
        sum((bobot[a.indicator_id] * claimed_level(a) for a in counted), ZERO),
        sum((bobot[a.indicator_id] * verified_level(a) for a in counted), ZERO),
    )


class Raise(NamedTuple):
    """The single biggest raise of one innovation's claimed maturity: one indicator to the top level."""

    gain: Decimal  # bobot × (top level − the level that counts now)
    indicator_id: int | None
    from_level: int


NO_RAISE = Raise(ZERO, None, UNSCORED_LEVEL)


def best_raise(answers: Iterable[AnswerFacts], bobot: Mapping[int, Decimal]) -> Raise:
    """An unanswered indicator counts 0; equal gains go to the lower indicator id; no gain, no raise."""
    level_now = dict.fromkeys(bobot, UNSCORED_LEVEL) | {
        a.indicator_id: claimed_level(a) for a in answers if a.indicator_id in bobot
    }
    best = NO_RAISE
    for indicator_id in sorted(level_now):
        gain = bobot[indicator_id] * (TOP_LEVEL - level_now[indicator_id])
        if gain > best.gain:
            best = Raise(gain, indicator_id, level_now[indicator_id])
    return best


class Counted(NamedTuple):
    """Whether an innovation counts in n of each projection."""

    in_claimed: bool
    in_verified: bool


def rejected_nationally(sent: bool, national_rejected: bool) -> bool:
    """Rejected after it was reported: BSKDN's "dilaporkan lalu ditolak … menjadi pembagi".

    One Bappeda rejected was never reported, so it is not this: it is simply not counted (it is
    neither submitted-and-standing nor approved; see Inovasi.CLAIMED_STATUSES).
    """
    return sent and national_rejected


def counted_in(submitted: bool, approved: bool, rejected: bool, rules: Rules) -> Counted:
    """The claimed projection counts innovations submitted or later, the verified one approved or later.

    `rejected` means rejected nationally after sending (`rejected_nationally`): such an innovation adds
    0 to the sums (see `share_of`) but counts in n of both when the period says so, as BSKDN divides
    by every innovation reported.
    """
    counts_rejected = rejected and rules.rejected_count_in_n
    return Counted(submitted or counts_rejected, approved or counts_rejected)


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


def spd_score(answers: Iterable[tuple[Decimal, int]]) -> Decimal:
    """SPD = Σ bobot × level over the region-level answers that have their evidence."""
    return sum((indicator_score(bobot, level, has_evidence=True) for bobot, level in answers), ZERO)


def divisor(n: int, rules: Rules) -> int:
    """MAX(k, n): fewer innovations than the floor k are still divided by k (never by 0)."""
    return max(rules.divisor_floor, n, 1)


def count_score(n: int, yandas_covered: int, rules: Rules) -> Decimal:
    """factor × MIN(n, cap), or 0 while the basic-service coverage rule of the year is not met."""
    if rules.yandas_required and yandas_covered < rules.yandas_required:
        return ZERO
    return rules.count_factor * min(n, rules.count_cap)


def index_points(points: Decimal, rules: Rules) -> Decimal:
    """Score points as index points: over the period's maximum, × 100."""
    return points / rules.total_maximum * HUNDRED if rules.total_maximum else ZERO


def published(index: Decimal) -> Decimal:
    """The index as BSKDN publishes it: rounded once, half-up, to 2 decimals.

    Stored, printed, banded and measured to the next band from this one value, so that an exact
    34,99497 is "34,99 · Kurang Inovatif" everywhere, never "35,00" beside a lower band.
    """
    return index.quantize(CENT, rounding=ROUND_HALF_UP)


def band_of(iid: Decimal, rules: Rules) -> str:
    """Bands compare the index as published, to 2 decimals."""
    shown = published(iid)
    if shown > rules.very_innovative_above:
        return Band.VERY_INNOVATIVE
    if shown > rules.innovative_above:
        return Band.INNOVATIVE
    return Band.LESS_INNOVATIVE if shown > ZERO else Band.NOT_ASSESSABLE


def project(spd: Decimal, maturity_sum: Decimal, n: int, yandas_covered: int, rules: Rules) -> Projection:
    """SID = Σ maturity / MAX(k, n) + count score; IID = (SPD + SID) / maximum × 100, as published."""
    divided_by = divisor(n, rules)
    maturity_part = maturity_sum / divided_by
    count = count_score(n, yandas_covered, rules)
    sid = maturity_part + count
    total = spd + sid
    iid = published(index_points(total, rules))
    return Projection(
        spd, maturity_sum, n, divided_by, maturity_part, yandas_covered, count, sid, total, iid, band_of(iid, rules)
    )


class ScoredBand(Protocol):
    @property
    def iid(self) -> Decimal: ...


def next_band_gap(projection: ScoredBand, rules: Rules) -> Decimal | None:
    """Index points still missing to reach the next band up (None at the top)."""
    shown = published(projection.iid)
    for edge in (rules.innovative_above, rules.very_innovative_above):
        if shown <= edge:
            return edge + CENT - shown
    return None


# --- Totals per OPD and bidang ----------------------------------------------------------------


class ScoredInnovation(Protocol):
    """One innovation's result as the group totals need it (calculate.InnovationRow is one)."""

    @property
    def opd_id(self) -> int: ...
    @property
    def bidang_id(self) -> int | None: ...
    @property
    def claimed(self) -> Decimal: ...
    @property
    def verified(self) -> Decimal: ...
    @property
    def in_claimed(self) -> bool: ...
    @property
    def in_verified(self) -> bool: ...
    @property
    def rejected(self) -> bool: ...
    @property
    def yandas(self) -> int: ...


class Sums(NamedTuple):
    maturity_sum: Decimal
    n: int


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
    claimed_mask: int = 0  # the basic-service urusan its counted, not rejected innovations cover (bit i: i-th)
    verified_mask: int = 0

    def add(self, row: ScoredInnovation) -> "Group":
        """This group with one more innovation."""
        claimed, claimed_n, verified, verified_n, active, claimed_mask, verified_mask = share_of(row)
        return Group(
            self.opd_id,
            self.bidang_id,
            self.claimed_sum + claimed,
            self.claimed_n + claimed_n,
            self.verified_sum + verified,
            self.verified_n + verified_n,
            self.active_n + active,
            self.claimed_mask | claimed_mask,
            self.verified_mask | verified_mask,
        )

    def sums(self, basis: str) -> Sums:
        if basis == Basis.CLAIMED:
            return Sums(self.claimed_sum, self.claimed_n)
        return Sums(self.verified_sum, self.verified_n)

    def mask(self, basis: str) -> int:
        return self.claimed_mask if basis == Basis.CLAIMED else self.verified_mask


GroupKey = tuple[int, int | None]  # (OPD, bidang or None)


def share_of(row: ScoredInnovation) -> tuple[Decimal, int, Decimal, int, int, int, int]:
    """What one innovation adds to its group: a rejected one adds to n only, and covers no urusan.

    (claimed sum, claimed n, verified sum, verified n, active n, claimed mask, verified mask)
    """
    live_claimed = row.in_claimed and not row.rejected
    live_verified = row.in_verified and not row.rejected
    return (
        row.claimed if live_claimed else ZERO,
        int(row.in_claimed),
        row.verified if live_verified else ZERO,
        int(row.in_verified),
        int(live_claimed),
        row.yandas if live_claimed else 0,
        row.yandas if live_verified else 0,
    )


def group_totals(rows: Iterable[ScoredInnovation]) -> dict[GroupKey, Group]:
    """{(OPD, bidang): Group} summed over innovation rows (the sums of Group.add, without a Group per row)."""
    totals: dict[GroupKey, list] = {}
    for row in rows:
        total = totals.setdefault((row.opd_id, row.bidang_id), [ZERO, 0, ZERO, 0, 0, 0, 0])
        share = share_of(row)
        for position in range(5):
            total[position] += share[position]
        total[5] |= share[5]
        total[6] |= share[6]
    return {key: Group(*key, *total) for key, total in totals.items()}


def city_sums(groups: Iterable[Group], basis: str) -> Sums:
    """(Σ maturity, n) of the city on one basis."""
    found = [g.sums(basis) for g in groups]
    return Sums(sum((s.maturity_sum for s in found), ZERO), sum(s.n for s in found))


def city_mask(groups: Iterable[Group], basis: str) -> int:
    """The basic-service urusan the city covers on one basis (bit i: the i-th)."""
    mask = 0
    for g in groups:
        mask |= g.mask(basis)
    return mask


def covered_count(mask: int) -> int:
    return mask.bit_count()


def city(spd: Decimal, groups: Sequence[Group], basis: str, rules: Rules) -> Projection:
    """The city's projection on one basis, from its groups."""
    maturity_sum, n = city_sums(groups, basis)
    return project(spd, maturity_sum, n, covered_count(city_mask(groups, basis)), rules)


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


def _opd_totals(opd_ids: Iterable[int], groups: Iterable[Group]) -> dict[int, Group]:
    """Every OPD's groups added up into one (bidang None); OPDs without innovations at zero."""
    totals = {opd_id: Group(opd_id, None) for opd_id in opd_ids}
    for g in groups:
        total = totals.get(g.opd_id, Group(g.opd_id, None))
        totals[g.opd_id] = replace(
            total,
            claimed_sum=total.claimed_sum + g.claimed_sum,
            claimed_n=total.claimed_n + g.claimed_n,
            verified_sum=total.verified_sum + g.verified_sum,
            verified_n=total.verified_n + g.verified_n,
        )
    return totals


def rank_opds(opd_ids: Iterable[int], groups: Iterable[Group], projection: Projection, rules: Rules) -> list[OpdResult]:
    """The "OPD terinovatif" ranking: score = Σ maturity on the period's basis, ties to more innovations.

    Equal score and count share a rank (1, 1, 3). An OPD's SID points are its maturity over the
    city's divisor plus its share of the count score by innovations, so they add up to the city's SID.
    """
    totals = _opd_totals(opd_ids, groups)
    ordered = sorted(
        totals.values(),
        key=lambda t: (-t.sums(rules.ranking_basis).maturity_sum, -t.sums(rules.ranking_basis).n, t.opd_id),
    )
    results: list[OpdResult] = []
    rank, previous = 0, None
    for position, total in enumerate(ordered, start=1):
        score, n_opd = total.sums(rules.ranking_basis)
        if (score, n_opd) != previous:
            rank, previous = position, (score, n_opd)
        points = score / projection.divisor
        if projection.n:
            points += projection.count_score * n_opd / projection.n
        share = points / projection.sid * HUNDRED if projection.sid else ZERO
        results.append(
            OpdResult(
                total.opd_id,
                total.claimed_sum,
                total.claimed_n,
                total.verified_sum,
                total.verified_n,
                score,
                rank,
                points,
                share,
            )
        )
    return results


# --- Targets ----------------------------------------------------------------------------------


def targets(
    opd_ids: Sequence[int],
    bidang_ids: Sequence[int],
    groups: Iterable[Group],
    yandas_ids: Sequence[int],
    covered_mask: int,
) -> dict[str, Any]:
    """ "One OPD, one innovation", "one bidang, one innovation" and the basic-service urusan covered."""
    groups = list(groups)
    with_opd = {g.opd_id for g in groups if g.active_n} & set(opd_ids)
    with_bidang = {g.bidang_id for g in groups if g.active_n and g.bidang_id} & set(bidang_ids)
    return {
        "opds_total": len(opd_ids),
        "opds_with": len(with_opd),
        "opds_without": sorted(set(opd_ids) - with_opd),
        "bidang_total": len(bidang_ids),
        "bidang_with": len(with_bidang),
        "yandas_total": len(yandas_ids),
        "yandas_covered": covered(yandas_ids, covered_mask),
    }


def covered(yandas_ids: Sequence[int], mask: int) -> list[int]:
    """The basic-service urusan whose bit is set in `mask` (bit i: the i-th of `yandas_ids`)."""
    return [urusan_id for bit, urusan_id in enumerate(yandas_ids) if mask & (1 << bit)]


def missing(yandas_ids: Sequence[int], mask: int) -> list[int]:
    return [urusan_id for bit, urusan_id in enumerate(yandas_ids) if not mask & (1 << bit)]
