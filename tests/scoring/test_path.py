"""The path to the next band (scoring.path), worked by hand on small numbers.

The rules: maximum 100 (so score points are index points), divisor floor 4, count score 1 per
innovation once 2 basic-service urusan are covered. Each new or verified innovation is 2 answers
of work (2 SID indicators).
"""

from decimal import Decimal as D

from portal.catalogue.models import Band
from scoring import path
from scoring.formula import Rules
from scoring.path import IndicatorLevels, Lever, Situation


def rules(very: str, innovative: str) -> Rules:
    return Rules(4, D(1), 10, 2, D(100), D(very), D(innovative))


# Claimed: SPD 20, Σ maturity 60 over 3 innovations (divisor 4: 15), 1 urusan covered (count 0):
# 35,00, Kurang Inovatif.
CLAIMED = Situation(spd=D(20), maturity_sum=D(60), n=3, covered=1, live_n=3, indicators=2)
# Indicator 1 (bobot 2): levels 3, 0, 0 -> 2 below the top, Σ(3 − level) = 6 -> +12 maturity, 2 answers.
# Indicator 2 (bobot 1): nobody answered -> 3 below, +9 maturity, 3 answers.
LEVELS = [IndicatorLevels(1, D(2), level_sum=3, at_top=1), IndicatorLevels(2, D(1), level_sum=0, at_top=0)]


def claimed_levers():
    return path.indicator_levers(LEVELS, 3) + path.new_innovation_levers(CLAIMED, [7], [], rules("60", "48"))


def test_grouped_levers_carry_their_sums_and_work():
    urusan_rules = rules("60", "48")
    assert path.indicator_levers(LEVELS, 3) == [
        Lever(path.INDICATOR, 1, work=2, maturity=D(12), count=2),
        Lever(path.INDICATOR, 2, work=3, maturity=D(9), count=3),
    ]
    # A new innovation reaches the average 60 / 3 = 20; the floor 4 is 1 short; two OPDs without one.
    assert path.new_innovation_levers(CLAIMED, [7], [5, 3], urusan_rules) == [
        Lever(path.URUSAN, 0, work=2, maturity=D(20), n=1, covered=1, count=1, subjects=(7,)),
        Lever(path.FLOOR, 0, work=2, maturity=D(20), n=1, count=1),
        Lever(path.OPDS_WITHOUT, 0, work=4, maturity=D(40), n=2, count=2, subjects=(3, 5)),
    ]
    # Nothing covered yet: the rule needs 2 of the 3 missing, one lever (the count score comes with both).
    bare = Situation(spd=D(0), maturity_sum=D(30), n=3, covered=0, live_n=3, indicators=2)
    assert path.new_innovation_levers(bare, [7, 8, 9], [], urusan_rules)[0] == Lever(
        path.URUSAN, 0, work=4, maturity=D(20), n=2, covered=2, count=2, subjects=(7, 8)
    )
    # Gains from exact totals: +12 / 4; the urusan: (80 / 4 + 4 × 1 + 20) − 35 = 9.
    gains = [lever.gain(CLAIMED, urusan_rules) for lever in claimed_levers()]
    assert gains == [D(3), D("2.25"), D(9), D(5)]


def test_opd_and_verification_levers():
    assert path.opd_levers({4: [(10, D("1.5")), (11, D(0)), (12, D(3))], 6: [(13, D(0))]}) == [
        Lever(path.OPD, 4, work=2, maturity=D("4.5"), count=2, subjects=(10, 12))
    ]
    assert path.verify_lever(D(30), [9, 8], 1, 2) == [
        Lever(path.VERIFY, 0, work=4, maturity=D(30), n=2, covered=1, count=2, subjects=(8, 9))
    ]
    assert path.verify_lever(D(0), [], 0, 2) == []


def test_the_claimed_plan_is_greedy_by_gain_per_answer_and_stops_past_the_edge():
    # Rates: urusan 9 / 2 = 4,5; floor 5 / 2; indicator 1 3 / 2; indicator 2 2,25 / 3.
    # 1. urusan: 44,00. 2. indicator 1 (+12 / 4 = 3; the floor now adds only 1 / 2): 47,00.
    # 3. indicator 2 (+2,25; the floor: 121 / 5 + 5 + 20 = 49,2, +0,2): 49,25 > 48,00.
    found = path.plan(CLAIMED, claimed_levers(), rules("60", "48"))
    assert (found.iid, found.band, found.target_band, found.edge) == (
        D("35.00"),
        Band.LESS_INNOVATIVE,
        Band.INNOVATIVE,
        D(48),
    )
    assert [(s.lever.kind, s.lever.key, s.gain, s.iid) for s in found.steps] == [
        (path.URUSAN, 0, D(9), D("44.00")),
        (path.INDICATOR, 1, D(3), D("47.00")),
        (path.INDICATOR, 2, D("2.25"), D("49.25")),
    ]
    assert found.reached and found.full_iid is None


def test_the_verified_plan_verifies_first():
    # Verified: Σ 30 over 2 (divisor 4: 7,5), 1 urusan: 27,50. Waiting: one innovation claiming 30
    # that adds the second urusan. Indicator 1 (bobot 2): levels 1 and 1 -> +8.
    verified = Situation(spd=D(20), maturity_sum=D(30), n=2, covered=1, live_n=2, indicators=2)
    the_rules = rules("60", "40")
    levers = (
        path.indicator_levers([IndicatorLevels(1, D(2), level_sum=2, at_top=0)], 2)
        + path.verify_lever(D(30), [8], 1, 2)
        + path.new_innovation_levers(verified, [7], [], the_rules)
    )
    # Rates: verify (60 / 4 + 3 + 20 = 38: +10,5) / 2; urusan (average 15: 45 / 4 + 3 + 20 = 34,25:
    # +6,75) / 2; floor (45 / 4 + 20 = 31,25: +3,75) / 4; indicator (+2) / 2.
    # 1. verify: 38,00. 2. urusan (75 / 4 + 4 + 20 = 42,75, +4,75 against the indicator's +2): 42,75.
    found = path.plan(verified, levers, the_rules)
    assert [(s.lever.kind, s.gain, s.iid) for s in found.steps] == [
        (path.VERIFY, D("10.5"), D("38.00")),
        (path.URUSAN, D("4.75"), D("42.75")),
    ]
    assert found.reached and found.target_band == Band.INNOVATIVE


def test_no_plan_reaches_the_edge_says_how_far_everything_gets():
    # As the claimed plan, then the floor lever would lose (121 / 5 + 5 + 20 = 49,20 < 49,25).
    found = path.plan(CLAIMED, claimed_levers(), rules("60", "50"))
    assert not found.reached
    assert [s.lever.kind for s in found.steps] == [path.URUSAN, path.INDICATOR, path.INDICATOR]
    assert found.full_iid == D("49.25")


def test_in_the_top_band_the_plan_names_what_protects_it():
    # 60 / 4 + 3 (2 urusan) + 20 = 38,00 above 30. Without indicator 1's 40 points: 5 + 3 + 20 = 28,00;
    # without indicator 2's 20: 33,00; without one urusan: 35,00. Only indicator 1 protects it.
    top = Situation(spd=D(20), maturity_sum=D(60), n=3, covered=2, live_n=3, indicators=2)
    found = path.plan(top, [Lever(path.INDICATOR, 1, 1, D(3))], rules("30", "20"), [(1, D(40), 3), (2, D(20), 3)])
    assert (found.band, found.target_band, found.steps) == (Band.VERY_INNOVATIVE, None, [])
    assert [(p.lever.kind, p.lever.key, p.loss, p.iid) for p in found.protectors] == [
        (path.INDICATOR, 1, D(10), D("28.00"))
    ]
    # With the coverage exactly at the rule and a thin margin, the urusan protects it too.
    thin = Situation(spd=D(10), maturity_sum=D(80), n=3, covered=2, live_n=3, indicators=2)  # 20 + 3 + 10 = 33
    kinds = [(p.lever.kind, p.loss) for p in path.plan(thin, [], rules("30", "20"), [(1, D(20), 3)]).protectors]
    assert kinds == [(path.INDICATOR, D(5)), (path.URUSAN, D(3))]
