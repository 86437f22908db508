"""The kepala OPD endorses a submission before Bappeda sees it (issue 14 item 10): a rule of the period, on by
default; same workflow function, same 409 rules, same notices."""

import pytest
from django.urls import reverse

from inovasi.models import Inovasi
from inovasi.queue import review_queue
from inovasi.workflow import NoteRequired, allowed_moves, transition
from portal.accounts.access import access_for
from portal.catalogue.models import Period
from portal.notices.models import Notice
from tests.inovasi.factories import current_period
from tests.inovasi.workflow_helpers import build_complete_draft, changes, state_of

S = Inovasi.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def endorsed_draft(personas):
    """A complete draft of OPD A in a period where the kepala endorses submissions."""
    built = build_complete_draft(personas)
    built.period = current_period(endorsement=True)
    built.inovasi.period = built.period
    return built


def _targets(user, inovasi):
    return [move.target for move in allowed_moves(access_for(user), Inovasi.objects.get(pk=inovasi.pk))]


def test_the_seeded_period_asks_for_the_endorsement():
    assert Period.objects.get(year=2026).kepala_endorsement is True


def test_the_operator_submits_to_the_kepala_who_endorses_it_to_bappeda(endorsed_draft):
    inovasi, operator, kepala = endorsed_draft.inovasi, endorsed_draft.operator_a, endorsed_draft.kepala_a
    assert _targets(operator, inovasi) == [S.AWAITING_ENDORSEMENT]
    transition(inovasi, S.AWAITING_ENDORSEMENT, actor=operator)
    assert list(Notice.objects.values_list("recipient__username", flat=True)) == ["kepala_a"]
    assert list(review_queue(endorsed_draft.period)) == []  # Bappeda does not see it yet
    assert _targets(kepala, inovasi) == [S.SUBMITTED, S.RETURNED]
    transition(Inovasi.objects.get(pk=inovasi.pk), S.SUBMITTED, actor=kepala)
    assert [found.pk for found in review_queue(endorsed_draft.period)] == [inovasi.pk]
    assert changes(inovasi) == [
        ("draft", "menunggu_pengesahan", "operator_a", ""),
        ("menunggu_pengesahan", "diajukan", "kepala_a", ""),
    ]
    # One revision: what the operator submitted; the endorsement snapshots nothing new.
    assert list(inovasi.revisions.values_list("number", "created_by__username")) == [(1, "operator_a")]
    assert set(Notice.objects.filter(recipient__username="pendamping").values_list("kind", flat=True)) == {"submitted"}


def test_the_kepala_returns_it_with_a_note(endorsed_draft):
    inovasi = transition_to_kepala(endorsed_draft)
    with pytest.raises(NoteRequired):
        transition(inovasi, S.RETURNED, actor=endorsed_draft.kepala_a, note=" ")
    transition(inovasi, S.RETURNED, actor=endorsed_draft.kepala_a, note="Lengkapi SK kepala dinas.")
    assert changes(inovasi)[-1] == ("menunggu_pengesahan", "dikembalikan", "kepala_a", "Lengkapi SK kepala dinas.")
    assert Notice.objects.filter(recipient__username="operator_a", kind="returned").count() == 1
    # Back with the operator: it goes to the kepala again, never straight to Bappeda.
    assert _targets(endorsed_draft.operator_a, inovasi) == [S.AWAITING_ENDORSEMENT]


def transition_to_kepala(endorsed_draft):
    inovasi = Inovasi.objects.get(pk=endorsed_draft.inovasi.pk)
    transition(inovasi, S.AWAITING_ENDORSEMENT, actor=endorsed_draft.operator_a)
    return inovasi


@pytest.mark.parametrize(
    ("who", "target", "expected"),
    [
        ("operator_a", S.SUBMITTED, 403),  # the operator cannot endorse its own submission
        ("pendamping", S.SUBMITTED, 403),  # Bappeda waits for the kepala
        ("kepala_a", S.IN_REVIEW, 409),  # no such move from here
        ("operator_b", S.SUBMITTED, 404),
    ],
)
def test_only_the_kepala_endorses_and_a_wrong_move_is_409(client, endorsed_draft, who, target, expected):
    inovasi = transition_to_kepala(endorsed_draft)
    before = state_of(inovasi)
    client.force_login(endorsed_draft.by_name(who))
    response = client.post(reverse("inovasi-transition", args=[inovasi.pk, target]))
    assert response.status_code == expected
    assert state_of(inovasi) == before


def test_straight_to_bappeda_is_409_while_the_period_asks_for_the_endorsement(client, endorsed_draft):
    client.force_login(endorsed_draft.operator_a)
    response = client.post(reverse("inovasi-transition", args=[endorsed_draft.inovasi.pk, S.SUBMITTED]))
    assert response.status_code == 409
    assert Inovasi.objects.get(pk=endorsed_draft.inovasi.pk).status == S.DRAFT


def test_through_the_pages_the_kepala_sees_the_endorse_button(client, endorsed_draft):
    client.force_login(endorsed_draft.operator_a)
    page = client.get(reverse("inovasi-review", args=[endorsed_draft.inovasi.pk])).content.decode()
    assert "Ajukan ke kepala OPD untuk disahkan" in page
    assert (
        client.post(reverse("inovasi-transition", args=[endorsed_draft.inovasi.pk, S.AWAITING_ENDORSEMENT])).status_code
        == 302
    )
    client.force_login(endorsed_draft.kepala_a)
    page = client.get(reverse("inovasi-review", args=[endorsed_draft.inovasi.pk])).content.decode()
    assert "Sahkan dan kirim ke Bappeda" in page and "Kembalikan ke operator" in page
    response = client.post(reverse("inovasi-transition", args=[endorsed_draft.inovasi.pk, S.SUBMITTED]))
    assert response.status_code == 302
    assert Inovasi.objects.get(pk=endorsed_draft.inovasi.pk).status == S.SUBMITTED
