"""The admin imports the OPD list from CSV or XLSX through django-import-export."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.accounts.models import Opd
from tests.accounts.opd_import import CSV, XLSX, csv_file, import_opds, xlsx_file


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
    response = import_opds(client, csv_file(), CSV)
    assert response.status_code == 302
    assert _opds() == EXPECTED


def test_the_admin_imports_opds_from_xlsx(client, personas):
    client.force_login(personas.admin)
    response = import_opds(client, xlsx_file(), XLSX)
    assert response.status_code == 302
    assert _opds() == EXPECTED


def test_importing_the_same_file_twice_changes_nothing(client, personas):
    client.force_login(personas.admin)
    import_opds(client, csv_file(), CSV)
    import_opds(client, csv_file(), CSV)
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
        {"resource": 0, "import_file": csv_file(), "format": 0},
    )
    assert response.status_code == 302
    assert Opd.objects.count() == 2
