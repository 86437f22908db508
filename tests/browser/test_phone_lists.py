"""The filter lists on a phone (390 px): filters behind the *Saring* button, the first result in the first
screen, and the key columns (name, status, completeness) within the screen's width; from 768 px up the
filters are always open. Bootstrap's collapse (vendored) opens them under the strict CSP, no inline code."""

import pytest

from inovasi.models import Inovasi
from tests.browser.helpers import axe, describe, serious, sign_in
from tests.inovasi.factories import current_period, make_inovasi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LONG_NAME = "Layanan Pengaduan Masyarakat Terpadu Berbasis Aplikasi Seluler Kelurahan Se-Kota Kediri"


@pytest.fixture
def listed(catalogue, personas):
    """Innovations of OPD A in every status (the longest status labels included), long names, and the
    approved ones in the public catalogue."""
    period = current_period()
    for number, status in enumerate(Inovasi.Status.values):
        inovasi = make_inovasi(personas.opd_a, personas.operator_a, period, name=f"{LONG_NAME} {number}")
        Inovasi.objects.filter(pk=inovasi.pk).update(status=status)
    personas.opd_a.public_catalogue = True
    personas.opd_a.save()
    return personas


def _watch_csp(page):
    refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    return refused


def _box(locator):
    box = locator.bounding_box()
    assert box is not None, "not rendered"
    return box


def _within_width(box, width):
    return box["x"] >= 0 and box["x"] + box["width"] <= width


def test_the_innovation_list_on_a_phone_shows_results_first_and_its_key_columns(pages, listed):
    page = pages.new(viewport=PHONE)
    refused = _watch_csp(page)
    sign_in(page, "operator_a")
    page.goto("/inovasi/")
    pages.shot(page, "innovation-list-390")
    assert page.locator("#inovasi-filters").is_hidden()
    toggle = page.locator("[data-bs-target='#inovasi-filters']")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Saring"
    first_row = page.locator("table tbody tr").first
    assert _box(first_row)["y"] + _box(first_row)["height"] <= PHONE["height"], "the first result is below the fold"
    cells = first_row.locator("td")
    name, status, completeness = cells.nth(0), cells.nth(4), cells.nth(5)
    for label, cell in (("name", name), ("status", status), ("completeness", completeness)):
        assert cell.is_visible(), label
        assert _within_width(_box(cell), PHONE["width"]), f"the {label} cell leaves the screen: {_box(cell)}"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    toggle.click()
    page.locator("#inovasi-filters").wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    pages.shot(page, "innovation-list-390-filters-open")
    assert refused == []


def test_the_phone_filter_button_counts_the_filters_set(pages, listed):
    page = pages.new(viewport=PHONE)
    sign_in(page, "operator_a")
    page.goto("/inovasi/?status=draft&q=Layanan&tahapan=")
    toggle = page.locator("[data-bs-target='#inovasi-filters']")
    assert toggle.locator(".badge").inner_text() == "2"
    assert "2" in toggle.locator(".visually-hidden").inner_text()


def test_the_filters_are_open_on_a_wide_screen(pages, listed):
    page = pages.new(viewport=DESKTOP)
    sign_in(page, "operator_a")
    page.goto("/inovasi/")
    pages.shot(page, "innovation-list-1280")
    assert page.locator("#inovasi-filters").is_visible()
    assert page.locator("#id_status").is_visible()
    assert page.locator("[data-bs-target='#inovasi-filters']").is_hidden()
    headers = page.locator("table thead th")
    assert [headers.nth(index).is_visible() for index in range(headers.count())] == [True] * 6
    page.goto("/katalog/")
    assert page.locator("#catalogue-filters").is_visible()
    assert page.locator("[data-bs-target='#catalogue-filters']").is_hidden()


def test_the_catalogue_on_a_phone_shows_the_first_innovation_first(pages, listed):
    page = pages.new(viewport=PHONE)
    refused = _watch_csp(page)
    page.goto("/katalog/")
    pages.shot(page, "catalogue-390")
    assert page.locator("#catalogue-filters").is_hidden()
    first = page.locator("article.card").first
    assert _box(first)["y"] < PHONE["height"], "the first innovation is below the fold"
    assert _within_width(_box(first), PHONE["width"])
    page.locator("[data-bs-target='#catalogue-filters']").click()
    page.locator("#catalogue-filters").wait_for(state="visible")
    assert refused == []


def test_the_phone_lists_pass_axe_with_the_filters_closed_and_open(pages, listed):
    """axe is injected by the test: this context bypasses the CSP for it (the others keep it)."""
    page = pages.new(viewport=PHONE, bypass_csp=True)
    sign_in(page, "operator_a")
    for address, target in (("/inovasi/", "#inovasi-filters"), ("/katalog/", "#catalogue-filters")):
        page.goto(address)
        assert serious(axe(page)) == [], (address, describe(serious(axe(page))))
        page.locator(f"[data-bs-target='{target}']").click()
        page.locator(target).wait_for(state="visible")
        page.wait_for_timeout(500)  # the button's colour transition (Bootstrap's .15 s) has ended: axe reads its end
        found = serious(axe(page)) + axe(page, "label")
        assert found == [], (address, "open", describe(found))
