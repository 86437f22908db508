"""Which urusan count towards the basic-service coverage: a rule of the period (issue 14 item 5).

By default only an innovation's main urusan counts; the period may count its irisan urusan too.
The dashboards say which rule is in force.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from portal.catalogue.models import Basis, Urusan, YandasRule
from scoring import calculate, recompute
from scoring.models import CityScore, ScoreState
from tests.scoring.world import build

pytestmark = pytest.mark.django_db

MAIN_ONLY = "Dihitung dari urusan utama setiap inovasi saja (aturan periode)."
WITH_IRISAN = "Dihitung dari urusan utama dan urusan irisan setiap inovasi (aturan periode)."


@pytest.fixture
def x_with_irisan(personas):
    """The hand-worked world (every innovation's main urusan: Kesehatan) with X also in five other
    basic services as irisan: 1 basic service covered by main urusan, 6 with the irisan ones."""
    built = build(personas)
    others = Urusan.objects.filter(group=Urusan.Group.PELAYANAN_DASAR).exclude(name="Kesehatan")
    built.x.urusan_lain.add(*others)
    return built


def _coverage(period, rule):
    period.yandas_rule = rule
    period.save()
    recompute.run(period.pk, full=True)
    claimed = CityScore.objects.get(period=period, basis=Basis.CLAIMED)
    covered = ScoreState.objects.get(period=period).targets["yandas_covered"]
    return claimed.yandas_covered, claimed.count_score, claimed.iid, len(covered)


def test_by_default_only_the_main_urusan_counts(x_with_irisan):
    assert x_with_irisan.period.yandas_rule == YandasRule.MAIN
    # 1 of the 5 required: no count score; IID 20 / 12 / 250 × 100 = 0,67.
    assert _coverage(x_with_irisan.period, YandasRule.MAIN) == (1, D(0), D("0.67"), 1)


def test_the_period_may_count_the_irisan_urusan_too(x_with_irisan):
    # 6 covered: the count score 0,38 × 3 = 1,14 applies; IID (20 / 12 + 1,14) / 250 × 100 = 1,1227 → 1,12.
    assert _coverage(x_with_irisan.period, YandasRule.MAIN_AND_IRISAN) == (6, D("1.14"), D("1.12"), 6)
    assert calculate.rules_for(x_with_irisan.period).counts_irisan is True


@pytest.mark.parametrize(
    ("rule", "sentence"), [(YandasRule.MAIN, MAIN_ONLY), (YandasRule.MAIN_AND_IRISAN, WITH_IRISAN)]
)
def test_the_dashboards_say_which_rule_is_in_force(client, x_with_irisan, rule, sentence):
    _coverage(x_with_irisan.period, rule)
    client.force_login(x_with_irisan.pimpinan)
    leadership = client.get(reverse("home")).content.decode()
    scores = client.get(reverse("scores")).content.decode()
    assert (sentence in leadership, sentence in scores) == (True, True)
