"""Custom 400/403/404/500 pages in Indonesian, never a stack trace."""

import psycopg2
import pytest
from django import db as django_db
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from inovasi.models import Inovasi
from portal.audit.models import AuditEntry
from portal.views import error_400, error_500
from tests.inovasi.factories import current_period, make_inovasi, png_bytes, post_data


def test_404_is_the_portal_page(client, personas):
    client.force_login(personas.operator_a)
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_403_is_the_portal_page(client, personas):
    client.force_login(personas.operator_a)
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403
    assert response.templates[0].name == "403.html"
    assert "Akses ditolak" in response.content.decode()


def test_500_shows_no_internals(db):
    response = error_500(RequestFactory().get("/"))
    content = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in content
    assert "Traceback" not in content


# Django's error, and the driver's own: a cursor closed outside Django's wrapper raises it unwrapped.
@pytest.mark.parametrize("error", [django_db.OperationalError, psycopg2.OperationalError, psycopg2.InterfaceError])
def test_a_database_outage_is_a_503_with_retry_after(db, error):
    try:
        raise error("server closed the connection unexpectedly")
    except error:
        response = error_500(RequestFactory().get("/inovasi/"))
    content = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert "Portal sedang tidak dapat diakses sebentar" in content and "Traceback" not in content


# A 400 refuses a request whose query string or form fields hold control characters (NUL and the
# like): PostgreSQL cannot store NUL, so before the refusal such a request answered 500.
REFUSED_TEXT = "Permintaan memuat karakter yang tidak diizinkan"


def _assert_refused(response):
    assert response.status_code == 400
    assert response.templates[0].name == "400.html"
    content = response.content.decode()
    assert REFUSED_TEXT in content and "Traceback" not in content


def test_any_other_400_says_to_go_back_and_try_again(db):
    # Django answers 400 for an oversized form or a bad Host header too: those are no character problem.
    response = error_400(RequestFactory().get("/"), exception=SuspiciousOperation("Too many fields"))
    content = response.content.decode()
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in content and REFUSED_TEXT not in content


@pytest.mark.parametrize(
    "url",
    [
        "/ekspor/inovasi.csv?q=a%00b",
        "/ekspor/inovasi.csv?a%00b=1",
        "/inovasi/?q=a%00b",
        "/reviu/?page=%00",
    ],
)
def test_a_nul_in_a_query_parameter_is_refused_with_a_400(client, personas, url):
    client.force_login(personas.operator_a)
    entries = AuditEntry.objects.count()
    _assert_refused(client.get(url))
    assert AuditEntry.objects.count() == entries


def test_the_anonymous_catalogue_refuses_a_nul_too(client, db):
    _assert_refused(client.get("/katalog/?q=a%00b"))


@pytest.mark.parametrize("control", ["%01", "%09", "%0A", "%0D", "%1B", "%1F", "%7F"])
def test_every_control_character_in_a_query_string_is_refused(client, personas, control):
    # Links and search boxes never send tabs or line breaks either: the query string allows no C0 control at all.
    client.force_login(personas.operator_a)
    _assert_refused(client.get(f"/inovasi/?q=a{control}b"))


@pytest.mark.parametrize("text", ["Layanan\x00Baru", "Layanan\x0bBaru", "Layanan\x1bBaru", "Layanan\x7fBaru"])
def test_a_control_character_in_a_form_field_is_refused_and_changes_nothing(client, personas, text):
    current_period()
    client.force_login(personas.operator_a)
    entries = AuditEntry.objects.count()
    _assert_refused(client.post(reverse("inovasi-create"), post_data(name=text)))
    assert (Inovasi.objects.count(), AuditEntry.objects.count()) == (0, entries)


def test_a_control_character_in_a_form_field_name_is_refused(client, personas):
    current_period()
    client.force_login(personas.operator_a)
    _assert_refused(client.post(reverse("inovasi-create"), {**post_data(), "x\x00": "1"}))
    assert not Inovasi.objects.exists()


def test_tabs_and_line_breaks_in_a_form_field_are_accepted(client, personas):
    current_period()
    client.force_login(personas.operator_a)
    response = client.post(reverse("inovasi-create"), post_data(tujuan="Satu\tdua\r\ntiga\nempat"))
    assert response.status_code == 302
    assert Inovasi.objects.get().tujuan.startswith("Satu\tdua")


def test_uploaded_file_contents_are_not_inspected(client, personas):
    # A PNG is full of NUL bytes; only the upload checks judge a file.
    inovasi = make_inovasi(personas.opd_a, personas.operator_a)
    client.force_login(personas.operator_a)
    upload = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    assert b"\x00" in png_bytes()
    response = client.post(reverse("inovasi-photo-add", args=[inovasi.pk]), {"caption": "Foto", "image": upload})
    assert response.status_code == 302
    assert inovasi.photos.count() == 1
