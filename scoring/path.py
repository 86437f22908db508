"""The path to the next band: grouped levers and the plan that crosses the next band's edge.

Pure and typed: plain values in, plain values out. Every gain is the difference of two
`formula.project` totals (exact); only the cumulative index shown after a step is the published,
rounded one, as the band is read from it. A lever is a change of the city's sums (Σ maturity, n,
basic-service urusan covered), so levers applied one after another are projected exactly,
divisor and count score included.

Work is the number of indicator answers to change. For a new innovation it is assumed to be
every SID indicator of the period (a new innovation answers all of them), and for verifying an
innovation every SID indicator too (a verdict on each): `Situation.indicators`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from portal.catalogue.models import Band
from scoring import formula

BAND_ORDER = (Band.NOT_ASSESSABLE, Band.LESS_INNOVATIVE, Band.INNOVATIVE, Band.VERY_INNOVATIVE)

# Kinds of grouped levers.
INDICATOR = "indicator"  # (a) one indicator to the top level on every innovation below it
OPD = "opd"  # (b) the weakest indicator of each of one OPD's innovations to the top level
VERIFY = "verify"  # (c) verify the submitted innovations at their claimed level
URUSAN = "urusan"  # (d) new innovations in the missing basic-service urusan the rule needs
FLOOR = "floor"  # (e) new innovations up to the divisor floor k
OPDS_WITHOUT = "opds_without"  # (f) one new innovation in each OPD without one
# (b) raises the same answers as (a), so a plan takes (a) only; (b) is shown beside it.
PLANNED_KINDS = frozenset({INDICATOR, VERIFY, URUSAN, FLOOR, OPDS_WITHOUT})


@dataclass(frozen=True)
class Situation:
    """One projection's sums, as the levers change them."""

    spd: Decimal
    maturity_sum: Decimal
    n: int
    covered: int  # basic-service urusan covered
    live_n: int  # counted and not rejected: what the average maturity is taken over
    indicators: int  # active SID indicators: the work of one new or verified innovation

    def projection(self, rules: formula.Rules) -> formula.Projection:
        return formula.project(self.spd, self.maturity_sum, self.n, self.covered, rules)

    def average(self) -> Decimal:
        """The current average maturity: what a new innovation is assumed to reach."""
        return self.maturity_sum / self.live_n if self.live_n else formula.ZERO


@dataclass(frozen=True)
class Lever:
    """A grouped lever: what it changes, its work, and what it concerns (ids, for links)."""

    kind: str
    key: int  # the indicator or OPD id; 0 where there is none
    work: int
    maturity: Decimal = formula.ZERO
    n: int = 0
    covered: int = 0
    count: int = 0  # innovations (or OPDs) it concerns
    subjects: tuple[int, ...] = ()  # the innovations, OPDs or urusan concerned, for links and names

    def applied(self, situation: Situation) -> Situation:
        return replace(
            situation,
            maturity_sum=situation.maturity_sum + self.maturity,
            n=situation.n + self.n,
            covered=situation.covered + self.covered,
            live_n=situation.live_n + self.n,
        )

    def gain(self, situation: Situation, rules: formula.Rules) -> Decimal:
        """Index points this lever adds to `situation`, from exact totals."""
        before, after = situation.projection(rules), self.applied(situation).projection(rules)
        return formula.index_points(after.total - before.total, rules)


# --- Building the grouped levers from a period's stored inputs ----------------------------------


@dataclass(frozen=True)
class IndicatorLevels:
    """One SID indicator over a projection's counted, not rejected innovations."""

    indicator_id: int
    bobot: Decimal
    level_sum: int  # Σ of the levels that count (an unanswered indicator counts 0)
    at_top: int  # innovations already at the top level
    below: tuple[int, ...] = ()  # the first innovations below the top level, lowest first (for links)


def indicator_levers(levels: Iterable[IndicatorLevels], live_n: int) -> list[Lever]:
    """(a) Each indicator to the top level on every innovation below it: bobot × Σ(top − level)."""
    found = []
    for row in levels:
        below = live_n - row.at_top
        deficit = formula.TOP_LEVEL * live_n - row.level_sum
        if below > 0 and deficit > 0 and row.bobot > 0:
            lever = Lever(INDICATOR, row.indicator_id, below, row.bobot * deficit, count=below, subjects=row.below)
            found.append(lever)
    return found


def opd_levers(best_raises: Mapping[int, Sequence[tuple[int, Decimal]]]) -> list[Lever]:
    """(b) Per OPD, each of its innovations' weakest indicator (its best raise) to the top level.

    `best_raises`: OPD id -> [(innovation id, the stored gain of its best raise)].
    """
    found = []
    for opd_id, raises in best_raises.items():
        live = [(inovasi_id, gain) for inovasi_id, gain in raises if gain > 0]
        if live:
            total = sum((gain for _id, gain in live), formula.ZERO)
            ids = tuple(sorted(inovasi_id for inovasi_id, _gain in live))
            found.append(Lever(OPD, opd_id, len(live), total, count=len(live), subjects=ids))
    return found


def verify_lever(claimed_sum: Decimal, inovasi_ids: Sequence[int], newly_covered: int, indicators: int) -> list[Lever]:
    """(c) Verify the submitted, not yet approved innovations at their claimed level (verified projection)."""
    if not inovasi_ids:
        return []
    count = len(inovasi_ids)
    return [
        Lever(
            VERIFY,
            0,
            count * indicators,
            claimed_sum,
            n=count,
            covered=newly_covered,
            count=count,
            subjects=tuple(sorted(inovasi_ids)),
        )
    ]


def new_innovation_levers(
    situation: Situation, missing_urusan: Sequence[int], opds_without: Sequence[int], rules: formula.Rules
) -> list[Lever]:
    """(d) new innovations in the missing basic-service urusan, (e) up to the floor k, (f) one per OPD without one.

    (d) is one lever: as many missing urusan as the coverage rule still needs (one new innovation
    each; the count score comes only with all of them), or every missing one once the rule is met.
    Each new innovation is assumed to reach the current average maturity.
    """
    average, per = situation.average(), situation.indicators
    found = []
    needed = len(missing_urusan)
    if rules.yandas_required and situation.covered < rules.yandas_required:
        needed = min(rules.yandas_required - situation.covered, needed)
    if needed:
        found.append(
            Lever(
                URUSAN,
                0,
                needed * per,
                average * needed,
                n=needed,
                covered=needed,
                count=needed,
                subjects=tuple(missing_urusan[:needed]),
            )
        )
    short = rules.divisor_floor - situation.n
    if short > 0:
        found.append(Lever(FLOOR, 0, short * per, average * short, n=short, count=short))
    if opds_without:
        count = len(opds_without)
        found.append(
            Lever(
                OPDS_WITHOUT,
                0,
                count * per,
                average * count,
                n=count,
                count=count,
                subjects=tuple(sorted(opds_without)),
            )
        )
    return found


# --- The plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    lever: Lever
    gain: Decimal  # exact index points this step adds after the steps before it
    iid: Decimal  # the published index after this step


@dataclass(frozen=True)
class Protector:
    """Something the top band rests on: losing it drops the index below the edge."""

    lever: Lever  # what would be lost (its maturity, n and covered negative)
    loss: Decimal  # index points lost, exact
    iid: Decimal  # the published index without it


@dataclass(frozen=True)
class Plan:
    iid: Decimal  # the published index now
    band: str
    target_band: str | None  # None: already in the top band
    edge: Decimal | None  # the published index to exceed
    steps: list[Step] = field(default_factory=list)
    reached: bool = False
    full_iid: Decimal | None = None  # when not reached: the index with every lever applied
    protectors: list[Protector] = field(default_factory=list)


def _next_band(band: str) -> str | None:
    position = BAND_ORDER.index(band)
    return BAND_ORDER[position + 1] if position + 1 < len(BAND_ORDER) else None


def _edge(band: str, rules: formula.Rules) -> Decimal:
    """The published index a band starts above."""
    if band == Band.VERY_INNOVATIVE:
        return rules.very_innovative_above
    if band == Band.INNOVATIVE:
        return rules.innovative_above
    return formula.ZERO


def _rate(gain: Decimal, work: int) -> Decimal:
    return gain / work if work > 0 else gain


def plan(
    situation: Situation,
    levers: Sequence[Lever],
    rules: formula.Rules,
    contributions: Iterable[tuple[int, Decimal, int]] = (),
) -> Plan:
    """The fewest levers, greedy by gain per unit of work, that cross the next band's edge.

    At every step the gains are recomputed after the steps taken (the divisor and the count
    score move with n). Equal rates go to the bigger gain, then the kind and key. Only kinds in
    PLANNED_KINDS are used. In the top band, the plan lists what protects it instead (see
    `protectors` for `contributions`).
    """
    now = situation.projection(rules)
    target = _next_band(now.band)
    if target is None:
        return Plan(now.iid, now.band, None, None, protectors=protectors(situation, rules, contributions))
    edge = _edge(target, rules)
    pool = [lever for lever in levers if lever.kind in PLANNED_KINDS]
    steps: list[Step] = []
    current = situation
    while pool:
        scored = [(lever.gain(current, rules), lever) for lever in pool]
        scored = [(gain, lever) for gain, lever in scored if gain > 0]
        if not scored:
            break
        gain, best = max(scored, key=lambda item: (_rate(item[0], item[1].work), item[0], item[1].kind, -item[1].key))
        pool.remove(best)
        current = best.applied(current)
        after = current.projection(rules)
        steps.append(Step(best, gain, after.iid))
        if after.iid > edge:
            return Plan(now.iid, now.band, target, edge, steps, reached=True)
    return Plan(now.iid, now.band, target, edge, steps, reached=False, full_iid=current.projection(rules).iid)


def protectors(
    situation: Situation,
    rules: formula.Rules,
    contributions: Iterable[tuple[int, Decimal, int]] = (),
) -> list[Protector]:
    """In the top band: the parts whose loss alone would drop the index below its edge.

    `contributions`: (indicator id, its points now Σ bobot × level, innovations at a level above 0).
    The basic-service coverage protects it when the count score would fall with one urusan less.
    """
    now = situation.projection(rules)
    edge = _edge(now.band, rules)
    losses = [
        Lever(INDICATOR, indicator_id, count, -points, count=count)
        for indicator_id, points, count in contributions
        if points > 0
    ]
    if situation.covered:
        losses.append(Lever(URUSAN, 0, situation.indicators, formula.ZERO, covered=-1, count=1))
    found = []
    for lever in losses:
        after = lever.applied(situation).projection(rules)
        if after.iid <= edge:
            found.append(Protector(lever, -lever.gain(situation, rules), after.iid))
    found.sort(key=lambda p: (-p.loss, p.lever.kind, p.lever.key))
    return found
