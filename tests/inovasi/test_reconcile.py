"""What goes to the national app is the verified level (issue 14 item 2): approval needs a verdict on every
indicator with a level, siap kirim needs claim = verified, and the two ways to close a difference."""

import pytest
from django.urls import reverse

from inovasi.models import Answer, Comment, Inovasi
from inovasi.reconcile import differing, lower_claim, unreconciled
from portal.audit.models import AuditEntry
from scoring import recompute
from scoring.models import CityScore, DirtyMark, InovasiScore
from tests.inovasi.factories import sid_indicator
from tests.inovasi.workflow_helpers import set_status, state_of, verdicts_as_claimed

S = Inovasi.Status
pytestmark = pytest.mark.django_db


def _answer(complete_draft, number):
    return Answer.objects.get(inovasi=complete_draft.inovasi, indicator__number=number)


def _over_claimed(complete_draft, number="16", verified=2):
    """Approved, every verdict given, and indicator `number` verified below its claim of 3."""
    verdicts_as_claimed(complete_draft.inovasi)
    Answer.objects.filter(inovasi=complete_draft.inovasi, indicator__number=number).update(
        verification=Answer.Verification.NOT_OK, verified_level=verified
    )
    return set_status(complete_draft.inovasi, S.APPROVED)


def _post(client, complete_draft, who, url, data=None):
    client.force_login(complete_draft.by_name(who))
    return client.post(url, data or {})


def _move_url(complete_draft, to):
    return reverse("inovasi-transition", args=[complete_draft.inovasi.pk, to])


def _reconcile_url(complete_draft, number, side):
    indicator = sid_indicator(complete_draft.period, number)
    return reverse("inovasi-reconcile", args=[complete_draft.inovasi.pk, indicator.pk, side])


def test_approval_waits_for_a_verdict_on_every_indicator_with_a_level(client, complete_draft):
    inovasi = set_status(complete_draft.inovasi, S.IN_REVIEW)
    Answer.objects.filter(inovasi=inovasi).exclude(indicator__number="16").update(
        verification=Answer.Verification.OK, verified_level=3
    )
    before = state_of(inovasi)
    response = _post(client, complete_draft, "pendamping", _move_url(complete_draft, S.APPROVED))
    assert response.status_code == 409
    assert "Beri putusan pada setiap indikator yang memiliki level sebelum menyetujui: indikator 16." in (
        response.content.decode()
    )
    assert state_of(inovasi) == before
    page = client.get(reverse("inovasi-review", args=[inovasi.pk])).content.decode()
    assert 'data-refusal="disetujui">Beri putusan pada setiap indikator' in page


def test_siap_kirim_waits_until_every_claim_equals_its_verified_level(client, complete_draft):
    inovasi = _over_claimed(complete_draft)
    before = state_of(inovasi)
    response = _post(client, complete_draft, "admin", _move_url(complete_draft, S.READY))
    assert response.status_code == 409
    assert "Klaim masih berbeda dengan level terverifikasi pada indikator 16 (klaim 3, terverifikasi 2)." in (
        response.content.decode()
    )
    assert state_of(inovasi) == before
    page = client.get(reverse("inovasi-review", args=[inovasi.pk])).content.decode()
    assert 'data-difference="16"' in page and 'data-refusal="siap_kirim"' in page


def test_the_opd_lowers_its_claim_and_then_it_may_be_marked_ready(client, complete_draft):
    inovasi = _over_claimed(complete_draft)
    DirtyMark.objects.all().delete()
    response = _post(client, complete_draft, "operator_a", _reconcile_url(complete_draft, "16", "klaim"))
    assert response.status_code == 302
    answer = _answer(complete_draft, "16")
    assert (answer.level, answer.verified_level, answer.verification) == (2, 2, Answer.Verification.NOT_OK)
    entry = AuditEntry.objects.get(action="answer.reconcile")
    assert (entry.actor.username, entry.before, entry.after) == ("operator_a", {"level": 3}, {"level": 2})
    assert list(Comment.objects.values_list("thread__indicator__number", "author__username", "body")) == [
        ("16", "operator_a", "Klaim diturunkan dari level 3 ke level terverifikasi 2.")
    ]
    assert DirtyMark.objects.filter(inovasi_id=inovasi.pk).exists()
    assert differing(inovasi) == []
    assert _post(client, complete_draft, "admin", _move_url(complete_draft, S.READY)).status_code == 302
    assert Inovasi.objects.get(pk=inovasi.pk).status == S.READY


def test_the_reviewer_raises_the_verified_level_to_the_claim(client, complete_draft):
    inovasi = _over_claimed(complete_draft)
    response = _post(client, complete_draft, "pendamping", _reconcile_url(complete_draft, "16", "verifikasi"))
    assert response.status_code == 302
    answer = _answer(complete_draft, "16")
    assert (answer.level, answer.verified_level, answer.verification, answer.verified_by.username) == (
        3,
        3,
        Answer.Verification.OK,
        "pendamping",
    )
    assert Comment.objects.get().body == "Level terverifikasi dinaikkan dari 2 ke level klaim 3."
    assert differing(inovasi) == []


@pytest.mark.parametrize(
    ("who", "side", "expected"),
    [
        ("operator_b", "klaim", 404),  # another OPD's innovation does not exist for them
        ("kepala_a", "klaim", 403),  # the kepala reads, the operator changes
        ("operator_a", "verifikasi", 403),  # only a reviewer raises a verified level
        ("pendamping", "klaim", 403),  # only the OPD lowers its own claim
        ("operator_a", "lainnya", 404),
    ],
)
def test_only_the_right_side_may_close_a_difference(client, complete_draft, who, side, expected):
    _over_claimed(complete_draft)
    response = _post(client, complete_draft, who, _reconcile_url(complete_draft, "16", side))
    assert response.status_code == expected
    assert (_answer(complete_draft, "16").level, _answer(complete_draft, "16").verified_level) == (3, 2)
    assert not AuditEntry.objects.filter(action="answer.reconcile").exists()


@pytest.mark.parametrize("status", [S.IN_REVIEW, S.READY])
def test_reconciling_outside_the_approved_state_is_409(client, complete_draft, status):
    _over_claimed(complete_draft)
    set_status(complete_draft.inovasi, status)
    response = _post(client, complete_draft, "operator_a", _reconcile_url(complete_draft, "16", "klaim"))
    assert response.status_code == 409
    assert _answer(complete_draft, "16").level == 3


def test_bappeda_sees_every_innovation_that_still_differs(client, complete_draft):
    inovasi = _over_claimed(complete_draft)
    Answer.objects.filter(inovasi=inovasi, indicator__number="17").update(verified_level=1)
    assert [(found.name, found.differences) for found in unreconciled(complete_draft.period)] == [(inovasi.name, 2)]
    client.force_login(complete_draft.pendamping)
    page = client.get(reverse("home")).content.decode()
    assert 'data-figure="unreconciled">1<' in page
    assert f"{inovasi.name}</a> · " in page and "2 indikator" in page
    Answer.objects.filter(inovasi=inovasi).update(level=0, verified_level=0)
    assert list(unreconciled(complete_draft.period)) == []


def test_lowering_a_claim_brings_the_claimed_projection_down_to_the_verified_one(complete_draft):
    """Through a real recompute: 16 (bobot 3) claimed 3, verified 2. Approved, the innovation counts in
    both projections; the claim above its verified level is 3 points of claimed maturity only."""
    inovasi = _over_claimed(complete_draft)
    recompute.run(complete_draft.period.pk, full=True)
    before = InovasiScore.objects.get(inovasi=inovasi)
    assert before.claimed - before.verified == 3
    city_before = dict(CityScore.objects.filter(period=complete_draft.period).values_list("basis", "maturity_sum"))
    lower_claim(_answer(complete_draft, "16"), actor=complete_draft.operator_a)
    recompute.run(complete_draft.period.pk)
    after = InovasiScore.objects.get(inovasi=inovasi)
    assert (after.claimed, after.verified) == (before.claimed - 3, before.verified)
    city_after = dict(CityScore.objects.filter(period=complete_draft.period).values_list("basis", "maturity_sum"))
    assert city_after == {"klaim": city_before["klaim"] - 3, "terverifikasi": city_before["terverifikasi"]}
    assert city_after["klaim"] == city_after["terverifikasi"]
