"""The path to the next band as the recompute stores it and the pages show it (the hand-worked world).

Claimed: X 17 + Y 3 over n 3 (Z rejected, still in n), divisor k = 12, maximum 250: 0,67.
Verified: X 14 over n 2: 0,47. Both Kurang Inovatif; the next edge is Inovatif above 40,00.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from scoring.models import ScoreState
from tests.scoring.world import scored

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored_innovations(personas):
    return scored(personas)


def _path(scored_innovations):
    return ScoreState.objects.get(period=scored_innovations.period).targets["path"]


def _lever(levers, kind, key=None):
    return next(lever for lever in levers if lever["kind"] == kind and (key is None or lever["key"] == key))


def test_the_recompute_stores_the_grouped_levers_with_exact_gains(scored_innovations):
    from tests.inovasi.factories import sid_indicator

    path = _path(scored_innovations)
    claimed, verified = path["klaim"], path["terverifikasi"]
    assert (claimed["iid"], claimed["band"], claimed["target_band"], claimed["edge"]) == (
        "0.6700",
        "kurang_inovatif",
        "inovatif",
        "40.0000",
    )
    # Indicator 35 (bobot 4): X at 2, Y unanswered: 4 × (1 + 3) = 16 / 12 / 250 × 100.
    video = _lever(claimed["levers"], "indicator", sid_indicator(scored_innovations.period, 35).pk)
    assert (video["gain"], video["count"], video["work"], video["number"]) == ("0.5333", 2, 2, "35")
    # It names the two innovations below the top, the lowest first (Y unanswered, then X at 2), for links.
    assert video["subjects"] == [
        {"id": scored_innovations.y.pk, "name": "Y"},
        {"id": scored_innovations.x.pk, "name": "X"},
    ]
    assert video["more"] == 0
    # Indicator 17 (bobot 2): X's level 3 has no evidence, so it counts 0: 2 × 6 = 12 -> 0,40.
    assert _lever(claimed["levers"], "indicator", sid_indicator(scored_innovations.period, 17).pk)["gain"] == "0.4000"
    # OPD B: Y's best raise, indicator 35 from 0 to 3 (bobot 4 × 3 = 12) -> 0,40.
    opd_b = _lever(claimed["levers"], "opd", scored_innovations.opd_b.pk)
    assert (opd_b["gain"], opd_b["count"], opd_b["name"]) == (
        "0.4000",
        1,
        scored_innovations.opd_b.short_name or scored_innovations.opd_b.name,
    )
    # Verifying Y at its claim adds 3 to Σ and 1 to n (still under k): 3 / 12 / 250 × 100 = 0,10.
    verify = _lever(verified["levers"], "verify")
    assert (verify["gain"], verify["count"], verify["subjects"]) == (
        "0.1000",
        1,
        [{"id": scored_innovations.y.pk, "name": "Y"}],
    )
    assert not any(lever["kind"] == "verify" for lever in claimed["levers"])
    # The edge is far: every lever together does not reach 40,00, and the page says how far they get.
    for plan in (claimed, verified):
        assert not plan["reached"] and plan["steps"] and D(plan["full_iid"]) < D(40)
    # Kesehatan is the one basic-service urusan covered; the rule of 2026 needs 5: one lever for 4 more.
    urusan = _lever(claimed["levers"], "urusan")
    assert (urusan["count"], urusan["work"], len(urusan["subjects"])) == (4, 80, 4)


def test_the_pages_show_the_path_with_links_to_what_it_concerns(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    scores_page = client.get(reverse("scores")).content.decode()
    assert reverse("inovasi-detail", args=[scored_innovations.y.pk]) in scores_page  # the verification lever
    assert reverse("inovasi-detail", args=[scored_innovations.x.pk]) in scores_page  # indicator levers name X
    assert reverse("opd-dashboard", args=[scored_innovations.opd_b.pk]) in scores_page  # OPD B's lever
    assert "Tambahkan 9 inovasi untuk mencapai batas bawah pembagi" in scores_page
    dashboard = client.get(reverse("dashboard-leadership")).content.decode()
    assert 'id="path-klaim"' in dashboard and 'id="path-terverifikasi"' in dashboard


def test_the_leadership_page_explains_the_verified_share_and_a_one_point_trend(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    page = client.get(reverse("dashboard-leadership")).content.decode()
    assert 'data-note="verified-share"' in page
    assert page.count('data-note="one-point"') == 1  # the trend has one day; the other charts are not lines


def test_a_big_periods_path_follows_its_full_runs_and_says_when_it_is_older(
    client, settings, scored_innovations, django_capture_on_commit_callbacks
):
    from inovasi.models import Answer
    from scoring import read, recompute
    from tests.inovasi.factories import sid_indicator

    period = scored_innovations.period
    settings.SCORE_PATH_EVERY_RUN_UP_TO = 1  # the world's 4 innovations make it "big"
    before = _path(scored_innovations)
    assert read.path(ScoreState.objects.get(period=period))[0]["computed_at"] is None  # as fresh as the scores
    # An incremental run keeps the last path, which the pages now date.
    answer = Answer.objects.get(inovasi=scored_innovations.x, indicator=sid_indicator(period, 35))
    answer.level = 3
    answer.save()
    assert recompute.run(period.pk).mode == "incremental"
    assert _path(scored_innovations) == before
    shown = read.path(ScoreState.objects.get(period=period))
    assert shown[0]["computed_at"] is not None
    client.force_login(scored_innovations.pimpinan)
    assert client.get(reverse("scores")).content.decode().count('data-note="path-time"') == 2
    # A full run queues the path as its own task after the commit (inline here): it is fresh again.
    with django_capture_on_commit_callbacks(execute=True):
        assert recompute.run(period.pk, full=True).mode == "full"
    after = _path(scored_innovations)
    assert after["computed_at"] > before["computed_at"]
    # X's indicator 35 went from 2 to 3 (bobot 4): 0,67 + 4 / 12 / 250 × 100 = 0,80, in the new path.
    assert (before["klaim"]["iid"], after["klaim"]["iid"]) == ("0.6700", "0.8000")
    assert read.path(ScoreState.objects.get(period=period))[0]["computed_at"] is None
