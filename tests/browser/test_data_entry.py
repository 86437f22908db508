"""Issue 15, measured: an operator fills all 20 indicators of a new innovation and submits it, and a pendamping
verifies all 20 and approves, each without one full page load; every error on the way shows in the viewport
right after the action.

Prints the number of user actions each took (clicks, choices, typed fields), for the record.
"""

from types import SimpleNamespace

import pytest

from inovasi.models import Answer, Inovasi
from tests.browser.helpers import sign_in
from tests.inovasi.factories import MINIMAL_PDF, current_period, make_inovasi
from tests.inovasi.workflow_helpers import build_in_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


class Counted:
    """The page's user actions, counted, and its full page loads (main-frame navigations)."""

    def __init__(self, page):
        self.page, self.clicks, self.actions, self.loads = page, 0, 0, []
        page.on("framenavigated", lambda frame: self.loads.append(frame.url) if frame == page.main_frame else None)

    def click(self, locator):
        self.clicks += 1
        self.actions += 1
        locator.click()

    def act(self, locator, method, *args):
        self.actions += 1
        getattr(locator, method)(*args)


def in_viewport(locator):
    """Whether the element is visible and wholly inside the viewport (to the pixel: positions are fractional)."""
    return locator.is_visible() and locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top > -1 && r.bottom < window.innerHeight + 1; }"
    )


def card_message(page, indicator):
    """The card's message, once it has the focus (htmx.js focuses it after the swap settles)."""
    message = page.locator(f"#indikator-{indicator.pk} [data-card-message]")
    message.wait_for()
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('[data-card-message]')")
    return message


@pytest.fixture
def new_draft(catalogue, personas):
    period = current_period()
    personas.inovasi = make_inovasi(personas.opd_a, personas.operator_a, period, name="Layanan Uji Tanpa Muat Ulang")
    personas.indicators = list(period.indicators.filter(scope="sid", is_archived=False).order_by("order"))
    return personas


def test_an_operator_fills_20_indicators_and_submits_without_a_page_load(new_draft, pages, tmp_path):
    good, bad = tmp_path / "sk-inovasi.pdf", tmp_path / "program.pdf"
    good.write_bytes(MINIMAL_PDF)
    bad.write_bytes(EXECUTABLE)
    page = pages.new()
    sign_in(page, "operator_a")
    page.goto(f"/inovasi/{new_draft.inovasi.pk}/indikator/")
    user = Counted(page)
    first = new_draft.indicators[0]
    card = page.locator(f"#indikator-{first.pk}")

    # A file that is not what its name says: refused, said in the card, in view, focused.
    user.act(card.locator("select[name=level]"), "select_option", "3")
    user.act(card.locator("input[name=subject]"), "fill", "SK Tim Inovasi")
    user.act(card.locator("input[name=file]"), "set_input_files", str(bad))
    user.click(card.get_by_role("button", name="Simpan"))
    message = card_message(page, first)
    assert message.inner_text().startswith(f"Indikator {first.number} belum disimpan.")
    assert in_viewport(message) and message.evaluate("e => e === document.activeElement")
    assert "bukan PDF yang sah" in page.locator(f"#indikator-{first.pk}").inner_text()
    pages.shot(page, "01-bad-file-refused-in-view")

    # The evidence's subject without its file: refused the same way.
    card = page.locator(f"#indikator-{first.pk}")
    user.act(card.locator("input[name=subject]"), "fill", "SK Tim Inovasi")
    user.click(card.get_by_role("button", name="Simpan"))
    page.locator(f"#indikator-{first.pk} .alert-danger >> text=Lampirkan satu berkas").wait_for()
    assert in_viewport(card_message(page, first))
    assert not Answer.objects.filter(inovasi=new_draft.inovasi).exists()

    for indicator in new_draft.indicators:
        card = page.locator(f"#indikator-{indicator.pk}")
        user.act(card.locator("select[name=level]"), "select_option", "2")
        if indicator.bases:
            user.act(card.locator("select[name=basis]"), "select_option", "orang")
        user.act(card.locator("input[name=subject]"), "fill", f"Bukti indikator {indicator.number}")
        if card.locator("input[name=file]").count():
            user.act(card.locator("input[name=file]"), "set_input_files", str(good))
        else:
            user.act(card.locator("input[name=url]"), "fill", f"https://youtu.be/bukti{indicator.number}")
        user.click(card.get_by_role("button", name="Simpan"))
        page.locator(f"#indikator-{indicator.pk} .state-complete").wait_for()
        assert in_viewport(card_message(page, indicator))
    pages.shot(page, "02-all-indicators-complete")

    assert page.locator("[data-figure=completeness]").inner_text() == "100%"
    assert user.loads == []  # not one full page load between opening the page and submitting
    user.click(page.get_by_role("button", name="Ajukan untuk direviu"))
    page.wait_for_url(f"**/inovasi/{new_draft.inovasi.pk}/")
    assert Inovasi.objects.get(pk=new_draft.inovasi.pk).status == Inovasi.Status.SUBMITTED
    answers = Answer.objects.filter(inovasi=new_draft.inovasi)
    assert answers.count() == 20 and {answer.evidence.count() for answer in answers} == {1}
    print(f"\noperator: 20 indicators and submission in {user.actions} actions, {user.clicks} of them clicks")


@pytest.fixture
def submitted(catalogue, personas):
    """An innovation in review, every indicator claimed at 2 with its evidence."""
    inovasi, indicators = build_in_review(personas, "Layanan Uji Reviu Tanpa Muat Ulang")
    return SimpleNamespace(inovasi=inovasi, indicators=indicators)


def test_a_pendamping_verifies_20_indicators_and_approves_without_a_page_load(submitted, pages):
    page = pages.new()
    sign_in(page, "pendamping", totp=True)
    page.goto(f"/inovasi/{submitted.inovasi.pk}/reviu/")
    user = Counted(page)
    approve = page.locator("#review-moves form[action$='/status/disetujui/'] button")
    assert approve.is_disabled()  # no verdict yet

    # One indicator judged on its own (a lower verified level), in place.
    first = submitted.indicators[0]
    card = page.locator(f"#indikator-{first.pk}")
    user.act(card.locator("select[name=verification]"), "select_option", "tidak_sesuai")
    user.act(card.locator("select[name=verified_level]"), "select_option", "1")
    user.click(card.locator("form[hx-post] button[type=submit]"))
    message = page.locator(f"#indikator-{first.pk} [data-htmx-message] [role=status]")
    message.wait_for()
    assert in_viewport(message)

    # The other 19 at their claim in one action; the summary says so, in view.
    user.click(page.locator("#ringkasan-verifikasi form button"))
    page.locator("#ringkasan-verifikasi [role=status]").wait_for()
    assert in_viewport(page.locator("#ringkasan-verifikasi [role=status]"))
    assert page.locator("[data-verdict-count=sesuai]").inner_text() == "19"
    pages.shot(page, "03-all-verdicts-given")

    assert approve.is_enabled()  # the buttons came back with the verdicts
    assert user.loads == []  # not one full page load between opening the review and approving
    user.click(approve)
    page.wait_for_load_state()
    assert Inovasi.objects.get(pk=submitted.inovasi.pk).status == Inovasi.Status.APPROVED
    verdicts = set(Answer.objects.filter(inovasi=submitted.inovasi).values_list("verification", flat=True))
    assert verdicts == {"sesuai", "tidak_sesuai"}
    print(f"\npendamping: 20 verdicts and approval in {user.actions} actions, {user.clicks} of them clicks")
