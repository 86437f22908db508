"""The admin imports the OPD list from CSV or XLSX through django-import-export."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.accounts.models import Opd

ROWS = [
    ["name", "short_name", "kind", "parent", "is_active"],
    ["Dinas Kesehatan Kota Kediri", "Dinkes", "dinas", "", "1"],
    ["Puskesmas Pesantren I", "PKM Pesantren I", "puskesmas", "Dinkes", "1"],
]


def _csv_file():
    content = "\n".join(",".join(row) for row in ROWS).encode()
    return SimpleUploadedFile("opd.csv", content, content_type="text/csv")


def _xlsx_file():
    book = openpyxl.Workbook()
    for row in ROWS:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("opd.xlsx", buffer.getvalue())


def _import(client, upload, format_index):
    preview = client.post(
        reverse("admin:accounts_opd_import"),
        {"resource": 0, "import_file": upload, "format": format_index},
    )
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"].initial
    return client.post(reverse("admin:accounts_opd_process_import"), confirm)


def _opds():
    return sorted(Opd.objects.values_list("short_name", "kind", "parent__short_name", "is_active"))


EXPECTED = [
    ("DUA", "dinas", None, True),
    ("Dinkes", "dinas", None, True),
    ("PKM Pesantren I", "puskesmas", "Dinkes", True),
    ("PUB", "puskesmas", None, True),
]


def test_the_admin_imports_opds_from_csv(client, personas):
    client.force_login(personas.admin)
    response = _import(client, _csv_file(), 0)
    assert response.status_code == 302
    assert _opds() == EXPECTED


def test_the_admin_imports_opds_from_xlsx(client, personas):
    client.force_login(personas.admin)
    response = _import(client, _xlsx_file(), 1)
    assert response.status_code == 302
    assert _opds() == EXPECTED


def test_importing_the_same_file_twice_changes_nothing(client, personas):
    client.force_login(personas.admin)
    _import(client, _csv_file(), 0)
    _import(client, _csv_file(), 0)
    assert _opds() == EXPECTED


def test_a_bad_kind_is_reported_and_nothing_is_imported(client, personas):
    client.force_login(personas.admin)
    bad = b"name,short_name,kind,parent,is_active\nDinas Aneh,DA,planet,,1\n"
    response = client.post(
        reverse("admin:accounts_opd_import"),
        {"resource": 0, "import_file": SimpleUploadedFile("opd.csv", bad), "format": 0},
    )
    assert response.status_code == 200
    assert response.context["result"].has_validation_errors()
    assert Opd.objects.count() == 2


def test_an_operator_cannot_import(client, personas):
    client.force_login(personas.operator_a)
    response = client.post(
        reverse("admin:accounts_opd_import"),
        {"resource": 0, "import_file": _csv_file(), "format": 0},
    )
    assert response.status_code == 302
    assert Opd.objects.count() == 2
