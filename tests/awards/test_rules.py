"""The award's rules: the table against hand-worked figures, the jury's privacy, the frozen decision."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.accounts.models import Opd
from portal.audit.models import AuditEntry
from portal.awards import rules
from portal.awards.models import AwardFrozen, Category, Criterion, JuryScore, Result
from portal.catalogue.models import Period
from tests.awards.builders import make_award, opd_score
from tests.personas import make_user

pytestmark = pytest.mark.django_db

ZERO = {f"weight_{kind}": "0" for kind in Criterion.Kind.values}


@pytest.fixture
def contest(personas):
    """Three OPDs of the current period with stored scores, A and B shortlisted, two jurors."""
    period = Period.objects.current()
    opd_c = Opd.objects.create(name="Dinas Uji C", short_name="DUC", kind=Opd.Kind.BADAN)
    opd_score(period, personas.opd_a, score=50, rank=1, verified_sum=48, verified_n=1)
    opd_score(period, personas.opd_b, score=40, rank=2, verified_sum=40, verified_n=4)
    opd_score(period, opd_c, score=10, rank=3, verified_sum=9, verified_n=6)
    personas.opd_c = opd_c
    personas.juror_2 = make_user("juri_dua")
    personas.award = make_award(
        period, jurors=[personas.pendamping, personas.juror_2], shortlist=[personas.opd_a, personas.opd_b]
    )
    return personas


def _score(award, juror, opd, points):
    values = dict.fromkeys(JuryScore.RUBRIC, points)
    return rules.save_jury_score(award, juror, opd, values)


def _names(rows):
    return [row.opd.short_name for row in rows]


def test_the_default_criteria_reproduce_the_opd_ranking(contest):
    rows = rules.compute(contest.award)

    assert _names(rows) == ["DUA", "PUB", "DUC"]
    assert [row.total for row in rows] == [Decimal(50), Decimal(40), Decimal(10)]
    assert [row.rank for row in rows] == [1, 2, 3]


def test_equal_scores_keep_the_opd_rankings_order(contest):
    period = contest.award.period
    opd_score(period, contest.opd_b, score=50, rank=1)
    opd_score(period, contest.opd_a, score=50, rank=2)

    assert _names(rules.compute(contest.award)) == ["PUB", "DUA", "DUC"]


def test_changed_criteria_change_the_ranking_exactly_as_computed_by_hand(contest):
    award = contest.award
    _score(award, contest.pendamping, contest.opd_a, 10)  # 100
    _score(award, contest.juror_2, contest.opd_a, 4)  # 40 → A's mean 70
    _score(award, contest.pendamping, contest.opd_b, 5)  # 50 → B's mean 50
    posted = {**ZERO, "weight_opd_score": "1", "weight_approved": "10", "weight_jury": "0,5"}

    rules.set_weights(award, rules.parse_weights(posted), actor=contest.admin)

    # By hand: A = 50 + 10 × 1 + 0.5 × 70 = 95; B = 40 + 10 × 4 + 0.5 × 50 = 105; C = 10 + 10 × 6 + 0 = 70.
    rows = rules.compute(award)
    assert _names(rows) == ["PUB", "DUA", "DUC"]
    assert [row.total for row in rows] == [Decimal(105), Decimal(95), Decimal(70)]
    b = rows[0]
    assert b.parts[Criterion.Kind.APPROVED] == (Decimal(4), Decimal(10), Decimal(40))
    assert b.parts[Criterion.Kind.JURY] == (Decimal(50), Decimal("0.5"), Decimal(25))
    entry = AuditEntry.objects.get(action="award.criteria")
    assert (entry.before["jury"], entry.after["jury"]) == ("0.000", "0.500")


def test_verified_maturity_and_follow_up_as_criteria(contest):
    # No mentoring actions were asked of anyone: every OPD's follow-up is 100.
    posted = {**ZERO, "weight_verified_maturity": "2", "weight_follow_up": "0.1"}
    rules.set_weights(contest.award, rules.parse_weights(posted), actor=contest.admin)

    rows = rules.compute(contest.award)
    # A = 2 × 48 + 10 = 106; B = 2 × 40 + 10 = 90; C = 2 × 9 + 10 = 28.
    assert [(row.opd.short_name, row.total) for row in rows] == [
        ("DUA", Decimal(106)),
        ("PUB", Decimal(90)),
        ("DUC", Decimal(28)),
    ]


@pytest.mark.parametrize("bad", ["", "abc", "-1", "10000", "NaN", "1e400"])
def test_a_bad_weight_is_refused_and_nothing_changes(contest, bad):
    with pytest.raises(rules.AwardRefused):
        rules.parse_weights({**ZERO, "weight_jury": bad})
    assert not AuditEntry.objects.filter(action="award.criteria").exists()


def test_a_juror_sees_only_his_own_scores_until_the_jury_is_closed(contest):
    award = contest.award
    mine = _score(award, contest.pendamping, contest.opd_a, 8)
    theirs = _score(award, contest.juror_2, contest.opd_a, 3)

    assert list(rules.scores_visible_to(award, contest.pendamping)) == [mine]
    assert list(rules.scores_visible_to(award, contest.juror_2)) == [theirs]
    assert list(rules.scores_visible_to(award, contest.pimpinan)) == []
    assert set(rules.scores_visible_to(award, contest.admin)) == {mine, theirs}

    rules.close_jury(award, actor=contest.admin)
    award.refresh_from_db()

    assert set(rules.scores_visible_to(award, contest.pendamping)) == {mine, theirs}
    assert list(rules.scores_visible_to(award, contest.pimpinan)) == []


def test_the_jury_scores_only_the_shortlist_and_only_while_open(contest):
    award = contest.award
    with pytest.raises(rules.AwardRefused):
        _score(award, contest.pendamping, contest.opd_c, 5)  # not shortlisted
    with pytest.raises(rules.AwardRefused):
        _score(award, contest.pimpinan, contest.opd_a, 5)  # not a juror
    with pytest.raises(rules.AwardRefused):
        rules.parse_rubric({"substance": "11", "impact": "1", "presentation": "1"})
    rules.close_jury(award, actor=contest.admin)
    award.refresh_from_db()
    with pytest.raises(rules.AwardRefused):
        _score(award, contest.pendamping, contest.opd_a, 5)
    assert not JuryScore.objects.exists()


def test_the_decision_names_a_winner_per_category_and_freezes_the_table(contest):
    award = contest.award
    _score(award, contest.pendamping, contest.opd_b, 9)
    with pytest.raises(rules.AwardRefused):
        rules.decide(award, timezone.localdate(), actor=contest.admin)  # the jury is still open
    rules.close_jury(award, actor=contest.admin)

    rules.decide(award, date(2026, 11, 30), actor=contest.admin)
    award.refresh_from_db()

    frozen = [(row.opd.short_name, row.total, row.rank) for row in rules.table(award)]
    assert frozen == [("DUA", Decimal(50), 1), ("PUB", Decimal(40), 2), ("DUC", Decimal(10), 3)]
    winners = {(result.opd.short_name, result.category) for result in rules.winners(award)}
    assert winners == {("DUA", Category.PERANGKAT_DAERAH), ("PUB", Category.PUSKESMAS)}
    assert award.decided_on == date(2026, 11, 30) and award.decided_by == contest.admin
    assert AuditEntry.objects.get(action="award.decided").after["decided_on"] == "2026-11-30"

    # After the decision nothing changes: the rules refuse, the rows refuse, new scores do not move it.
    audit_rows = AuditEntry.objects.count()
    with pytest.raises(rules.AwardRefused):
        rules.set_weights(award, rules.parse_weights({**ZERO, "weight_approved": "100"}), actor=contest.admin)
    with pytest.raises(rules.AwardRefused):
        rules.decide(award, date(2026, 12, 1), actor=contest.admin)
    with pytest.raises(rules.AwardRefused):
        _score(award, contest.pendamping, contest.opd_a, 10)
    with pytest.raises(AwardFrozen):
        Criterion.objects.filter(award=award).first().save()
    with pytest.raises(AwardFrozen):
        Result.objects.filter(award=award).first().save()
    opd_score(award.period, contest.opd_c, score=999, rank=1)

    assert [(row.opd.short_name, row.total, row.rank) for row in rules.table(award)] == frozen
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.parametrize("text", ["", "kemarin", "2026-02-30", "2026-13-01"])
def test_a_bad_decision_date_is_refused(text):
    with pytest.raises(rules.AwardRefused):
        rules.parse_decision_date(text)


def test_a_decision_date_in_the_future_is_refused():
    with pytest.raises(rules.AwardRefused):
        rules.parse_decision_date((timezone.localdate() + timedelta(days=1)).isoformat())
