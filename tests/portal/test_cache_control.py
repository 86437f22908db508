"""Responses to a signed-in user are never stored by a cache; the anonymous public catalogue may be."""

import pytest
from django.urls import reverse

from inovasi.exports import jobs
from inovasi.models import ExportJob, Inovasi
from portal.accounts.models import Opd
from tests.inovasi.factories import add_evidence, add_photo, current_period, make_inovasi, sid_indicator
from tests.personas import PASSWORD

NO_STORE = "private, no-store"


@pytest.fixture
def published(personas):
    """An approved innovation of OPD A, in the public catalogue, with a photo and one evidence file."""
    period = current_period()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period, status=Inovasi.Status.APPROVED)
    Opd.objects.filter(pk=personas.opd_a.pk).update(public_catalogue=True)
    personas.inovasi = inovasi
    personas.photo = add_photo(inovasi)
    personas.evidence = add_evidence(inovasi, sid_indicator(period, 16), personas.operator_a)
    return personas


def _signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        lambda published: reverse("home"),
        lambda published: reverse("inovasi-detail", args=[published.inovasi.pk]),
        lambda published: reverse("evidence-download", args=[published.evidence.pk]),
        lambda published: reverse("photo-view", args=[published.photo.pk]),
        lambda published: reverse("export-csv"),
        lambda published: reverse("export-xlsx"),
        lambda published: reverse("export-inovasi-zip", args=[published.inovasi.pk]),
        lambda published: reverse("catalogue-list"),
        lambda published: reverse("catalogue-photo", args=[published.photo.pk]),
        lambda published: "/tidak-ada/",
        lambda published: "/inovasi/?q=a%00b",
    ],
    ids=[
        "page",
        "detail",
        "evidence",
        "photo",
        "csv",
        "xlsx",
        "zip",
        "catalogue",
        "catalogue-photo",
        "404",
        "400",
    ],
)
def test_every_response_to_a_signed_in_user_is_no_store(client, published, url):
    response = _signed_in(client, published.kepala_a).get(url(published))
    assert response.status_code in (200, 400, 404)
    assert response["Cache-Control"] == NO_STORE


def test_a_finished_export_job_download_is_no_store(client, personas):
    job = ExportJob.objects.create(requested_by=personas.operator_a, kind="xlsx", period=current_period())
    jobs.run(job.pk)
    response = _signed_in(client, personas.operator_a).get(reverse("export-job-download", args=[job.pk]))
    assert (response.status_code, response["Cache-Control"]) == (200, NO_STORE)


def test_redirects_are_no_store(client, published):
    signed_in = _signed_in(client, published.kepala_a)
    posted = signed_in.post(reverse("catalogue-opt-in", args=[published.opd_a.pk]), {"public": "0"})
    appended_slash = signed_in.get("/inovasi")  # answered by CommonMiddleware, not a view
    assert (posted.status_code, posted["Cache-Control"]) == (302, NO_STORE)
    assert (appended_slash.status_code, appended_slash["Cache-Control"]) == (301, NO_STORE)


def test_the_sign_in_pages_are_no_store(client, personas):
    # allauth marks them never_cache itself; they hold a CSRF token tied to this visitor's cookie.
    page = client.get(reverse("account_login"))
    signed_in = client.post(reverse("account_login"), {"login": "operator_a", "password": PASSWORD})
    assert "no-store" in page["Cache-Control"] and signed_in.status_code == 302
    assert "no-store" in signed_in["Cache-Control"]


def test_an_anonymous_page_outside_the_catalogue_is_no_store(client, db):
    response = client.get(reverse("home"))  # the redirect to the login page
    assert (response.status_code, response["Cache-Control"]) == (302, NO_STORE)


def test_a_stricter_value_set_by_the_view_is_kept(client, db):
    # health/ is never_cache: its directives already include no-store.
    response = client.get(reverse("health"))
    assert "no-store" in response["Cache-Control"] and "must-revalidate" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        lambda published: reverse("catalogue-list"),
        lambda published: reverse("catalogue-detail", args=[published.inovasi.pk]),
        lambda published: reverse("catalogue-photo", args=[published.photo.pk]),
    ],
    ids=["list", "detail", "photo"],
)
def test_the_anonymous_public_catalogue_stays_cacheable(client, published, url):
    response = client.get(url(published))
    assert response.status_code == 200
    assert "Cache-Control" not in response
