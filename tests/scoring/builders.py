"""Random periods for the property test: Hypothesis strategies, the rows they become, and the
result `scoring.formula` gives for them on its own (plain values in, no SQL).

The constants are drawn small (divisor floor 0–6, count cap 0–5, up to 9 innovations) so that n
falls below, at and above the floor k and above the cap within a few examples.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from hypothesis import strategies as st

from inovasi.models import Answer, Evidence, Inovasi
from portal.accounts.models import Bidang, Opd, User
from portal.catalogue.models import Basis, Indicator, Period, Urusan, YandasRule
from scoring import calculate, formula

S = Inovasi.Status
V = Answer.Verification
YEAR = 2100  # far from the seeded years; every example rolls its rows back
MAX_SID = 4  # active SID indicators; one archived one more
MAX_INNOVATIONS = 9


@dataclass(frozen=True)
class AnswerSpec:
    level: int
    evidence: int  # how many evidence rows (0: the level counts nothing)
    verification: str
    verified_level: int | None


@dataclass(frozen=True)
class InnovationSpec:
    opd: int  # 0 or 1: which of the two OPDs
    in_bidang: bool
    status: str
    national_outcome: str
    deleted: bool
    main_urusan: int | None  # index into the basic-service urusan, or -1: a non-basic one
    other_urusan: frozenset[int]  # indices into the basic-service urusan
    answers: tuple[AnswerSpec | None, ...]  # per SID indicator (the archived one last); None: unanswered


@dataclass(frozen=True)
class PeriodSpec:
    divisor_floor: int
    count_factor: Decimal
    count_cap: int
    yandas_required: int
    innovative_above: Decimal
    very_innovative_above: Decimal
    rejected_count_in_n: bool
    ranking_basis: str
    counts_irisan: bool
    sid_bobot: tuple[Decimal, ...]  # the active ones; an archived one (bobot 5) is added
    spd: tuple[tuple[Decimal, AnswerSpec | None], ...]  # (bobot, the region's answer)
    innovations: tuple[InnovationSpec, ...]
    later_status: str  # the first innovation's status after the first recompute (see moved_first)


# Often a few round weights, so that two raises tie and the tie rule is exercised.
bobots = st.sampled_from([Decimal(0), Decimal(1), Decimal(2)]) | st.decimals(min_value=0, max_value=5, places=2)
answers = st.builds(
    AnswerSpec,
    level=st.integers(0, 3),
    evidence=st.integers(0, 2),
    verification=st.sampled_from(V.values),
    verified_level=st.none() | st.integers(0, 3),
)


def _innovations(sid_count: int) -> st.SearchStrategy[InnovationSpec]:
    basic = st.integers(0, 5)
    return st.builds(
        InnovationSpec,
        opd=st.integers(0, 1),
        in_bidang=st.booleans(),
        status=st.sampled_from(S.values),
        national_outcome=st.sampled_from(["", *Inovasi.NationalOutcome.values]),
        deleted=st.integers(0, 5).map(lambda drawn: drawn == 5),  # now and then; shrinks to a live one
        main_urusan=st.none() | st.just(-1) | basic,
        other_urusan=st.frozensets(basic, max_size=3),
        answers=st.tuples(*[st.none() | answers] * (sid_count + 1)),
    )


@st.composite
def periods(draw: st.DrawFn) -> PeriodSpec:
    sid_bobot = draw(st.lists(bobots, min_size=1, max_size=MAX_SID))
    innovative_above = draw(st.decimals(min_value=0, max_value=80, places=2))
    return PeriodSpec(
        divisor_floor=draw(st.integers(0, 6)),
        count_factor=draw(st.sampled_from([Decimal(0), Decimal("0.38")]) | st.decimals(0, 3, places=3)),
        count_cap=draw(st.integers(0, 5)),
        yandas_required=draw(st.integers(0, 3)),
        innovative_above=innovative_above,
        very_innovative_above=innovative_above + draw(st.decimals(min_value=0, max_value=20, places=2)),
        rejected_count_in_n=draw(st.booleans()),
        ranking_basis=draw(st.sampled_from(Basis.values)),
        counts_irisan=draw(st.booleans()),
        sid_bobot=tuple(sid_bobot),
        spd=tuple(draw(st.lists(st.tuples(bobots, st.none() | answers), max_size=2))),
        innovations=tuple(draw(st.lists(_innovations(len(sid_bobot)), max_size=MAX_INNOVATIONS))),
        later_status=draw(st.sampled_from(S.values)),
    )


def equal_raises() -> PeriodSpec:
    """Raises that tie (three SID indicators of bobot 2): the lower indicator id must win.

    The first innovation's best raises are indicator 2, unanswered, and 3, at level 0 (6 each): an
    unanswered one against the query's best. The second's are 1 and 3, both at level 0: two answered.
    """
    at_0, at_1, at_3 = (AnswerSpec(level, 1, V.PENDING, None) for level in (0, 1, 3))
    innovations = tuple(
        InnovationSpec(0, False, S.SUBMITTED, "", False, None, frozenset(), answers=(*answered, None))
        for answered in ((at_1, None, at_0), (at_0, at_3, at_0))
    )
    return PeriodSpec(
        divisor_floor=12,
        count_factor=Decimal("0.38"),
        count_cap=200,
        yandas_required=5,
        innovative_above=Decimal("40.00"),
        very_innovative_above=Decimal("65.00"),
        rejected_count_in_n=True,
        ranking_basis=Basis.VERIFIED,
        counts_irisan=False,
        sid_bobot=(Decimal(2),) * 3,
        spd=(),
        innovations=innovations,
        later_status=S.APPROVED,
    )


# --- The rows ---------------------------------------------------------------------------------


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example's rows, gone when it ends (Hypothesis runs many examples in one test)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@dataclass(frozen=True)
class Built:
    spec: PeriodSpec
    period: Period
    sid: list[Indicator]  # in spec order, the archived one last
    spd: list[Indicator]
    inovasi: list[Inovasi]  # in spec order
    basic: list[int]  # the basic-service urusan, in the order of their bits in a mask


def build(spec: PeriodSpec) -> Built:
    """Write the spec's rows the quick way (bulk inserts: no signals, no dirty marks)."""
    user = User.objects.create(username="builder", email="builder@example.test")
    opds = Opd.objects.bulk_create(
        [Opd(name=f"OPD Acak {i}", short_name=f"OA{i}", kind=Opd.Kind.DINAS) for i in range(2)]
    )
    bidang = Bidang.objects.create(opd=opds[0], name="Bidang Acak")
    period = Period.objects.create(
        year=YEAR,
        name="Periode acak",
        sid_divisor_floor=spec.divisor_floor,
        count_factor=spec.count_factor,
        count_cap=spec.count_cap,
        yandas_required=spec.yandas_required,
        band_innovative_above=spec.innovative_above,
        band_very_innovative_above=spec.very_innovative_above,
        rejected_count_in_n=spec.rejected_count_in_n,
        opd_ranking_basis=spec.ranking_basis,
        yandas_rule=YandasRule.MAIN_AND_IRISAN if spec.counts_irisan else YandasRule.MAIN,
    )
    sid = _indicators(period, Indicator.Scope.SID, [*spec.sid_bobot, Decimal(5)], archived_last=True)
    spd = _indicators(period, Indicator.Scope.SPD, [bobot for bobot, _answer in spec.spd])
    basic = calculate.yandas_ids()
    other = Urusan.objects.exclude(group=Urusan.Group.PELAYANAN_DASAR).values_list("pk", flat=True).first()
    inovasi = Inovasi.objects.bulk_create(
        [
            _inovasi(period, opds[s.opd], bidang if s.opd == 0 and s.in_bidang else None, s, basic, other, user)
            for s in spec.innovations
        ]
    )
    Inovasi.urusan_lain.through.objects.bulk_create(
        Inovasi.urusan_lain.through(inovasi_id=i.pk, urusan_id=basic[u])
        for i, s in zip(inovasi, spec.innovations, strict=True)
        for u in s.other_urusan
    )
    region = [(None, indicator, a) for indicator, (_bobot, a) in zip(spd, spec.spd, strict=True)]
    per_innovation = [
        (i, indicator, a)
        for i, s in zip(inovasi, spec.innovations, strict=True)
        for indicator, a in zip(sid, s.answers, strict=True)
    ]
    _answers([entry for entry in region + per_innovation if entry[2] is not None], user)
    return Built(spec, period, sid, spd, inovasi, basic)


def _indicators(period: Period, scope: str, bobot: list[Decimal], archived_last: bool = False) -> list[Indicator]:
    return Indicator.objects.bulk_create(
        Indicator(
            period=period,
            scope=scope,
            number=str(position + 1),
            name=f"Indikator {scope} {position + 1}",
            bobot=value,
            level_1="1",
            level_2="2",
            level_3="3",
            evidence_kinds=["url"],
            is_archived=archived_last and position == len(bobot) - 1,
        )
        for position, value in enumerate(bobot)
    )


def _inovasi(
    period: Period,
    opd: Opd,
    bidang: Bidang | None,
    spec: InnovationSpec,
    basic: list[int],
    other: int | None,
    user: User,
) -> Inovasi:
    main = None if spec.main_urusan is None else other if spec.main_urusan < 0 else basic[spec.main_urusan]
    return Inovasi(
        period=period,
        opd=opd,
        bidang=bidang,
        name="Inovasi acak",
        status=spec.status,
        national_outcome=spec.national_outcome,
        urusan_utama_id=main,
        deleted_at=timezone.now() if spec.deleted else None,
        created_by=user,
    )


def _answers(entries: list[tuple[Inovasi | None, Indicator, AnswerSpec]], user: User) -> None:
    rows = Answer.objects.bulk_create(
        Answer(
            inovasi=inovasi,
            indicator=indicator,
            level=a.level,
            verification=a.verification,
            verified_level=a.verified_level,
        )
        for inovasi, indicator, a in entries
    )
    Evidence.objects.bulk_create(
        Evidence(answer=row, kind="url", url="https://bukti.example.test/", subject="Bukti", uploaded_by=user)
        for row, (_inovasi, _indicator, a) in zip(rows, entries, strict=True)
        for _copy in range(a.evidence)
    )


def moved_first(built: Built) -> Built:
    """The first innovation moved to the spec's later status (as a queryset update: the caller marks it)."""
    if not built.inovasi:
        return built
    Inovasi.objects.filter(pk=built.inovasi[0].pk).update(status=built.spec.later_status)
    first, *rest = built.spec.innovations
    moved = replace(first, status=built.spec.later_status)
    return replace(built, spec=replace(built.spec, innovations=(moved, *rest)))


# --- What the formula says, from the spec alone ------------------------------------------------


@dataclass(frozen=True)
class Expected:
    rules: formula.Rules
    rows: dict[int, calculate.InnovationRow]  # the live innovations
    spd: Decimal
    projections: dict[str, formula.Projection]


def expected(built: Built) -> Expected:
    spec = built.spec
    active_sid = built.sid[:-1]
    bobot = {indicator.pk: indicator.bobot for indicator in active_sid}
    rules = formula.Rules(
        divisor_floor=spec.divisor_floor,
        count_factor=spec.count_factor,
        count_cap=spec.count_cap,
        yandas_required=spec.yandas_required,
        total_maximum=formula.total_maximum(
            [*bobot.values(), *(b for b, _a in spec.spd)], spec.count_factor, spec.count_cap
        ),
        very_innovative_above=spec.very_innovative_above,
        innovative_above=spec.innovative_above,
        ranking_basis=spec.ranking_basis,
        rejected_count_in_n=spec.rejected_count_in_n,
        counts_irisan=spec.counts_irisan,
        spd_maximum=sum((b for b, _a in spec.spd), Decimal(0)) * formula.TOP_LEVEL,
    )
    rows = {
        i.pk: _expected_row(i, s, built, bobot, rules)
        for i, s in zip(built.inovasi, spec.innovations, strict=True)
        if not s.deleted
    }
    spd = formula.spd_score((b, a.level) for b, a in spec.spd if a is not None and a.evidence)
    groups = list(formula.group_totals(rows.values()).values())
    projections = {basis: formula.city(spd, groups, basis, rules) for basis in Basis.values}
    return Expected(rules, rows, spd, projections)


def _facts(built: Built, spec: InnovationSpec) -> list[formula.AnswerFacts]:
    return [
        formula.AnswerFacts(
            indicator.pk,
            a.level,
            bool(a.evidence),
            reviewed=a.verification != V.PENDING,
            verified_level=a.verified_level,
        )
        for indicator, a in zip(built.sid, spec.answers, strict=True)
        if a is not None
    ]


def _expected_row(
    inovasi: Inovasi, spec: InnovationSpec, built: Built, bobot: dict[int, Decimal], rules: formula.Rules
) -> calculate.InnovationRow:
    facts = _facts(built, spec)
    claimed, verified = formula.maturity(facts, bobot)
    best = formula.best_raise(facts, bobot)
    rejected = formula.rejected_nationally(
        spec.status == S.SENT, spec.national_outcome == Inovasi.NationalOutcome.REJECTED
    )
    counted = formula.counted_in(
        spec.status in Inovasi.CLAIMED_STATUSES, spec.status in Inovasi.APPROVED_STATUSES, rejected, rules
    )
    covered = set(spec.other_urusan) if rules.counts_irisan else set()
    covered |= {spec.main_urusan} if spec.main_urusan not in (None, -1) else set()
    return calculate.InnovationRow(
        inovasi_id=inovasi.pk,
        opd_id=inovasi.opd_id,
        bidang_id=inovasi.bidang_id,
        claimed=claimed,
        verified=verified,
        in_claimed=counted.in_claimed,
        in_verified=counted.in_verified,
        rejected=rejected,
        yandas=sum(1 << position for position in covered),
        lever_gain=best.gain,
    )
