"""The OPD list as the admin uploads it (CSV or XLSX), and the admin's two-step import of it."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

# Two OPDs, the second a child of the first (by short name).
ROWS = [
    ["name", "short_name", "kind", "parent", "is_active"],
    ["Dinas Kesehatan Kota Kediri", "Dinkes", "dinas", "", "1"],
    ["Puskesmas Pesantren I", "PKM Pesantren I", "puskesmas", "Dinkes", "1"],
]
CSV, XLSX = 0, 1  # the import form's format choices


def csv_file():
    content = "\n".join(",".join(row) for row in ROWS).encode()
    return SimpleUploadedFile("opd.csv", content, content_type="text/csv")


def xlsx_file():
    book = openpyxl.Workbook()
    for row in ROWS:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("opd.xlsx", buffer.getvalue())


def import_opds(client, upload, format_index):
    """Upload, check the preview, confirm: the response of the confirming POST."""
    preview = client.post(
        reverse("admin:accounts_opd_import"),
        {"resource": 0, "import_file": upload, "format": format_index},
    )
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"].initial
    return client.post(reverse("admin:accounts_opd_process_import"), confirm)
