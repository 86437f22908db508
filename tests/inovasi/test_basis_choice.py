"""Indicator 33 (kemanfaatan, 2026) asks the OPD to choose one basis of benefit (issue 14 item 8): stored with
the answer, shown to the reviewer, a change of it resets the verdict."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from inovasi.answers import set_claim
from inovasi.models import Answer, Inovasi
from portal.audit.models import AuditEntry
from tests.inovasi.factories import make_inovasi, sid_indicator
from tests.inovasi.workflow_helpers import set_status
from tests.pages import card, card_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(operator_a):
    operator_a.inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    return operator_a


def _post(client, draft, number, **data):
    indicator = sid_indicator(draft.inovasi.period, number)
    url = reverse("inovasi-answer", args=[draft.inovasi.pk, indicator.pk])
    return client.post(url, {"note": "", **data}, follow=True)


def test_a_level_without_its_basis_is_refused_and_nothing_is_saved(client, draft):
    response = _post(client, draft, 33, level="2", basis="")
    indicator = sid_indicator(draft.inovasi.period, 33)
    page = response.content.decode()
    assert response.status_code == 400
    assert card_message(page, indicator).startswith("Indikator 33 belum disimpan.")
    assert "Pilih dasar pengukuran level ini." in card(page, indicator)
    assert not Answer.objects.filter(inovasi=draft.inovasi).exists()


def test_the_chosen_basis_is_stored_audited_and_shown_to_the_reviewer(client, draft):
    _post(client, draft, 33, level="2", basis="unit")
    answer = Answer.objects.get(inovasi=draft.inovasi, indicator__number="33")
    assert (answer.level, answer.basis) == (2, "unit")
    entry = AuditEntry.objects.get(action="answer.save")
    assert (entry.before, entry.after) == ({"level": None}, {"level": 2, "basis": "unit"})
    set_status(draft.inovasi, Inovasi.Status.IN_REVIEW)
    client.force_login(draft.pendamping)
    page = client.get(reverse("inovasi-review", args=[draft.inovasi.pk])).content.decode()
    assert f'data-basis="33"><strong>Dasar level:</strong> {escape(answer.basis_label)}</p>' in page
    assert answer.basis_label.startswith("Cakupan unit sasaran")


def test_changing_the_basis_sends_the_verdict_back_to_pending(draft):
    indicator = sid_indicator(draft.inovasi.period, 33)
    set_claim(indicator, draft.inovasi, level=2, basis="unit", actor=draft.operator_a)
    Answer.objects.filter(inovasi=draft.inovasi).update(verification=Answer.Verification.OK, verified_level=2)
    set_claim(indicator, draft.inovasi, level=2, basis="orang", actor=draft.operator_a)
    answer = Answer.objects.get(inovasi=draft.inovasi, indicator=indicator)
    assert (answer.basis, answer.verification, answer.verified_level) == ("orang", Answer.Verification.PENDING, None)


def test_an_indicator_without_bases_asks_for_none_and_refuses_one(client, draft):
    page = client.get(reverse("inovasi-indicators", args=[draft.inovasi.pk])).content.decode()
    assert page.count('name="basis"') == 1  # only indicator 33's form
    with pytest.raises(ValueError):
        set_claim(sid_indicator(draft.inovasi.period, 16), draft.inovasi, level=2, basis="unit", actor=draft.operator_a)
    assert not Answer.objects.filter(inovasi=draft.inovasi).exists()
