"""The award's pages: the jurors' privacy on the page, refusals that change nothing, the public piagam."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import Opd
from portal.audit.models import AuditEntry
from portal.awards import rules
from portal.awards.models import Criterion, JuryScore
from portal.catalogue.models import Period
from tests.awards.builders import make_award, opd_score
from tests.pdf_text import pdf_text
from tests.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(personas):
    period = Period.objects.current()
    opd_score(period, personas.opd_a, score=50, rank=1)
    opd_score(period, personas.opd_b, score=40, rank=2)
    personas.juror_2 = make_user("juri_dua")
    return make_award(
        period, jurors=[personas.pendamping, personas.juror_2], shortlist=[personas.opd_a, personas.opd_b]
    )


def _rubric(points):
    return dict.fromkeys(JuryScore.RUBRIC, str(points))


def test_a_juror_scores_on_the_page_and_sees_only_his_own_scores(client, personas, award):
    client.force_login(personas.juror_2)
    client.post(reverse("award-score", args=[award.pk, personas.opd_a.pk]), _rubric(3))
    client.force_login(personas.pendamping)

    response = client.post(reverse("award-score", args=[award.pk, personas.opd_a.pk]), _rubric(7), follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Juri Dua" not in page and "30,00" not in page  # the other juror's score (3 × 3 / 30 = 30)
    assert "70,00" in page
    assert 'id="table-title"' not in page  # nor the table, while the jury is open
    assert JuryScore.objects.filter(award=award).count() == 2

    rules.close_jury(award, actor=personas.admin)
    page = client.get(reverse("award-detail", args=[award.pk])).content.decode()
    assert "Juri Dua" in page and "30,00" in page and 'id="table-title"' in page


def test_a_bad_rubric_is_refused_with_a_message_and_changes_nothing(client, personas, award):
    client.force_login(personas.pendamping)

    response = client.post(
        reverse("award-score", args=[award.pk, personas.opd_a.pk]),
        {"substance": "12", "impact": "x", "presentation": "1"},
        follow=True,
    )

    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert not JuryScore.objects.exists()
    assert not AuditEntry.objects.filter(action="award.jury_score").exists()


def test_only_jurors_and_the_admin_open_the_award(client, personas, award):
    for user, status in [(personas.pimpinan, 404), (personas.operator_a, 404), (personas.admin, 200)]:
        client.force_login(user)
        assert client.get(reverse("award-detail", args=[award.pk])).status_code == status
    client.force_login(personas.pendamping)
    assert client.post(reverse("award-close-jury", args=[award.pk])).status_code == 403
    assert award.jury_closed_at is None


def _menu(client):
    return [label for label, _url in client.get(reverse("home")).context["nav"]]


def test_a_juror_finds_the_awards_to_judge_in_the_menu_until_taken_off_the_jury(client, personas, award):
    client.force_login(personas.juror_2)
    assert "Penghargaan untuk dinilai" in _menu(client)
    award.jurors.remove(personas.juror_2)  # the cached list of jurors is dropped with the change
    assert "Penghargaan untuk dinilai" not in _menu(client)
    client.force_login(personas.operator_a)
    assert not {"Penghargaan untuk dinilai", "Penghargaan"} & set(_menu(client))
    award.jurors.add(personas.operator_a)
    assert "Penghargaan untuk dinilai" in _menu(client)
    assert client.get(reverse("award-list")).status_code == 200


def test_the_admin_changes_weights_closes_and_decides_on_the_page(client, personas, award):
    client.force_login(personas.admin)
    weights = {f"weight_{kind}": "0" for kind in Criterion.Kind.values}
    weights["weight_approved"] = "abc"
    client.post(reverse("award-criteria", args=[award.pk]), weights)
    assert award.criteria.get(kind="opd_score").weight == 1  # refused: nothing changed

    weights.update(weight_approved="1", weight_opd_score="0")
    client.post(reverse("award-criteria", args=[award.pk]), weights)
    client.post(reverse("award-close-jury", args=[award.pk]))
    client.post(reverse("award-decide", args=[award.pk]), {"decided_on": timezone.localdate().isoformat()})

    award.refresh_from_db()
    assert award.criteria.get(kind="approved").weight == 1 and award.is_decided
    page = client.get(reverse("award-detail", args=[award.pk])).content.decode()
    assert reverse("award-criteria", args=[award.pk]) not in page


def test_piagam_pdfs_name_the_winner_category_and_year(client, personas, award):
    rules.close_jury(award, actor=personas.admin)
    rules.decide(award, date(2026, 11, 30), actor=personas.admin)
    winners = rules.winners(award)
    assert {result.opd for result in winners} == {personas.opd_a, personas.opd_b}

    for result, category in zip(winners, ["Dinas / badan", "Puskesmas"], strict=True):
        response = client.get(reverse("awards-piagam", args=[result.pk]))  # anonymous
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = " ".join(pdf_text(response.content).split())
        assert result.opd.name in text
        assert category in text
        assert "2026" in text and "Dr. Contoh Kepala" in text


def test_the_public_page_lists_decided_awards_only(client, personas, award):
    public = client.get(reverse("awards-public"))
    assert public.status_code == 200 and personas.opd_a.name not in public.content.decode()
    assert "no-store" not in public.get("Cache-Control", "")

    rules.close_jury(award, actor=personas.admin)
    rules.decide(award, date(2026, 11, 30), actor=personas.admin)
    page = client.get(reverse("awards-public")).content.decode()
    assert personas.opd_a.name in page and personas.opd_b.name in page
    loser = Opd.objects.create(name="Dinas Tanpa Piagam", short_name="DTP", kind=Opd.Kind.DINAS)
    assert loser.name not in page


def test_no_piagam_for_an_undecided_award_or_a_non_winner(client, personas, award):
    rules.close_jury(award, actor=personas.admin)
    opd_score(award.period, personas.opd_b, score=40, rank=2)
    extra = Opd.objects.create(name="Dinas Kedua", short_name="DK2", kind=Opd.Kind.DINAS)
    opd_score(award.period, extra, score=5, rank=3)
    rules.decide(award, date(2026, 11, 30), actor=personas.admin)
    loser = award.results.get(opd=extra)
    assert not loser.winner
    assert client.get(reverse("awards-piagam", args=[loser.pk])).status_code == 404
