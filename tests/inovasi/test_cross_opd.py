"""Other OPDs' records do not exist for an operator; readers read; only the owner's operator changes."""

import datetime
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inovasi.models import Answer, Evidence, Inovasi, InovasiPhoto
from portal.accounts.models import Bidang
from portal.catalogue.models import Period
from tests.inovasi.factories import (
    MINIMAL_PDF,
    add_evidence,
    add_photo,
    current_period,
    make_inovasi,
    media_files,
    png_bytes,
    post_data,
    sid_indicator,
)

# The URLs (of `target_urls`) that change something when posted.
WRITES = {
    "inovasi-edit",
    "inovasi-delete",
    "inovasi-answer",
    "inovasi-evidence-add",
    "inovasi-photo-add",
    "inovasi-carry-forward current",
    "inovasi-carry-forward earlier",
    "photo-delete",
    "evidence-delete",
}
PERSONAS = ["operator_a", "operator_b", "kepala_a", "pendamping", "pimpinan", "admin"]


def make_records(personas, opd, operator, name):
    """One innovation of `opd` with a budget document, an answered indicator with evidence and a photo."""
    period = current_period()
    indicator = sid_indicator(period, 16)
    inovasi = make_inovasi(opd, operator, period, name=name)
    inovasi.budget_document.save("upload.pdf", ContentFile(MINIMAL_PDF))
    inovasi.business_profile.save("upload.pdf", ContentFile(MINIMAL_PDF))
    evidence = add_evidence(inovasi, indicator, operator, level=2)
    photo = add_photo(inovasi)
    earlier = make_inovasi(
        opd,
        operator,
        Period.objects.get(year=2023),
        name=f"{name} 2023",
        trial_date=datetime.date(2022, 1, 3),
        implementation_date=datetime.date(2022, 6, 1),
    )
    return inovasi, indicator, evidence, photo, earlier


@pytest.fixture
def records_of_two_opds(personas):
    """The same records for OPD A (`*_a`) and OPD B (`*_b`): innovation, evidence, photo, a 2023 innovation."""
    personas.period = current_period()
    (
        personas.inovasi_b,
        personas.indicator,
        personas.evidence_b,
        personas.photo_b,
        personas.earlier_b,
    ) = make_records(personas, personas.opd_b, personas.operator_b, "Inovasi Puskesmas B")
    (
        personas.inovasi_a,
        _indicator,
        personas.evidence_a,
        personas.photo_a,
        personas.earlier_a,
    ) = make_records(personas, personas.opd_a, personas.operator_a, "Inovasi Dinas A")
    return personas


def snapshot(opd):
    """Everything a request could change about an OPD's records, field by field."""
    inovasi = Inovasi.objects.filter(opd=opd)
    return {
        "inovasi": list(inovasi.order_by("pk").values()),
        "urusan_lain": sorted(inovasi.values_list("pk", "urusan_lain")),
        "answers": list(Answer.objects.filter(inovasi__opd=opd).order_by("pk").values()),
        "evidence": list(Evidence.objects.filter(answer__inovasi__opd=opd).order_by("pk").values()),
        "photos": list(InovasiPhoto.objects.filter(inovasi__opd=opd).order_by("pk").values()),
        "history": Inovasi.history.filter(opd=opd).count(),
        "all_inovasi": Inovasi.objects.count(),
        "media": media_files(),
    }


def pdf():
    return SimpleUploadedFile("bukti.pdf", MINIMAL_PDF, content_type="application/pdf")


def png():
    return SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")


def target_urls(inovasi, earlier, indicator, evidence, photo):
    """(name, url, POST data factory, GET allowed) for every URL of one OPD's records."""
    pair = [inovasi.pk, indicator.pk]
    return [
        ("inovasi-detail", reverse("inovasi-detail", args=[inovasi.pk]), dict, True),
        ("inovasi-edit", reverse("inovasi-edit", args=[inovasi.pk]), lambda: post_data(name="Diretas"), True),
        ("inovasi-delete", reverse("inovasi-delete", args=[inovasi.pk]), dict, True),  # GET: its confirmation
        ("inovasi-history", reverse("inovasi-history", args=[inovasi.pk]), dict, True),
        ("inovasi-indicators", reverse("inovasi-indicators", args=[inovasi.pk]), dict, True),
        ("inovasi-answer", reverse("inovasi-answer", args=pair), lambda: {"level": 3}, False),
        (
            "inovasi-evidence-add",
            reverse("inovasi-evidence-add", args=pair),
            lambda: {"subject": "Bukti", "file": pdf()},
            False,
        ),
        ("inovasi-file anggaran", reverse("inovasi-file", args=[inovasi.pk, "anggaran"]), dict, True),
        ("inovasi-file profil-bisnis", reverse("inovasi-file", args=[inovasi.pk, "profil-bisnis"]), dict, True),
        ("inovasi-photo-add", reverse("inovasi-photo-add", args=[inovasi.pk]), lambda: {"image": png()}, False),
        (
            "inovasi-carry-forward current",
            reverse("inovasi-carry-forward", args=[inovasi.pk]),
            lambda: {"development_note": "Dikembangkan"},
            True,
        ),
        (
            "inovasi-carry-forward earlier",
            reverse("inovasi-carry-forward", args=[earlier.pk]),
            lambda: {"development_note": "Dikembangkan"},
            True,
        ),
        ("photo-view", reverse("photo-view", args=[photo.pk]), dict, True),
        ("photo-delete", reverse("photo-delete", args=[photo.pk]), dict, True),  # GET: its confirmation
        ("evidence-download", reverse("evidence-download", args=[evidence.pk]), dict, True),
        ("evidence-delete", reverse("evidence-delete", args=[evidence.pk]), dict, True),  # GET: its confirmation
    ]


def b_urls(records_of_two_opds):
    return target_urls(
        records_of_two_opds.inovasi_b,
        records_of_two_opds.earlier_b,
        records_of_two_opds.indicator,
        records_of_two_opds.evidence_b,
        records_of_two_opds.photo_b,
    )


def a_urls(records_of_two_opds):
    return target_urls(
        records_of_two_opds.inovasi_a,
        records_of_two_opds.earlier_a,
        records_of_two_opds.indicator,
        records_of_two_opds.evidence_a,
        records_of_two_opds.photo_a,
    )


# --- another OPD's records do not exist --------------------------------------------------------------


def test_every_url_of_opd_b_answers_404_to_operator_a_for_post_and_changes_nothing(client, records_of_two_opds):
    client.force_login(records_of_two_opds.operator_a)
    before = snapshot(records_of_two_opds.opd_b)
    statuses = {
        name: client.post(url, make_data()).status_code for name, url, make_data, _get in b_urls(records_of_two_opds)
    }
    assert statuses == {name: 404 for name, _url, _data, _get in b_urls(records_of_two_opds)}
    assert snapshot(records_of_two_opds.opd_b) == before


def test_every_url_of_opd_b_answers_404_to_operator_a_for_get(client, records_of_two_opds):
    client.force_login(records_of_two_opds.operator_a)
    before = snapshot(records_of_two_opds.opd_b)
    statuses = {name: client.get(url).status_code for name, url, _data, _get in b_urls(records_of_two_opds)}
    # POST-only URLs answer 405 to any GET, before any lookup: the same as for a record that does not exist.
    assert statuses == {name: 404 if get else 405 for name, _url, _data, get in b_urls(records_of_two_opds)}
    assert snapshot(records_of_two_opds.opd_b) == before


def test_post_only_urls_answer_get_the_same_for_another_opd_and_for_no_record(client, records_of_two_opds):
    client.force_login(records_of_two_opds.operator_a)
    missing = target_urls(
        Inovasi(pk=999_999),
        Inovasi(pk=999_998),
        records_of_two_opds.indicator,
        Evidence(pk=999_999),
        InovasiPhoto(pk=999_999),
    )
    for_b = {name: client.get(url).status_code for name, url, _data, _get in b_urls(records_of_two_opds)}
    for_missing = {name: client.get(url).status_code for name, url, _data, _get in missing}
    assert for_b == for_missing


def test_operator_b_gets_404_for_every_url_of_opd_a(client, records_of_two_opds):
    client.force_login(records_of_two_opds.operator_b)
    before = snapshot(records_of_two_opds.opd_a)
    statuses = {
        name: client.post(url, make_data()).status_code for name, url, make_data, _get in a_urls(records_of_two_opds)
    }
    assert statuses == {name: 404 for name, _url, _data, _get in a_urls(records_of_two_opds)}
    assert snapshot(records_of_two_opds.opd_a) == before


def test_the_same_urls_work_for_the_owners_operator(client, records_of_two_opds):
    # The sweep above proves refusals only if these URLs are real: operator_b reads its own records.
    client.force_login(records_of_two_opds.operator_b)
    statuses = {name: client.get(url).status_code for name, url, _data, get in b_urls(records_of_two_opds) if get}
    assert statuses == {
        "inovasi-detail": 200,
        "inovasi-edit": 200,
        "inovasi-delete": 200,
        "inovasi-history": 200,
        "inovasi-indicators": 200,
        "inovasi-file anggaran": 200,
        "inovasi-file profil-bisnis": 200,
        "inovasi-carry-forward current": 403,  # already in the current period
        "inovasi-carry-forward earlier": 200,
        "photo-view": 200,
        "photo-delete": 200,
        "evidence-download": 200,
        "evidence-delete": 200,
    }


def test_a_soft_deleted_innovations_urls_answer_404_even_to_its_operator(client, records_of_two_opds):
    Inovasi.objects.filter(pk=records_of_two_opds.inovasi_b.pk).update(deleted_at=timezone.now())
    client.force_login(records_of_two_opds.operator_b)
    before = snapshot(records_of_two_opds.opd_b)
    urls = [entry for entry in b_urls(records_of_two_opds) if entry[0] != "inovasi-carry-forward earlier"]
    statuses = {name: client.post(url, make_data()).status_code for name, url, make_data, _get in urls}
    assert statuses == {name: 404 for name, _url, _data, _get in urls}
    assert snapshot(records_of_two_opds.opd_b) == before


# --- the list ----------------------------------------------------------------------------------------


def test_the_list_of_operator_a_shows_only_opd_a(client, records_of_two_opds):
    make_inovasi(
        records_of_two_opds.opd_a,
        records_of_two_opds.operator_a,
        records_of_two_opds.period,
        name="Inovasi Dinas A Kedua",
    )
    client.force_login(records_of_two_opds.operator_a)
    response = client.get(reverse("inovasi-list"))
    assert response.status_code == 200
    assert [inovasi.name for inovasi in response.context["page"]] == ["Inovasi Dinas A Kedua", "Inovasi Dinas A"]


def test_the_list_of_operator_a_ignores_a_filter_for_opd_b(client, records_of_two_opds):
    client.force_login(records_of_two_opds.operator_a)
    response = client.get(reverse("inovasi-list"), {"opd": records_of_two_opds.opd_b.pk})
    assert [inovasi.name for inovasi in response.context["page"]] == ["Inovasi Dinas A"]


def test_the_filter_choices_of_operator_a_name_only_opd_a(client, records_of_two_opds):
    Bidang.objects.create(opd=records_of_two_opds.opd_b, name="Bidang Puskesmas")
    client.force_login(records_of_two_opds.operator_a)
    form = client.get(reverse("inovasi-list")).context["filter"].form
    assert list(form.fields["opd"].queryset) == [records_of_two_opds.opd_a]
    assert list(form.fields["bidang"].queryset) == list(Bidang.objects.filter(opd=records_of_two_opds.opd_a))
    assert Bidang.objects.filter(opd=records_of_two_opds.opd_a).count() == 1


def test_the_filter_choices_of_the_city_wide_roles_name_every_opd(client, records_of_two_opds):
    client.force_login(records_of_two_opds.pimpinan)
    form = client.get(reverse("inovasi-list")).context["filter"].form
    assert set(form.fields["opd"].queryset) >= {records_of_two_opds.opd_a, records_of_two_opds.opd_b}


# --- kepala OPD and the city-wide roles read, never change -------------------------------------------


@pytest.mark.parametrize("role", ["kepala_a", "pendamping", "pimpinan"])
def test_readers_read_opd_a(client, records_of_two_opds, role):
    client.force_login(records_of_two_opds.by_name(role))
    statuses = {name: client.get(url).status_code for name, url, _data, get in a_urls(records_of_two_opds) if get}
    assert statuses == {
        "inovasi-detail": 200,
        "inovasi-edit": 403,
        "inovasi-delete": 403,
        "inovasi-history": 200,
        "inovasi-indicators": 200,
        "inovasi-file anggaran": 200,
        "inovasi-file profil-bisnis": 200,
        "inovasi-carry-forward current": 403,
        "inovasi-carry-forward earlier": 403,
        "photo-view": 200,
        "photo-delete": 403,
        "evidence-download": 200,
        "evidence-delete": 403,
    }


@pytest.mark.parametrize("role", ["kepala_a", "pendamping", "pimpinan"])
def test_readers_posts_are_refused_with_403_and_change_nothing(client, records_of_two_opds, role):
    client.force_login(records_of_two_opds.by_name(role))
    before = snapshot(records_of_two_opds.opd_a)
    writes = [entry for entry in a_urls(records_of_two_opds) if entry[0] in WRITES]
    statuses = {name: client.post(url, make_data()).status_code for name, url, make_data, _get in writes}
    assert statuses == {
        "inovasi-edit": 403,
        "inovasi-delete": 403,
        "inovasi-answer": 403,
        "inovasi-evidence-add": 403,
        "inovasi-photo-add": 403,
        "inovasi-carry-forward current": 403,
        "inovasi-carry-forward earlier": 403,
        "photo-delete": 403,
        "evidence-delete": 403,
    }
    assert snapshot(records_of_two_opds.opd_a) == before


def test_kepala_a_cannot_create_an_innovation(client, records_of_two_opds):
    client.force_login(records_of_two_opds.kepala_a)
    count = Inovasi.objects.count()
    assert client.post(reverse("inovasi-create"), post_data(name="Baru")).status_code == 403
    assert Inovasi.objects.count() == count


def test_kepala_a_gets_404_for_opd_b(client, records_of_two_opds):
    client.force_login(records_of_two_opds.kepala_a)
    statuses = {name: client.get(url).status_code for name, url, _data, get in b_urls(records_of_two_opds) if get}
    assert statuses == {name: 404 for name, _url, _data, get in b_urls(records_of_two_opds) if get}


def test_pimpinan_reads_every_opd(client, records_of_two_opds):
    client.force_login(records_of_two_opds.pimpinan)
    response = client.get(reverse("inovasi-list"), {"ordering": "name"})
    assert [inovasi.name for inovasi in response.context["page"]] == ["Inovasi Dinas A", "Inovasi Puskesmas B"]
    assert client.get(reverse("inovasi-detail", args=[records_of_two_opds.inovasi_b.pk])).status_code == 200


# --- region-level (SPD) data ---------------------------------------------------------------------------


def test_the_spd_page_is_for_the_city_wide_roles_only(client, records_of_two_opds):
    statuses = {}
    for role in PERSONAS:
        client.force_login(records_of_two_opds.by_name(role))
        statuses[role] = client.get(reverse("spd")).status_code
    assert statuses == {
        "operator_a": 404,
        "operator_b": 404,
        "kepala_a": 404,
        "pendamping": 200,
        "pimpinan": 200,
        "admin": 200,
    }


def spd_posts(client, records_of_two_opds):
    indicator = records_of_two_opds.period.indicators.get(scope="spd", number="1")
    statuses = {}
    for role in PERSONAS:
        client.force_login(records_of_two_opds.by_name(role))
        answer = client.post(reverse("spd-answer", args=[indicator.pk]), {"level": PERSONAS.index(role) % 4})
        evidence = client.post(reverse("spd-evidence-add", args=[indicator.pk]), {"subject": "SK", "file": pdf()})
        statuses[role] = (answer.status_code, evidence.status_code)
    return indicator, statuses


SPD_POSTS = {
    "operator_a": (403, 403),
    "operator_b": (403, 403),
    "kepala_a": (403, 403),
    "pendamping": (403, 403),
    "pimpinan": (403, 403),
    "admin": (302, 302),
}


def test_only_the_admin_posts_spd_answers(client, records_of_two_opds):
    indicator, statuses = spd_posts(client, records_of_two_opds)
    assert statuses == SPD_POSTS
    assert list(Answer.objects.filter(inovasi=None).values_list("indicator", "level", "updated_by")) == [
        (indicator.pk, PERSONAS.index("admin") % 4, records_of_two_opds.admin.pk)
    ]
    assert Evidence.objects.filter(answer__inovasi=None).count() == 1


@pytest.mark.parametrize("closed_by", ["past", "review"])
def test_with_the_window_closed_the_admin_still_posts_spd_answers_and_no_one_else_does(
    client, records_of_two_opds, closed_by
):
    period = records_of_two_opds.period
    if closed_by == "past":
        period.entry_opens_at, period.entry_closes_at = timezone.now() - timedelta(days=30), timezone.now()
    else:
        period.status = Period.Status.REVIEW
    period.save()
    assert not period.entry_is_open()
    _indicator, statuses = spd_posts(client, records_of_two_opds)
    assert statuses == SPD_POSTS
    assert Answer.objects.filter(inovasi=None).count() == 1
