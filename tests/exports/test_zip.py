"""Evidence archives: streamed, exact names, links in links.txt, and never another OPD's file."""

import io
import zipfile

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from tests.exports.helpers import add_file, seeded_pair
from tests.inovasi.factories import MINIMAL_PDF


@pytest.fixture
def seeded(personas):
    return seeded_pair(personas)


def archive(response):
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def folder(period, number):
    indicator = period.indicators.get(scope="sid", number=str(number))
    return f"{number} - {indicator.name}"


def test_an_innovation_archive_names_files_by_indicator(client, personas, seeded):
    period, alpha, _beta = seeded
    add_file(alpha, 16, personas.operator_a, "../../etc/pass:wd?.pdf")
    add_file(alpha, 16, personas.operator_a, "SK-walikota.pdf")
    client.force_login(personas.operator_a)
    zipped = archive(client.get(reverse("export-inovasi-zip", args=[alpha.pk])))
    assert zipped.namelist() == [
        f"{folder(period, 16)}/SK-walikota.pdf",
        f"{folder(period, 16)}/pass_wd_.pdf",
        f"{folder(period, 16)}/SK-walikota (2).pdf",
        f"{folder(period, 17)}/laporan.pdf",
        "links.txt",
    ]
    assert zipped.read(f"{folder(period, 17)}/laporan.pdf") == MINIMAL_PDF
    assert zipped.read("links.txt").decode() == f"{folder(period, 16)}: https://data.example/sk\n"


def test_an_entry_is_named_by_the_files_content_not_the_uploaded_name(client, personas, seeded):
    period, alpha, _beta = seeded
    add_file(alpha, 16, personas.operator_a, "poly.html")
    add_file(alpha, 16, personas.operator_a, "invoice\u202efdp.exe")
    client.force_login(personas.operator_a)
    zipped = archive(client.get(reverse("export-inovasi-zip", args=[alpha.pk])))
    assert [name for name in zipped.namelist() if name.startswith(folder(period, 16))] == [
        f"{folder(period, 16)}/SK-walikota.pdf",
        f"{folder(period, 16)}/poly.pdf",
        f"{folder(period, 16)}/invoicefdp.pdf",
    ]


def test_an_opd_archive_has_one_folder_per_innovation(client, personas, seeded):
    period, alpha, _beta = seeded
    client.force_login(personas.kepala_a)
    zipped = archive(client.get(reverse("export-opd-zip", args=[personas.opd_a.pk]), {"period": period.pk}))
    prefix = f"{alpha.pk} - Alpha Sehat/"
    assert zipped.namelist() == [
        f"{prefix}{folder(period, 16)}/SK-walikota.pdf",
        f"{prefix}{folder(period, 17)}/laporan.pdf",
        f"{prefix}links.txt",
    ]


def test_an_operator_never_gets_another_opds_files(client, personas, seeded):
    _period, _alpha, beta = seeded
    client.force_login(personas.operator_a)
    assert client.get(reverse("export-inovasi-zip", args=[beta.pk])).status_code == 404
    assert client.get(reverse("export-opd-zip", args=[personas.opd_b.pk])).status_code == 404
    zipped = archive(client.get(reverse("export-opd-zip", args=[personas.opd_a.pk])))
    assert not [name for name in zipped.namelist() if "rahasia" in name or "Beta" in name]


def test_a_city_wide_reader_gets_any_opd(client, personas, seeded):
    period, _alpha, beta = seeded
    client.force_login(personas.pimpinan)
    zipped = archive(client.get(reverse("export-opd-zip", args=[personas.opd_b.pk])))
    assert zipped.namelist() == [f"{beta.pk} - Beta Puskesmas/{folder(period, 16)}/rahasia-b.pdf"]
