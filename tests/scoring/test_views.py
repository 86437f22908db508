"""The scores page, the recalculation button and the maturity shown on innovation pages: stored values only."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from portal.audit.models import AuditEntry
from scoring import dirty, recompute
from scoring.models import DirtyMark
from tests.inovasi.factories import make_inovasi
from tests.scoring.world import S, answer, scored, with_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored_innovations(personas):
    return scored(personas)


def test_the_scores_page_shows_the_stored_projections(client, scored_innovations):
    client.force_login(scored_innovations.pimpinan)
    response = client.get(reverse("scores"))
    assert response.status_code == 200
    claimed, verified = [score for score, _gap in response.context["projections"]]
    assert (claimed.basis, claimed.iid, claimed.n, verified.basis, verified.iid, verified.n) == (
        "klaim",
        D("0.67"),
        3,
        "terverifikasi",
        D("0.47"),
        2,
    )
    page = response.content.decode()
    assert "Dihitung pada" in page and "sedang dihitung ulang" not in page
    assert [(row.opd.name, row.rank) for row in response.context["ranking"]] == [("Dinas Uji A", 1)]
    assert [(row.opd.name, row.rank) for row in response.context["unscored"]] == [("Puskesmas Uji B", 2)]
    assert "Proyeksi klaim" in page and "Proyeksi terverifikasi" in page
    assert "Kurang Inovatif" in page
    assert "Tambahkan 9 inovasi untuk mencapai batas bawah pembagi" in page


def test_a_dirty_period_says_it_is_being_recalculated(client, scored_innovations):
    dirty.mark_inovasi(scored_innovations.x, "test")
    client.force_login(scored_innovations.pendamping)
    assert "sedang dihitung ulang" in client.get(reverse("scores")).content.decode()


def test_the_scores_page_costs_the_same_queries_for_one_or_many_opds(
    client, scored_innovations, django_assert_num_queries
):
    client.force_login(scored_innovations.admin)
    client.get(reverse("scores"))  # warm the session and caches
    with django_assert_num_queries(QUERIES):
        client.get(reverse("scores"))
    for count in range(12):
        inovasi = make_inovasi(
            scored_innovations.opd_b, scored_innovations.operator_b, scored_innovations.period, name=f"Tambahan {count}"
        )
        answer(inovasi, 35, 2, scored_innovations.operator_b)
        with_status(inovasi, S.SUBMITTED)
    recompute.run(scored_innovations.period.pk, full=True)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("scores"))
    assert response.context["projections"][0][0].n == 15


QUERIES = 12


def test_only_the_admin_may_ask_for_a_recalculation(client, scored_innovations):
    url = reverse("scores-recompute", args=[2026])
    DirtyMark.objects.all().delete()
    for persona in (scored_innovations.pendamping, scored_innovations.pimpinan, scored_innovations.operator_a):
        client.force_login(persona)
        assert client.post(url).status_code == 403
    assert not DirtyMark.objects.exists()
    client.force_login(scored_innovations.admin)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("scores") + "?tahun=2026"
    assert list(DirtyMark.objects.values_list("scope", "reason")) == [("full", "requested")]
    entry = AuditEntry.objects.get(action="scores.recompute_requested")
    assert (entry.actor, entry.object_repr) == (scored_innovations.admin, "IGA 2026")


def test_innovation_pages_show_the_stored_maturity(client, scored_innovations):
    client.force_login(scored_innovations.operator_a)
    for name in ("inovasi-detail", "inovasi-review"):
        response = client.get(reverse(name, args=[scored_innovations.x.pk]))
        assert (response.context["score"].claimed, response.context["score"].verified) == (D(17), D(14))
        assert 'data-maturity="claimed">17,00<' in response.content.decode()


def test_an_operator_does_not_see_the_city_scores(client, scored_innovations):
    client.force_login(scored_innovations.operator_a)
    assert client.get(reverse("scores")).status_code == 404
