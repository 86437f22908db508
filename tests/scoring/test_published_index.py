"""The index is rounded once, half-up to 2 decimals, as BSKDN publishes it (issue 14 item 6).

An exact 34,99497 must read "34,99 · Kurang Inovatif" on every page, with 0,01 to the next band;
rounding the stored value again (half-to-even at 4 places, then half-up to 2) printed "35,00".
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from portal.catalogue.models import Basis, Indicator
from scoring import recompute
from scoring.models import CityScore
from tests.inovasi.factories import current_period, make_inovasi, sid_indicator
from tests.pages import figure
from tests.scoring.world import S, answer, with_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_at_the_band_edge(personas):
    """One indicator of bobot 100 left active, at level 3 verified 3: 300 / 857,266 × 100 = 34,99497…

    Maximum: 3 × 100 + the count factor 557,266 × cap 1. The coverage rule (6 urusan pelayanan dasar)
    is not met, so the count score is 0 and the total is the innovation's 300.
    """
    period = current_period()
    kept = sid_indicator(period, 16)
    Indicator.objects.filter(period=period).exclude(pk=kept.pk).update(is_archived=True)
    Indicator.objects.filter(pk=kept.pk).update(bobot=D(100))
    period.band_innovative_above, period.count_factor, period.count_cap = D("34.99"), D("557.266"), 1
    period.sid_divisor_floor, period.yandas_required = 1, 6
    period.save()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period, name="Tepi")
    answer(inovasi, 16, 3, personas.operator_a, verified=3)
    with_status(inovasi, S.APPROVED)
    recompute.run(period.pk, full=True)
    return period


def test_the_stored_index_is_the_published_one(index_at_the_band_edge):
    stored = CityScore.objects.filter(period=index_at_the_band_edge).values_list("basis", "total", "iid", "band")
    assert sorted(stored) == [
        (Basis.CLAIMED, D(300), D("34.99"), "kurang_inovatif"),
        (Basis.VERIFIED, D(300), D("34.99"), "kurang_inovatif"),
    ]


def test_the_leadership_dashboard_prints_it_with_its_band_and_gap(client, personas, index_at_the_band_edge):
    client.force_login(personas.pimpinan)
    page = client.get(reverse("home")).content.decode()
    assert (figure(page, "iid-klaim"), figure(page, "iid-terverifikasi")) == ("34,99", "34,99")
    assert "35,00" not in page
    assert page.count("0,01 poin indeks lagi menuju predikat berikutnya.") == 2
    assert page.count(">Kurang Inovatif</span>") == 2


def test_the_scores_page_prints_it_the_same(client, personas, index_at_the_band_edge):
    client.force_login(personas.admin)
    page = client.get(reverse("scores")).content.decode()
    assert page.count('<span class="display-5">34,99</span>') == 2
    assert "35,00" not in page
    assert page.count("0,01 poin indeks lagi menuju predikat berikutnya.") == 2
