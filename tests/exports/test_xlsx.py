"""The "siap input" workbook: exact headers and cells, role scoping, and a constant number of queries."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from inovasi.exports.xlsx import build_workbook
from inovasi.models import Answer, Evidence
from portal.accounts.access import access_for
from portal.audit.models import AuditEntry
from portal.catalogue.models import Period, ReferenceOption
from tests.exports.helpers import add_file, ready, seeded_pair
from tests.inovasi.factories import option, sid_indicator

PROFILE_HEADERS = [
    "OPD",
    "Nama inovasi",
    "Tahapan",
    "Inisiator",
    "Nama inisiator",
    "Jenis",
    "Bentuk",
    "Tematik",
    "Urusan utama",
    "Urusan lain",
    "Waktu uji coba",
    "Waktu penerapan",
    "Dasar hukum",
    "Permasalahan",
    "Isu strategis",
    "Metode pembaharuan",
    "Keunggulan dan kebaharuan",
    "Cara kerja",
    "Tujuan",
    "Manfaat",
    "Hasil",
    "Tautan video",
]
# What 2026's form asks beyond 2023's (a 2023 workbook has none of these columns).
ITEM_HEADERS_2026 = ["Lintang", "Bujur", "Alamat", "Klasifikasi", "Asta Cita", "Program prioritas nasional"]


def workbook_for(user, period):
    out = io.BytesIO()
    build_workbook(access_for(user), period, out)
    out.seek(0)
    return load_workbook(out)


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def seeded(personas):
    return seeded_pair(personas)


def test_it_lists_ready_innovations_in_the_national_form_order(personas, seeded):
    period, _alpha, _beta = seeded
    book = workbook_for(personas.pendamping, period)
    assert book.sheetnames == ["Inovasi", "Bukti dukung", "Data daerah (SPD)"]
    indicators = list(period.indicators.filter(scope="sid", is_archived=False).order_by("order", "id"))
    header, first, second = rows(book["Inovasi"])
    # One column per indicator, and one for the basis chosen where the indicator asks for one (33).
    titles = [f"{item.number}. {item.name}" for item in indicators]
    basis_at = [item.number for item in indicators].index("33") + 1
    profile = PROFILE_HEADERS + ITEM_HEADERS_2026
    assert header == profile + titles[:basis_at] + ["33. Dasar yang dipilih"] + titles[basis_at:]
    assert len(indicators) == 20
    text = "kata " * 299 + "kata"
    assert first[:22] == [
        "Dinas Uji A",
        "Alpha Sehat",
        option("tahapan", "penerapan").name,
        option("inisiator", "opd").name,
        "Dr. Ani",
        option("jenis", "digital").name,
        option("bentuk", "pelayanan_publik").name,
        option("tematik", "digitalisasi_layanan").name,
        "Kesehatan",
        "Pendidikan; Sosial",
        datetime.datetime(2025, 1, 10),
        datetime.datetime(2025, 6, 1),
        text,
        "Antrean panjang",
        None,
        None,
        None,
        None,
        "Tujuan",
        "Manfaat",
        "Hasil",
        "https://video.example/alpha",
    ]
    assert first[22:28] == [
        -7.8166,
        112.0111,
        "Jl. Basuki Rahmat 15",
        option("klasifikasi", "pengembangan", period).name,
        "; ".join(o.name for o in ReferenceOption.objects.filter(kind="asta_cita", code__in=["ac4", "ac7"])),
        option("program_prioritas", "ckg", period).name,
    ]
    # The verified levels of 16 and 17; 18 has no answer.
    assert first[28:31] == [2, 3, None]
    assert second[:2] == ["Puskesmas Uji B", "Beta Puskesmas"]
    assert second[28] == 1


def test_an_operator_gets_only_its_own_opd_and_no_region_sheet(personas, seeded):
    period, _alpha, _beta = seeded
    book = workbook_for(personas.operator_a, period)
    assert book.sheetnames == ["Inovasi", "Bukti dukung"]
    values = [cell for row in rows(book["Inovasi"]) for cell in row]
    assert [row[1] for row in rows(book["Inovasi"])[1:]] == ["Alpha Sehat"]
    assert not any("Uji B" in str(cell) or "rahasia-b" in str(cell) for cell in values)


def test_the_region_sheet_lists_every_spd_indicator_with_its_answer(personas, seeded):
    period, _alpha, _beta = seeded
    spd_first = period.indicators.get(scope="spd", number="1")
    answer = Answer.objects.create(inovasi=None, indicator=spd_first, level=3)
    Evidence.objects.create(
        answer=answer, kind="link", subject="-", url="https://perda.example", uploaded_by=personas.admin
    )
    sheet = rows(workbook_for(personas.admin, period)["Data daerah (SPD)"])
    assert sheet[0] == ["Indikator", "Level", "Bukti dukung"]
    assert sheet[1] == [f"1. {spd_first.name}", 3, "https://perda.example"]
    assert len(sheet) == 1 + period.indicators.filter(scope="spd", is_archived=False).count()


def test_a_formula_like_name_is_stored_as_text(personas):
    period = ready(personas.opd_a, personas.operator_a, name='=HYPERLINK("http://x")').period
    sheet = load_workbook(_saved(personas.operator_a, period))["Inovasi"]
    cell = sheet.cell(row=2, column=2)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def _saved(user, period):
    out = io.BytesIO()
    build_workbook(access_for(user), period, out)
    out.seek(0)
    return out


def _queries(user, period):
    with CaptureQueriesContext(connection) as queries:
        build_workbook(access_for(user), period, io.BytesIO())
    return len(queries)


@pytest.mark.parametrize("role", ["operator_a", "pendamping"])
def test_the_builder_runs_as_many_queries_for_one_innovation_as_for_many(personas, role):
    first = ready(personas.opd_a, personas.operator_a, name="Satu")
    add_file(first, 16, personas.operator_a, "a.pdf")
    user = personas.by_name(role)
    access_for(user)  # the access is read once per request, outside the builder
    one = _queries(user, first.period)
    for number in range(6):
        extra = ready(personas.opd_a, personas.operator_a, name=f"Lagi {number}")
        add_file(extra, 17, personas.operator_a, "b.pdf")
    assert _queries(user, first.period) == one


def test_the_download_is_a_workbook_and_is_audited(client, personas, seeded):
    period, _alpha, _beta = seeded
    client.force_login(personas.operator_a)
    response = client.get(reverse("export-xlsx"), {"period": period.pk})
    assert response["Content-Disposition"] == 'attachment; filename="siap-input-2026.xlsx"'
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [row[1] for row in rows(book["Inovasi"])[1:]] == ["Alpha Sehat"]
    audited = AuditEntry.objects.filter(action__startswith="export").values_list("action", "actor__username")
    assert list(audited) == [("export.xlsx", "operator_a")]


def test_another_opd_in_the_filter_is_a_404(client, personas, seeded):
    client.force_login(personas.operator_a)
    assert client.get(reverse("export-xlsx"), {"opd": personas.opd_b.pk}).status_code == 404


def test_the_evidence_sheet_carries_each_items_document_data(personas, seeded):
    period, _alpha, _beta = seeded
    sheet = rows(workbook_for(personas.pendamping, period)["Bukti dukung"])
    sixteen, seventeen = (sid_indicator(period, number) for number in (16, 17))
    assert sheet == [
        [
            "OPD",
            "Inovasi",
            "Indikator",
            "Level terverifikasi",
            "Nomor dokumen",
            "Tanggal dokumen",
            "Perihal",
            "Berkas atau tautan",
        ],
        [
            "Dinas Uji A",
            "Alpha Sehat",
            f"16. {sixteen.name}",
            2,
            "100/16/2026",
            datetime.datetime(2026, 2, 17),
            "Bukti",
            "SK-walikota.pdf",
        ],
        ["Dinas Uji A", "Alpha Sehat", f"16. {sixteen.name}", 2, None, None, "Tautan", "https://data.example/sk"],
        [
            "Dinas Uji A",
            "Alpha Sehat",
            f"17. {seventeen.name}",
            3,
            "100/17/2026",
            datetime.datetime(2026, 2, 18),
            "Bukti",
            "laporan.pdf",
        ],
        [
            "Puskesmas Uji B",
            "Beta Puskesmas",
            f"16. {sixteen.name}",
            1,
            "100/16/2026",
            datetime.datetime(2026, 2, 17),
            "Bukti",
            "rahasia-b.pdf",
        ],
    ]


def test_the_verified_level_is_exported_not_the_claim_and_the_basis_by_its_label(personas, seeded):
    period, alpha, _beta = seeded
    Answer.objects.filter(inovasi=alpha, indicator__number="17").update(level=3, verified_level=2)
    kemanfaatan = sid_indicator(period, 33)
    Answer.objects.create(
        inovasi=alpha, indicator=kemanfaatan, level=1, basis="unit", verification="sesuai", verified_level=1
    )
    header, first, _second = rows(workbook_for(personas.pendamping, period)["Inovasi"])
    assert first[header.index(f"17. {sid_indicator(period, 17).name}")] == 2
    assert first[header.index(f"33. {kemanfaatan.name}")] == 1
    assert first[header.index("33. Dasar yang dipilih")] == dict(kemanfaatan.basis_choices)["unit"]


def test_a_2023_workbook_has_none_of_the_2026_items(personas):
    period_2023 = Period.objects.get(year=2023)
    ready(personas.opd_a, personas.operator_a, period_2023, name="Lama")
    header = rows(workbook_for(personas.pendamping, period_2023)["Inovasi"])[0]
    assert header[: len(PROFILE_HEADERS)] == PROFILE_HEADERS
    assert not set(ITEM_HEADERS_2026) & set(header)
