"""Custom 403/404/500 pages in Indonesian, never a stack trace."""

from django.test import RequestFactory
from django.urls import reverse

from portal.views import error_500


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


def test_a_database_outage_is_a_503_with_retry_after(db):
    from django.db import OperationalError

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = error_500(RequestFactory().get("/inovasi/"))
    content = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert "Portal sedang tidak dapat diakses sebentar" in content and "Traceback" not in content
