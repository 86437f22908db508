"""Issue 7, item 1: one innovation from the operator's first keystroke to the XLSX export, through
the kepala OPD's endorsement (issue 14) and the 2026 form's extra items.

A real Chromium on the live server (PostgreSQL), with a real Celery worker on a Redis of the
test's own: the recompute after the approval is done by the worker, and the leadership
dashboard must show exactly what it stored.
"""

from types import SimpleNamespace

import openpyxl
import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from inovasi.models import Answer, CommentThread, Inovasi
from portal.catalogue.models import Basis
from scoring import recompute
from scoring.models import CityScore, DirtyMark
from tests.browser.helpers import sign_in
from tests.inovasi.factories import MINIMAL_PDF, current_period, option
from tests.workers import wait_for

pytestmark = [pytest.mark.celery, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Layanan Antrean Daring Uji Peramban"
# Six parts of the rancang bangun, 60 words each: 360 words in all.
PART = " ".join(f"kalimat{n} rancang bangun inovasi pelayanan publik daring warga kota baru" for n in range(6))


@pytest.fixture
def services(worker_services):
    return worker_services


@pytest.fixture
def period_with_stored_scores(catalogue, personas):
    """The current period (the kepala endorses submissions) with its scores stored once: the
    dashboard's starting point."""
    period = current_period(endorsement=True)
    recompute.run(period.pk, full=True)  # the stored starting point the dashboard shows before
    return SimpleNamespace(period=period, personas=personas)


def sid_indicators(period):
    return list(period.indicators.filter(scope="sid", is_archived=False).order_by("pk"))


def fill_profile(page, period_with_stored_scores):
    page.fill("#id_name", NAME)
    for field, kind, code in (
        ("tahapan", "tahapan", "penerapan"),
        ("inisiator", "inisiator", "opd"),
        ("jenis", "jenis", "digital"),
        ("bentuk", "bentuk", "pelayanan_publik"),
        ("tematik", "tematik", "digitalisasi_layanan"),
    ):
        page.select_option(f"#id_{field}", str(option(kind, code).pk))
    page.select_option("#id_urusan_utama", label="Kesehatan")
    page.fill("#id_inisiator_name", "Dinas Uji A")
    page.fill("#id_trial_date", "2025-01-10")
    page.fill("#id_implementation_date", "2025-06-01")
    for name in Inovasi.RANCANG_BANGUN_FIELDS:
        page.fill(f"#id_{name}", PART)
    page.fill("#id_tujuan", "Memangkas waktu antre warga.")
    page.fill("#id_manfaat", "Warga tidak perlu datang dua kali.")
    page.fill("#id_hasil", "Waktu tunggu turun dari dua jam menjadi dua puluh menit.")
    # The items 2026's form asks beyond 2023's.
    period = period_with_stored_scores.period
    page.fill("#id_latitude", "-7.816600")
    page.fill("#id_longitude", "112.011100")
    page.fill("#id_address", "Jl. Basuki Rahmat 15, Kota Kediri")
    page.select_option("#id_klasifikasi", str(option("klasifikasi", "baru", period).pk))
    page.check(f"input[name=asta_cita][value='{option('asta_cita', 'ac4', period).pk}']")
    page.select_option("#id_program_prioritas", str(option("program_prioritas", "ckg", period).pk))


def fill_card(page, indicator, level, evidence_pdf):
    """One indicator card: its level (and basis), one evidence item, saved in place; wait for it to be complete."""
    card = page.locator(f"#indikator-{indicator.pk}")
    card.locator("select[name=level]").select_option(str(level))
    if indicator.bases:  # 33 (kemanfaatan) asks for the one basis its level is measured on
        card.locator("select[name=basis]").select_option("orang")
    card.locator("input[name=subject]").fill(f"SK bukti indikator {indicator.number}")
    if card.locator("input[name=file]").count():
        card.locator("input[name=file]").set_input_files(str(evidence_pdf))
    else:
        card.locator("input[name=url]").fill(f"https://kedirikota.go.id/bukti/{indicator.number}")
    card.get_by_role("button", name="Simpan").click()
    page.locator(f"#indikator-{indicator.pk} .state-complete").wait_for()


def level_for(index):
    return 3 if index % 3 else 2


def test_innovation_journey_to_the_dashboard_and_the_export(period_with_stored_scores, services, pages, tmp_path):
    p = period_with_stored_scores.personas
    indicators = sid_indicators(period_with_stored_scores.period)
    assert len(indicators) == 20
    evidence_pdf = tmp_path / "sk-inovasi.pdf"
    evidence_pdf.write_bytes(MINIMAL_PDF)
    before = CityScore.objects.get(period=period_with_stored_scores.period, basis=Basis.VERIFIED).iid

    # Operator: the profile, then every SID indicator with a level and a PDF, then submit.
    operator = pages.new()
    sign_in(operator, "operator_a")
    operator.goto("/inovasi/baru/")
    fill_profile(operator, period_with_stored_scores)
    assert operator.locator("#word-count").inner_text() == "360"
    pages.shot(operator, "01-operator-profile-form")
    operator.get_by_role("button", name="Simpan", exact=True).click()
    operator.wait_for_url("**/indikator/")
    inovasi = Inovasi.objects.get(name=NAME)
    assert inovasi.opd == p.opd_a and inovasi.rancang_bangun_words == 360

    for index, indicator in enumerate(indicators):
        fill_card(operator, indicator, level_for(index), evidence_pdf)
    answers = Answer.objects.filter(inovasi=inovasi)
    assert answers.count() == 20 and all(a.evidence.count() == 1 for a in answers)
    pages.shot(operator, "02-operator-indicators")

    operator.goto(f"/inovasi/{inovasi.pk}/reviu/")
    operator.locator("form[action$='/status/menunggu_pengesahan/'] button").click()
    operator.wait_for_load_state()
    assert Inovasi.objects.get(pk=inovasi.pk).status == Inovasi.Status.AWAITING_ENDORSEMENT

    # Kepala OPD: endorses it to Bappeda.
    kepala = pages.new()
    sign_in(kepala, "kepala_a")

    def endorse():
        kepala.goto(f"/inovasi/{inovasi.pk}/reviu/")
        kepala.locator("form[action$='/status/diajukan/'] button").click()
        kepala.wait_for_load_state()
        assert Inovasi.objects.get(pk=inovasi.pk).status == Inovasi.Status.SUBMITTED

    endorse()
    pages.shot(kepala, "02b-kepala-endorsed")

    # Pendamping (with TOTP): a verdict per indicator, a comment on one, return.
    pendamping = pages.new()
    sign_in(pendamping, "pendamping", totp=True)
    review_url = f"/inovasi/{inovasi.pk}/reviu/"
    pendamping.goto(review_url)
    pendamping.locator("form[action$='/status/direviu/'] button").click()
    pendamping.wait_for_load_state()

    def verify_all():
        for index, indicator in enumerate(indicators):
            form = pendamping.locator(f"form[action$='/reviu/{indicator.pk}/verifikasi/']")
            form.locator("select[name=verification]").select_option("sesuai")
            form.locator("select[name=verified_level]").select_option(str(level_for(index)))
            form.locator("button[type=submit]").click()  # saved in place (htmx): the card comes back with its message
            pendamping.locator(f"#indikator-{indicator.pk} [data-htmx-message] [role=status]").wait_for()

    verify_all()
    assert set(answers.values_list("verification", flat=True)) == {"sesuai"}
    commented = indicators[0]
    pendamping.locator(f"details:has(#comment-{commented.pk}) > summary").click()  # the box opens on demand
    pendamping.fill(f"#comment-{commented.pk}", "Mohon lampirkan SK yang sudah ditandatangani.")
    pendamping.locator(f"form:has(#comment-{commented.pk}) button[type=submit]").click()
    pendamping.wait_for_load_state()
    thread = CommentThread.objects.get(inovasi=inovasi)
    pages.shot(pendamping, "03-pendamping-review")
    pendamping.fill("#note-dikembalikan", "Satu komentar perlu dijawab.")
    pendamping.locator("form[action$='/status/dikembalikan/'] button").click()
    pendamping.wait_for_load_state()
    assert Inovasi.objects.get(pk=inovasi.pk).status == Inovasi.Status.RETURNED

    # Operator: answers the comment and resubmits.
    operator.goto(f"/inovasi/{inovasi.pk}/")
    assert "Satu komentar perlu dijawab." in operator.locator("[data-return-note]").inner_text()  # at the top
    operator.goto(review_url)
    operator.locator(f"details:has(#reply-{thread.pk}) > summary").click()
    operator.fill(f"#reply-{thread.pk}", "SK yang ditandatangani sudah diunggah.")
    operator.locator(f"form[action$='/diskusi/{thread.pk}/balas/'] button").click()
    operator.wait_for_load_state()
    assert thread.comments.count() == 2
    operator.locator("form[action$='/status/menunggu_pengesahan/'] button").click()
    operator.wait_for_load_state()
    pages.shot(operator, "04-operator-resubmitted")
    assert Inovasi.objects.get(pk=inovasi.pk).status == Inovasi.Status.AWAITING_ENDORSEMENT
    endorse()

    # Pendamping: resolves the thread and approves.
    pendamping.goto(review_url)
    pendamping.locator("form[action$='/status/direviu/'] button").click()
    pendamping.wait_for_load_state()
    if answers.exclude(verification="sesuai").exists():
        verify_all()
    pendamping.locator(f"form[action$='/diskusi/{thread.pk}/selesai/'] button").click()
    pendamping.wait_for_load_state()
    pendamping.locator("form[action$='/status/disetujui/'] button").click()
    pendamping.wait_for_load_state()
    assert Inovasi.objects.get(pk=inovasi.pk).status == Inovasi.Status.APPROVED

    # The worker recomputes; the leadership dashboard shows what it stored.
    verified = CityScore.objects.filter(period=period_with_stored_scores.period, basis=Basis.VERIFIED)
    assert wait_for(
        lambda: (
            verified.get().iid != before
            and not DirtyMark.objects.filter(period=period_with_stored_scores.period).exists()
        ),
        120,
    ), "the worker did not recompute the verified projection"
    stored = verified.get().iid
    with translation.override("id"):
        shown = floatformat(stored, 2)
    pimpinan = pages.new()
    sign_in(pimpinan, "pimpinan", totp=True)
    pimpinan.goto("/dasbor/pimpinan/")
    figure = pimpinan.locator("[data-figure='iid-terverifikasi']")
    assert figure.inner_text().strip() == shown, (figure.inner_text(), stored)
    pages.shot(pimpinan, "05-leadership-dashboard")

    # Admin: ready to send, then the XLSX has the innovation's row.
    admin = pages.new(accept_downloads=True)
    sign_in(admin, "admin", totp=True)
    admin.goto(review_url)
    admin.locator("form[action$='/status/siap_kirim/'] button").click()
    admin.wait_for_load_state()
    assert Inovasi.objects.get(pk=inovasi.pk).status == Inovasi.Status.READY
    admin.goto("/ekspor/")
    pages.shot(admin, "06-admin-exports")
    with admin.expect_download() as download_info:
        admin.locator("form[action$='siap-input.xlsx'] button[type=submit]").click()
    path = tmp_path / "siap-input.xlsx"
    download_info.value.save_as(path)
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = [row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
    assert any(NAME in row for row in rows), "the innovation's row is missing from the XLSX"
