"""The list CSV: the list page's filters, role scoping, a BOM, neutralised formulas, constant queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inovasi.exports.csv import lines, list_queryset, neutralise
from inovasi.filters import InovasiFilter
from inovasi.models import Inovasi
from portal.accounts.access import access_for
from portal.audit.models import AuditEntry
from tests.inovasi.factories import current_period, make_inovasi


def parsed(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Layanan = cepat", "Layanan = cepat"),
        (42, "42"),
        (None, ""),
    ],
)
def test_formula_like_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_the_csv_follows_the_list_filters_and_neutralises_names(client, personas):
    period = current_period()
    make_inovasi(personas.opd_a, personas.operator_a, period, name='=HYPERLINK("http://evil")')
    make_inovasi(personas.opd_a, personas.operator_a, period, name="@Layanan")
    make_inovasi(personas.opd_a, personas.operator_a, period, name="Biasa")
    make_inovasi(personas.opd_b, personas.operator_b, period, name="-Rahasia B")
    client.force_login(personas.pendamping)
    rows = parsed(client.get(reverse("export-csv"), {"opd": personas.opd_a.pk, "ordering": "name"}))
    assert rows[0] == [
        "Nama inovasi",
        "OPD",
        "Bidang",
        "Periode",
        "Status",
        "Tahapan",
        "Jenis",
        "Inisiator",
        "Urusan utama",
        "Kelengkapan (%)",
        "Perubahan terakhir",
    ]
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://evil")', "'@Layanan", "Biasa"]
    assert rows[3][1:5] == ["Dinas Uji A", "", "IGA 2026", "Draf"]
    assert AuditEntry.objects.filter(action="export.csv", actor=personas.pendamping).count() == 1


def test_an_operator_csv_never_holds_another_opds_row(client, personas):
    period = current_period()
    make_inovasi(personas.opd_a, personas.operator_a, period, name="Milik A")
    make_inovasi(personas.opd_b, personas.operator_b, period, name="Milik B")
    client.force_login(personas.operator_a)
    rows = parsed(client.get(reverse("export-csv"), {"opd": personas.opd_b.pk}))
    assert [row[0] for row in rows[1:]] == ["Milik A"]  # OPD B is no valid choice: the scope stays A
    rows = parsed(client.get(reverse("export-csv")))
    assert [(row[0], row[1]) for row in rows[1:]] == [("Milik A", "Dinas Uji A")]


def _queries(user):
    access = access_for(user)
    data = {"period": str(current_period().pk)}
    filterset = InovasiFilter(data, queryset=Inovasi.objects.visible_to(access), access=access)
    with CaptureQueriesContext(connection) as queries:
        list(lines(list_queryset(filterset)))
    return len(queries)


def test_the_csv_builder_runs_as_many_queries_for_one_row_as_for_many(personas):
    make_inovasi(personas.opd_a, personas.operator_a, name="Satu")
    one = _queries(personas.admin)
    for number in range(8):
        make_inovasi(personas.opd_a, personas.operator_a, name=f"Lagi {number}")
    assert _queries(personas.admin) == one
