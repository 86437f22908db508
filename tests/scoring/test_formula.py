"""Golden tests of the IID arithmetic (domain reference §5), worked by hand."""

from decimal import Decimal as D

import pytest

from portal.catalogue.models import Band, Basis, Period
from scoring import formula
from scoring.calculate import rules_for
from scoring.formula import AnswerFacts, Group, Rules, band_of, maturity, project

RULES_2026 = Rules(12, D("0.38"), 200, 5, D(250), D("65.00"), D("40.00"), spd_maximum=D(63))
RULES_2023 = Rules(10, D("0.38"), 200, 0, D(250), D("60.00"), D("34.99"), spd_maximum=D(63))


TINY = "0.0000000001"


def q(value, places="0.0001"):
    return value.quantize(D(places))


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2023, 2026])
def test_the_maxima_are_re_derived_from_the_catalogue(year):
    period = Period.objects.get(year=year)
    assert (period.maximum("sid"), period.maximum("spd"), period.count_maximum) == (D(111), D(63), D(76))
    assert rules_for(period).total_maximum == D(250)


@pytest.mark.django_db
def test_rules_carry_the_constants_of_their_year():
    assert rules_for(Period.objects.get(year=2026)) == RULES_2026
    assert rules_for(Period.objects.get(year=2023)) == RULES_2023


# Indicator id -> bobot: regulasi 3, video 4, another 2, a small one 1, one still unanswered 2.
BOBOT = {16: D(3), 35: D(4), 17: D(2), 20: D(1), 21: D(2)}


def test_maturity_claimed_and_verified():
    answers = [
        AnswerFacts(16, 3, True, reviewed=True, verified_level=2),  # regulasi: 9 claimed, 6 verified
        AnswerFacts(35, 2, True, reviewed=True, verified_level=2),  # video: 8 and 8
        AnswerFacts(17, 3, False, reviewed=True, verified_level=3),  # no evidence: 0 and 0
        AnswerFacts(20, 3, True),  # not reviewed yet: 3 claimed, 0 verified
        AnswerFacts(99, 3, True, reviewed=True, verified_level=3),  # not an active SID indicator: nothing
    ]
    assert maturity(answers, BOBOT) == (D(20), D(14))


def test_a_verdict_counts_only_once_given_and_only_with_a_level():
    pending_with_a_level = AnswerFacts(16, 3, True, reviewed=False, verified_level=3)
    ruled_without_a_level = AnswerFacts(16, 3, True, reviewed=True, verified_level=None)
    assert formula.verified_level(pending_with_a_level) == formula.verified_level(ruled_without_a_level) == 0


def test_the_best_raise_of_one_innovation():
    # Counted now: 16 at 3 (no gain), 35 at 2 (gain 4), 17 at 0 without evidence (gain 6), 21 unanswered (gain 6).
    answers = [AnswerFacts(16, 3, True), AnswerFacts(35, 2, True), AnswerFacts(17, 3, False)]
    assert formula.best_raise(answers, BOBOT) == formula.Raise(D(6), 17, 0)  # 17 and 21 tie: the lower id
    at_the_top = [AnswerFacts(pk, 3, True) for pk in BOBOT]
    assert formula.best_raise(at_the_top, BOBOT) == formula.NO_RAISE


@pytest.mark.parametrize(
    ("submitted", "approved", "rejected", "rejected_count", "expected"),
    [
        (False, False, False, True, (False, False)),  # draft
        (True, False, False, True, (True, False)),  # submitted
        (True, True, False, True, (True, True)),  # approved
        (False, False, True, True, (True, True)),  # rejected: still in n
        (False, False, True, False, (False, False)),  # unless the period says otherwise
    ],
)
def test_which_projections_count_an_innovation(submitted, approved, rejected, rejected_count, expected):
    rules = Rules(12, D("0.38"), 200, 5, D(250), D("65.00"), D("40.00"), rejected_count_in_n=rejected_count)
    assert formula.counted_in(submitted, approved, rejected, rules) == expected


def test_a_level_without_evidence_counts_nothing():
    assert formula.indicator_score(D(4), 3, has_evidence=False) == 0
    assert formula.indicator_score(D(4), 3, has_evidence=True) == 12


def test_the_worked_example_of_2023():
    # §5.5: SPD 40; 20 innovations (2 rejected at 0) summing 1440; k = 10; no coverage rule.
    p = project(D(40), D(1440), 20, 0, RULES_2023)
    assert (p.divisor, p.maturity_part, p.count_score, p.sid, p.total) == (
        20,
        D(72),
        D("7.60"),
        D("79.60"),
        D("119.60"),
    )
    assert (p.iid, p.band) == (D("47.84"), Band.INNOVATIVE)


def test_fewer_than_k_innovations_are_still_divided_by_k():
    # 2026: 10 innovations summing 800, 5 of 6 basic-service urusan covered.
    p = project(D(40), D(800), 10, 5, RULES_2026)
    assert p.divisor == 12
    assert q(p.maturity_part) == D("66.6667")
    assert p.count_score == D("3.80")
    assert p.iid == D("44.19")  # 44,1867 as published
    assert p.band == Band.INNOVATIVE


def test_the_count_score_needs_the_coverage_rule_of_the_year():
    failing = project(D(40), D(800), 10, 4, RULES_2026)
    assert failing.count_score == 0
    assert failing.iid == D("42.67")  # 42,6667 as published
    passing = project(D(40), D(800), 10, 5, RULES_2026)
    assert passing.total - failing.total == D("3.80")
    # 2023 has no rule: the count always scores.
    assert project(D(0), D(0), 10, 0, RULES_2023).count_score == D("3.80")


def test_the_count_score_is_capped():
    assert formula.count_score(250, 6, RULES_2026) == D("76.00")
    assert formula.count_score(200, 6, RULES_2026) == D("76.00")


def test_the_maximum_city_scores_exactly_100():
    p = project(D(63), D(111) * 200, 200, 6, RULES_2026)
    assert (p.sid, p.total, p.iid, p.band) == (D(187), D(250), D(100), Band.VERY_INNOVATIVE)


@pytest.mark.parametrize(
    ("iid", "band_2023", "band_2026"),
    [
        ("0", Band.NOT_ASSESSABLE, Band.NOT_ASSESSABLE),
        ("0.004", Band.NOT_ASSESSABLE, Band.NOT_ASSESSABLE),
        ("0.005", Band.LESS_INNOVATIVE, Band.LESS_INNOVATIVE),
        ("34.99", Band.LESS_INNOVATIVE, Band.LESS_INNOVATIVE),
        ("34.995", Band.INNOVATIVE, Band.LESS_INNOVATIVE),
        ("35.00", Band.INNOVATIVE, Band.LESS_INNOVATIVE),
        ("40.00", Band.INNOVATIVE, Band.LESS_INNOVATIVE),
        ("40.01", Band.INNOVATIVE, Band.INNOVATIVE),
        ("60.00", Band.INNOVATIVE, Band.INNOVATIVE),
        ("60.01", Band.VERY_INNOVATIVE, Band.INNOVATIVE),
        ("65.00", Band.VERY_INNOVATIVE, Band.INNOVATIVE),
        ("65.004", Band.VERY_INNOVATIVE, Band.INNOVATIVE),
        ("65.01", Band.VERY_INNOVATIVE, Band.VERY_INNOVATIVE),
        ("100", Band.VERY_INNOVATIVE, Band.VERY_INNOVATIVE),
    ],
)
def test_band_edges(iid, band_2023, band_2026):
    assert (band_of(D(iid), RULES_2023), band_of(D(iid), RULES_2026)) == (band_2023, band_2026)


def test_distance_to_the_next_band():
    assert formula.next_band_gap(project(D(0), D(0), 0, 0, RULES_2026), RULES_2026) == D("40.01")
    assert formula.next_band_gap(project(D(100), D(0), 0, 0, RULES_2026), RULES_2026) == D("0.01")  # 40.00 → 40.01
    assert formula.next_band_gap(project(D(110), D(0), 0, 0, RULES_2026), RULES_2026) == D("21.01")  # 44 → 65.01
    assert formula.next_band_gap(project(D(63), D(111) * 200, 200, 6, RULES_2026), RULES_2026) is None


def test_opd_ranking_ties_go_to_more_innovations_then_share_a_rank():
    groups = [
        Group(1, None, verified_sum=D(100), verified_n=2, claimed_sum=D(120), claimed_n=2, active_n=2),
        Group(2, None, verified_sum=D(100), verified_n=3, claimed_sum=D(100), claimed_n=3, active_n=3),
        Group(3, 7, verified_sum=D(50), verified_n=1, claimed_sum=D(50), claimed_n=1, active_n=1),
        Group(3, 8, verified_sum=D(50), verified_n=1, claimed_sum=D(50), claimed_n=1, active_n=1),
    ]
    city = project(D(0), D(300), 7, 6, RULES_2026)
    ranked = formula.rank_opds([1, 2, 3, 4], groups, city, RULES_2026)
    # OPD 3's two bidang add up to 100 over 2 innovations: the same as OPD 1, so they share rank 2.
    assert [(r.opd_id, r.score, r.verified_n, r.rank) for r in ranked] == [
        (2, D(100), 3, 1),
        (1, D(100), 2, 2),
        (3, D(100), 2, 2),
        (4, D(0), 0, 4),
    ]


def test_opd_sid_points_add_up_to_the_city_sid():
    groups = [
        Group(1, None, verified_sum=D(90), verified_n=2, active_n=2),
        Group(2, None, verified_sum=D(30), verified_n=1, active_n=1),
    ]
    city = project(D(0), D(120), 3, 6, RULES_2026)
    ranked = formula.rank_opds([1, 2], groups, city, RULES_2026)
    assert [q(r.sid_points) for r in ranked] == [q(D(90) / 12 + D("1.14") * 2 / 3), q(D(30) / 12 + D("1.14") / 3)]
    assert sum(r.sid_points for r in ranked) == city.sid
    assert q(sum(r.sid_share for r in ranked), "0.01") == D("100.00")


def test_ranking_on_the_claimed_basis_when_the_period_says_so():
    rules = Rules(12, D("0.38"), 200, 5, D(250), D("65.00"), D("40.00"), ranking_basis=Basis.CLAIMED)
    groups = [Group(1, None, claimed_sum=D(10), claimed_n=1), Group(2, None, claimed_sum=D(20), claimed_n=1)]
    ranked = formula.rank_opds([1, 2], groups, project(D(0), D(30), 2, 0, rules), rules)
    assert [(r.opd_id, r.score, r.rank) for r in ranked] == [(2, D(20), 1), (1, D(10), 2)]


def test_targets():
    groups = [Group(1, 10, active_n=1), Group(2, None, active_n=0, claimed_n=1), Group(9, 90, active_n=1)]
    found = formula.targets([1, 2, 3], [10, 11, 20], groups, [101, 102, 103, 104, 105, 106], 0b100101)
    assert found == {
        "opds_total": 3,
        "opds_with": 1,
        "opds_without": [2, 3],
        "bidang_total": 3,
        "bidang_with": 1,
        "yandas_total": 6,
        "yandas_covered": [101, 103, 106],
    }
