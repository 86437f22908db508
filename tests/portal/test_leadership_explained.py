"""What the leadership pages explain where a reader stops (issue 16): maxima, the zero-score OPDs,
the official results of past years, a one-day trend, and the band bar and countdown as drawn.

The scored world (tests/scoring/world.py): claimed IID 0,67 (n 3), verified 0,47 (n 2); OPD A
scores 14, OPD B 0 (its only counted innovation is not approved).
"""

import re
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.catalogue.models import Period
from tests.pages import figure
from tests.scoring.world import scored

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored_innovations(personas):
    cache.clear()
    return scored(personas)


def _charts(response):
    return {chart.key: chart for chart in response.context["figures"].charts}


def test_the_scores_page_gives_every_part_with_its_maximum(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    page = client.get(reverse("scores")).content.decode()
    # 2026: SPD 21 rows × 3 = 63; SID 37 bobot × 3 = 111 plus the count score 200 × 0,38 = 76: 187; total 250.
    assert figure(page, "sid-klaim").endswith("/ 187")
    assert figure(page, "sid-terverifikasi").endswith("/ 187")
    for maximum in ("/ 63<", "/ 111<", "/ 76<", "/ 250<"):
        assert maximum in page


def test_zero_score_opds_are_one_line_of_the_ranking(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    response = client.get(reverse("scores"))
    assert [row.opd.name for row in response.context["ranking"]] == ["Dinas Uji A"]
    assert [row.opd.name for row in response.context["unscored"]] == ["Puskesmas Uji B"]
    page = response.content.decode()
    row = page[page.index('data-row="unscored"') :]
    row = row[: row.index("</tr>")]
    assert "1 OPD dengan skor 0" in row and "(1 diajukan)" in row
    assert reverse("opd-dashboard", args=[scored_innovations.opd_b.pk]) in row


def test_past_years_show_the_official_result_once_entered(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    before = client.get(reverse("dashboard-leadership"))  # the panels are cached from here on
    assert _charts(before)["years"].rows == [("2026", [0.67, 0.47, None])]
    past = Period.objects.get(year=2023)
    past.official_iid, past.official_band = D("52.18"), "inovatif"
    past.official_rank, past.official_regions = 27, 546
    past.save()  # a saved period starts a new stamp: the cached panels are drawn again
    after = client.get(reverse("dashboard-leadership"))
    years = _charts(after)["years"]
    assert years.rows == [("2023", [None, None, 52.18]), ("2026", [0.67, 0.47, None])]
    assert [name for name, _values in years.series] == ["Klaim", "Terverifikasi", "Resmi (Kemendagri)"]
    page = after.content.decode()
    assert "Resmi 2023: 52,18, Inovatif, peringkat 27 dari 546." in page
    assert "hanya menghitung inovasi yang disetujui Bappeda" in page


def test_an_official_result_with_only_its_band_is_said_without_a_number(client, scored_innovations):
    past = Period.objects.get(year=2023)
    past.official_band = "sangat_inovatif"
    past.save()
    client.force_login(scored_innovations.pimpinan)
    response = client.get(reverse("dashboard-leadership"))
    assert _charts(response)["years"].rows[0] == ("2023", [None, None, None])
    assert "Resmi 2023: Sangat Inovatif." in response.content.decode()


def test_a_rank_beyond_the_regions_ranked_is_refused():
    period = Period.objects.get(year=2023)
    period.official_rank, period.official_regions = 600, 546
    with pytest.raises(ValidationError) as refused:
        period.clean()
    assert refused.value.message_dict == {
        "official_rank": ["Peringkat tidak boleh melebihi jumlah daerah yang diperingkat."]
    }


def test_a_one_day_trend_is_said_not_drawn(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    page = client.get(reverse("dashboard-leadership")).content.decode()
    assert 'data-note="one-point"' in page
    assert 'data-chart="chart-trend-data"' not in page and 'id="chart-trend-data"' not in page
    assert 'id="chart-trend-table"' in page  # the one day's values stay readable


def test_the_band_bar_spans_the_width_and_the_countdown_keeps_its_parts_whole(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    page = client.get(reverse("dashboard-leadership")).content.decode()
    # The 2026 edges 40 and 65 in % of the width; the markers at the projections.
    assert '<rect class="band-kurang" x="0.00%" y="20" width="40.00%"' in page
    assert '<rect class="band-sangat" x="65.00%" y="20" width="35.00%"' in page
    assert 'x1="0.67%"' in page and 'x1="0.47%"' in page
    # Each part of the countdown is one unbreakable span: "N hari" and "M jam".
    countdown = re.search(r'data-figure="countdown">(.*?)</p>', page).group(1)
    parts = re.findall(r'<span class="text-nowrap">([^<]*)</span>', countdown)
    assert [part.split(" ")[1] for part in parts] == ["hari", "jam"]
