"""The profile form in sections, in a real Chromium: the urusan search box, the live word counter, and a
document chosen before a refused submit that the next submit saves (inovasi.pending_uploads)."""

import pytest

from inovasi.models import Inovasi, PendingUpload
from tests.browser.helpers import axe, describe, duplicate_ids, serious, sign_in, unlabelled_controls
from tests.inovasi.factories import MINIMAL_PDF, current_period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visible_urusan(page):
    return page.eval_on_selector_all(
        "#id_urusan_lain_choices .form-check:not([hidden]) label", "labels => labels.map(l => l.textContent.trim())"
    )


def test_the_urusan_search_the_counter_and_a_kept_document(catalogue, personas, pages, tmp_path):
    current_period()
    page = pages.new(bypass_csp=True)  # for the injected axe only; the page keeps its CSP otherwise
    sign_in(page, "operator_a")
    page.goto("/inovasi/baru/")

    # The search box is shown by its script and filters the 38 checkboxes; a ticked one stays in view.
    assert len(visible_urusan(page)) == 38
    page.check("#id_urusan_lain_choices input[type=checkbox] >> nth=0")  # Pendidikan
    page.fill("#id_urusan_lain_filter", "kesehat")
    assert visible_urusan(page) == ["Pendidikan", "Kesehatan"]
    page.press("#id_urusan_lain_filter", "Enter")  # does not submit the form
    assert page.url.endswith("/inovasi/baru/")
    page.fill("#id_urusan_lain_filter", "")
    assert len(visible_urusan(page)) == 38

    # The counter beside the rancang bangun follows the typing, all parts together.
    page.fill("#id_dasar_hukum", "satu dua tiga")
    page.fill("#id_cara_kerja", "empat lima")
    assert page.inner_text("#word-count") == "5"
    page.fill("#id_permasalahan", " ".join(["kata"] * 295))
    assert page.inner_text("#word-count") == "300"
    assert page.inner_text("#word-count-status") != ""  # the minimum reached is said once, politely

    # A refused submit (no name, nothing chosen) keeps the budget document chosen in it.
    document = tmp_path / "Anggaran Dinas.pdf"
    document.write_bytes(MINIMAL_PDF)
    page.set_input_files("#id_budget_document", str(document))
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_selector("[data-error-summary]")
    kept = page.locator("#id_budget_document_kept")
    assert "Anggaran Dinas.pdf" in kept.inner_text()
    assert page.input_value("#id_budget_document") == ""  # the browser dropped it; the portal kept it
    pages.shot(page, "refused-with-kept-document")
    # The refused page (error summary, sections marked, the kept document) stays accessible.
    found = serious(axe(page))
    assert not found, describe(found)
    assert (unlabelled_controls(page), duplicate_ids(page)) == ([], [])

    # The next valid submit saves it.
    for field, index in (("tahapan", 1), ("inisiator", 1), ("jenis", 1), ("bentuk", 1), ("tematik", 1)):
        page.select_option(f"#id_{field}", index=index)
    page.select_option("#id_urusan_utama", label="Kesehatan")
    page.fill("#id_name", "Inovasi Berkas Tersimpan")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url("**/indikator/")
    saved = Inovasi.objects.get(name="Inovasi Berkas Tersimpan")
    with saved.budget_document.open("rb") as stored:
        assert stored.read() == MINIMAL_PDF
    assert not PendingUpload.objects.exists()
