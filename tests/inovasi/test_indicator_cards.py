"""The indicators page as one working surface (issue 15 items 1 and 2): one form per indicator saved in place
(htmx) or back at the card (no JavaScript), errors inside the card, the jump list and the submission summary."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inovasi.models import Answer, Evidence, Inovasi
from portal.audit.models import AuditEntry
from tests.inovasi.factories import MINIMAL_PDF, add_evidence, current_period, make_inovasi, sid_indicator
from tests.inovasi.workflow_helpers import close_window, make_submittable, mandatory_indicators, state_of
from tests.pages import card, card_message, figure

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
# Ten profile items and 2026's four asked items done, five mandatory indicators (16, 17, 32, 33, 35) open: 14 of 19.
PROFILE_ONLY = 74


@pytest.fixture
def draft(client, personas):
    """A draft of OPD A with a complete profile (`.inovasi`) and indicator 16 (PDF only); the client is its operator."""
    personas.period = current_period()
    personas.inovasi = make_inovasi(personas.opd_a, personas.operator_a, personas.period)
    personas.indicator = sid_indicator(personas.period, 16)
    client.force_login(personas.operator_a)
    return personas


def save(client, draft, data, *, htmx=True, indicator=None):
    url = reverse("inovasi-answer", args=[draft.inovasi.pk, (indicator or draft.indicator).pk])
    return client.post(url, {"note": "", **data}, **(HTMX if htmx else {}))


def pdf(content=MINIMAL_PDF, name="SK Tim Inovasi.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def page_of(client, draft):
    return client.get(reverse("inovasi-indicators", args=[draft.inovasi.pk])).content.decode()


def actions():
    """The audit trail's actions after signing in, oldest first."""
    return list(AuditEntry.objects.exclude(action="login").order_by("pk").values_list("action", flat=True))


def oob_parts(html):
    return re.findall(r'id="([a-z-]+)"[^>]*hx-swap-oob="true"', html)


def test_an_in_place_save_answers_with_the_card_and_its_consequences(client, draft):
    response = save(client, draft, {"level": "2", "subject": "SK Tim Inovasi", "file": pdf()})
    html = response.content.decode()
    assert response.status_code == 200
    assert card_message(html, draft.indicator) == "Indikator 16 tersimpan dan bukti dukungnya ditambahkan."
    assert "<html" not in html  # the part, not a page
    assert oob_parts(html) == ["indicator-jump", "indicator-summary"]
    assert figure(html, "completeness") == "79%"
    answer = Answer.objects.get(inovasi=draft.inovasi, indicator=draft.indicator)
    assert (answer.level, answer.evidence.get().subject) == (2, "SK Tim Inovasi")
    assert actions() == ["answer.save", "evidence.add"]
    assert Inovasi.objects.get(pk=draft.inovasi.pk).completeness == 79


def test_a_level_and_its_evidence_saved_together_store_the_completeness_once(client, draft):
    with CaptureQueriesContext(connection) as queries:
        save(client, draft, {"level": "2", "subject": "SK Tim Inovasi", "file": pdf()})
    stored = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "inovasi_inovasi"')]
    assert len(stored) == 1 and '"completeness" = 79' in stored[0]
    assert Inovasi.objects.get(pk=draft.inovasi.pk).completeness == 79


def test_a_refused_file_saves_nothing_not_even_the_level_and_says_so_in_the_card(client, draft):
    response = save(client, draft, {"level": "3", "subject": "SK", "file": pdf(EXECUTABLE)})
    html = response.content.decode()
    assert response.status_code == 400
    assert card_message(html, draft.indicator).startswith("Indikator 16 belum disimpan.")
    assert "autofocus data-card-message" in card(html, draft.indicator)
    assert "bukan PDF yang sah" in card(html, draft.indicator)
    assert "selected>3:" in card(html, draft.indicator)  # the level stays as chosen, to save again with a good file
    assert not Answer.objects.exists() and not Evidence.objects.exists() and actions() == []


def test_a_subject_without_its_file_is_refused_in_the_card(client, draft):
    response = save(client, draft, {"level": "1", "subject": "SK Tim Inovasi"})
    assert response.status_code == 400
    assert "Lampirkan satu berkas atau satu tautan saja." in card(response.content.decode(), draft.indicator)
    assert not Answer.objects.exists()


def test_an_unchanged_card_writes_nothing(client, draft):
    add_evidence(draft.inovasi, draft.indicator, draft.operator_a, level=2)
    response = save(client, draft, {"level": "2"})
    message = card_message(response.content.decode(), draft.indicator)
    assert message == "Indikator 16 tidak berubah; tidak ada yang disimpan."
    assert actions() == []


def test_without_javascript_the_save_returns_to_its_card_with_the_message_there(client, draft):
    response = save(client, draft, {"level": "1"}, htmx=False)
    url = reverse("inovasi-indicators", args=[draft.inovasi.pk])
    assert (response.status_code, response["Location"]) == (302, f"{url}#indikator-{draft.indicator.pk}")
    html = page_of(client, draft)
    assert card_message(html, draft.indicator) == "Indikator 16 berhasil disimpan."
    assert html.count("Indikator 16 berhasil disimpan.") == 1  # in the card, not also at the top of the page
    assert card_message(page_of(client, draft), draft.indicator) is None  # shown once


def test_without_javascript_a_refusal_renders_the_page_focused_on_the_card(client, draft):
    response = save(client, draft, {"level": "1", "subject": "SK", "file": pdf(EXECUTABLE)}, htmx=False)
    html = response.content.decode()
    assert response.status_code == 400
    assert "<html" in html and "autofocus data-card-message" in card(html, draft.indicator)
    assert html.count("autofocus") == 1


def test_the_jump_list_shows_each_indicators_level_files_verdict_and_open_comments(client, draft):
    evidence = add_evidence(draft.inovasi, draft.indicator, draft.operator_a, level=2)
    Answer.objects.filter(pk=evidence.answer_id).update(verification=Answer.Verification.NEEDS_FIX)
    draft.inovasi.threads.create(indicator=draft.indicator, created_by=draft.pendamping)
    html = page_of(client, draft)
    entry = re.search(rf'data-jump="{draft.indicator.pk}">(.*?)</a>', html, re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", " ", entry).split())
    assert text == "16. Regulasi Inovasi Daerah L2 · 1 berkas · Perlu perbaikan · 1 komentar terbuka · Lengkap"


def test_the_summary_links_each_missing_item_and_keeps_submission_disabled_until_complete(client, draft):
    html = page_of(client, draft)
    missing = re.search(r"<ul[^>]*data-missing>(.*?)</ul>", html, re.S).group(1)
    links = re.findall(r'href="([^"]+)"', missing)
    assert links == [f"#indikator-{indicator.pk}" for indicator in mandatory_indicators(draft.period)]
    assert figure(html, "completeness") == f"{PROFILE_ONLY}%"
    assert re.search(r'<button type="submit" class="btn btn-primary" disabled aria-describedby="submit-reason">', html)
    make_submittable(draft.inovasi, draft.operator_a)
    html = page_of(client, draft)
    assert "data-missing" not in html
    assert '<button type="submit" class="btn btn-primary">Ajukan untuk direviu</button>' in html


def test_a_profile_gap_links_to_its_field_in_the_profile_form(client, draft):
    Inovasi.objects.filter(pk=draft.inovasi.pk).update(tujuan="")
    html = page_of(client, draft)
    edit = reverse("inovasi-edit", args=[draft.inovasi.pk])
    assert f'<a href="{edit}#id_tujuan">Tujuan, manfaat, dan hasil</a>' in html


def test_submitting_from_the_indicators_page(client, draft):
    make_submittable(draft.inovasi, draft.operator_a)
    response = client.post(reverse("inovasi-submit", args=[draft.inovasi.pk]))
    assert (response.status_code, response["Location"]) == (302, reverse("inovasi-detail", args=[draft.inovasi.pk]))
    assert Inovasi.objects.get(pk=draft.inovasi.pk).status == Inovasi.Status.SUBMITTED


def test_a_submission_refused_lands_back_on_the_page_with_the_items_highlighted(client, draft):
    before = state_of(draft.inovasi)
    response = client.post(reverse("inovasi-submit", args=[draft.inovasi.pk]))
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'role="alert" tabindex="-1" autofocus>Lengkapi butir berikut', html)
    assert html.count('class="text-danger fw-semibold"') == len(mandatory_indicators(draft.period))
    assert state_of(draft.inovasi) == before


def test_a_submission_after_the_window_closed_says_so_on_the_page(client, draft):
    make_submittable(draft.inovasi, draft.operator_a)
    close_window(draft.period)
    before = state_of(draft.inovasi)
    response = client.post(reverse("inovasi-submit", args=[draft.inovasi.pk]))
    assert response.status_code == 403
    assert "Masa pengisian" in response.content.decode()
    assert state_of(draft.inovasi) == before


def test_another_opds_operator_cannot_save_a_card_or_submit(client, draft):
    client.force_login(draft.operator_b)
    assert save(client, draft, {"level": "3"}).status_code == 404
    assert client.post(reverse("inovasi-submit", args=[draft.inovasi.pk])).status_code == 404
    assert not Answer.objects.exists()


def test_an_in_place_refusal_is_an_alert_for_the_cards_message_slot(client, draft):
    Inovasi.objects.filter(pk=draft.inovasi.pk).update(status=Inovasi.Status.SUBMITTED)
    response = save(client, draft, {"level": "3"})
    assert response.status_code == 409
    assert response.content.decode().startswith('<div class="alert alert-warning mb-2" role="alert"')
    assert not Answer.objects.exists()


@pytest.mark.parametrize("answered", [1, 20])
def test_the_page_reads_the_same_number_of_queries_however_many_indicators_are_answered(
    client, draft, django_assert_num_queries, answered
):
    indicators = draft.period.indicators.filter(scope="sid").order_by("order")[:answered]
    for indicator in indicators:
        add_evidence(draft.inovasi, indicator, draft.operator_a, level=1)
    draft.inovasi.threads.create(indicator=draft.indicator, created_by=draft.pendamping)
    with django_assert_num_queries(INDICATORS_PAGE_QUERIES):
        assert client.get(reverse("inovasi-indicators", args=[draft.inovasi.pk])).status_code == 200


# 16 on a cold cache (each test starts with one): the menu reads the list of jurors once, then from the cache.
INDICATORS_PAGE_QUERIES = 16


def test_the_region_level_card_saves_in_place_too(client, draft):
    indicator = draft.period.indicators.filter(scope="spd").order_by("order").first()
    client.force_login(draft.admin)
    url = reverse("spd-answer", args=[indicator.pk])
    response = client.post(url, {"level": "2", "note": "", "subject": "Perda Inovasi", "file": pdf()}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert card_message(html, indicator) == f"Indikator {indicator.number} tersimpan dan bukti dukungnya ditambahkan."
    assert oob_parts(html) == ["indicator-jump"]  # the region has no submission summary
    answer = Answer.objects.get(inovasi=None, indicator=indicator)
    assert (answer.level, answer.evidence.get().subject) == (2, "Perda Inovasi")
