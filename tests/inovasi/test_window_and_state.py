"""Operators write only inside the period's entry window and only in an editable state."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inovasi.models import Answer, Evidence, Inovasi, InovasiPhoto
from scoring.models import Period
from tests.inovasi.factories import (
    MINIMAL_PDF,
    add_evidence,
    add_photo,
    current_period,
    make_inovasi,
    png_bytes,
    post_data,
    sid_indicator,
)

NOW = timezone.now()


def snapshot():
    return {
        "inovasi": list(Inovasi.objects.order_by("pk").values()),
        "answers": list(Answer.objects.order_by("pk").values()),
        "evidence": list(Evidence.objects.order_by("pk").values()),
        "photos": list(InovasiPhoto.objects.order_by("pk").values()),
        "history": Inovasi.history.count(),
        "media": sorted(path.as_posix() for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()),
    }


@pytest.fixture
def world(personas):
    period = current_period()
    personas.period = period
    personas.indicator = sid_indicator(period, 16)
    personas.other_indicator = sid_indicator(period, 17)
    personas.inovasi = make_inovasi(personas.opd_a, personas.operator_a, period)
    personas.evidence = add_evidence(personas.inovasi, personas.indicator, personas.operator_a, level=2)
    personas.photo = add_photo(personas.inovasi)
    return personas


def close_window(period, how):
    if how == "past":
        period.entry_opens_at, period.entry_closes_at = NOW - timedelta(days=30), NOW - timedelta(days=1)
    elif how == "review":
        period.status = Period.Status.REVIEW
    period.save()
    assert not period.entry_is_open()


def writes(world):
    """(name, url, POST data factory) for every change an operator can make to OPD A's innovation."""
    inovasi = world.inovasi
    return [
        ("inovasi-create", reverse("inovasi-create"), lambda: post_data(name="Inovasi Baru")),
        ("inovasi-edit", reverse("inovasi-edit", args=[inovasi.pk]), lambda: post_data(name="Nama Baru")),
        (
            "inovasi-answer",
            reverse("inovasi-answer", args=[inovasi.pk, world.indicator.pk]),
            lambda: {"level": 3},
        ),
        (
            "inovasi-evidence-add",
            reverse("inovasi-evidence-add", args=[inovasi.pk, world.other_indicator.pk]),
            lambda: {"subject": "SK", "file": SimpleUploadedFile("sk.pdf", MINIMAL_PDF)},
        ),
        (
            "inovasi-photo-add",
            reverse("inovasi-photo-add", args=[inovasi.pk]),
            lambda: {"image": SimpleUploadedFile("foto.png", png_bytes())},
        ),
        ("photo-delete", reverse("photo-delete", args=[world.photo.pk]), dict),
        ("evidence-delete", reverse("evidence-delete", args=[world.evidence.pk]), dict),
        ("inovasi-delete", reverse("inovasi-delete", args=[inovasi.pk]), dict),  # last: the others need the record
    ]


# --- the entry window --------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["past", "review"])
def test_with_the_window_closed_every_operator_write_is_refused_with_the_refusal_page(client, world, how):
    close_window(world.period, how)
    client.force_login(world.operator_a)
    before = snapshot()
    results = {}
    for name, url, make_data in writes(world):
        response = client.post(url, make_data())
        results[name] = (response.status_code, response.templates[0].name if response.templates else None)
    assert results == {name: (403, "refused.html") for name, _url, _data in writes(world)}
    assert snapshot() == before


@pytest.mark.parametrize("how", ["past", "review"])
def test_with_the_window_closed_the_create_and_edit_pages_are_refused_too(client, world, how):
    close_window(world.period, how)
    client.force_login(world.operator_a)
    for url in (reverse("inovasi-create"), reverse("inovasi-edit", args=[world.inovasi.pk])):
        response = client.get(url)
        assert (response.status_code, response.templates[0].name) == (403, "refused.html")


@pytest.mark.parametrize("how", ["past", "review"])
def test_with_the_window_closed_the_operator_still_reads(client, world, how):
    close_window(world.period, how)
    client.force_login(world.operator_a)
    for url in (
        reverse("inovasi-detail", args=[world.inovasi.pk]),
        reverse("inovasi-indicators", args=[world.inovasi.pk]),
        reverse("inovasi-history", args=[world.inovasi.pk]),
        reverse("evidence-download", args=[world.evidence.pk]),
    ):
        assert client.get(url).status_code == 200


def test_with_the_window_closed_the_indicator_page_offers_no_editing(client, world):
    close_window(world.period, "past")
    client.force_login(world.operator_a)
    assert client.get(reverse("inovasi-indicators", args=[world.inovasi.pk])).context["can_edit"] is False


def test_with_the_window_closed_the_detail_page_offers_no_editing(client, world):
    close_window(world.period, "past")
    client.force_login(world.operator_a)
    assert client.get(reverse("inovasi-detail", args=[world.inovasi.pk])).context["can_edit"] is False


def test_with_the_window_closed_the_detail_page_offers_no_carry_forward(client, world):
    earlier = make_inovasi(world.opd_a, world.operator_a, Period.objects.get(year=2023), name="Lama")
    close_window(world.period, "past")
    client.force_login(world.operator_a)
    response = client.get(reverse("inovasi-detail", args=[earlier.pk]))
    assert response.context["can_carry_forward"] is False
    assert (
        client.post(reverse("inovasi-carry-forward", args=[earlier.pk]), {"development_note": "x"}).status_code == 403
    )


@pytest.mark.parametrize("how", ["past", "review"])
def test_with_the_window_closed_the_admin_still_edits(client, world, how):
    close_window(world.period, how)
    client.force_login(world.admin)
    response = client.post(reverse("inovasi-edit", args=[world.inovasi.pk]), post_data(name="Diperbaiki Admin"))
    assert response.status_code == 302
    response = client.post(reverse("inovasi-answer", args=[world.inovasi.pk, world.indicator.pk]), {"level": 3})
    assert response.status_code == 302
    world.inovasi.refresh_from_db()
    assert world.inovasi.name == "Diperbaiki Admin"
    assert list(Answer.objects.values_list("indicator", "level")) == [(world.indicator.pk, 3)]


def test_with_the_window_closed_the_admin_still_creates_for_an_opd(client, world):
    close_window(world.period, "past")
    client.force_login(world.admin)
    response = client.post(f"{reverse('inovasi-create')}?opd={world.opd_b.pk}", post_data(name="Dari Admin"))
    assert response.status_code == 302
    created = Inovasi.objects.get(name="Dari Admin")
    assert (created.opd, created.created_by, created.status) == (world.opd_b, world.admin, Inovasi.Status.DRAFT)


def test_with_the_window_open_the_same_writes_succeed(client, world):
    client.force_login(world.operator_a)
    statuses = {name: client.post(url, make_data()).status_code for name, url, make_data in writes(world)}
    assert statuses == {name: 302 for name, _url, _data in writes(world)}


def test_an_innovation_of_the_archived_period_refuses_operator_writes(client, world):
    earlier = make_inovasi(world.opd_a, world.operator_a, Period.objects.get(year=2023), name="Lama")
    client.force_login(world.operator_a)
    before = snapshot()
    edit = client.post(reverse("inovasi-edit", args=[earlier.pk]), post_data(name="Diubah"))
    answer = client.post(
        reverse("inovasi-answer", args=[earlier.pk, sid_indicator(earlier.period, 16).pk]), {"level": 3}
    )
    delete = client.post(reverse("inovasi-delete", args=[earlier.pk]))
    assert [(r.status_code, r.templates[0].name) for r in (edit, answer, delete)] == [(403, "refused.html")] * 3
    assert snapshot() == before


# --- the record's state --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        Inovasi.Status.SUBMITTED,
        Inovasi.Status.IN_REVIEW,
        Inovasi.Status.APPROVED,
        Inovasi.Status.REJECTED,
        Inovasi.Status.READY,
        Inovasi.Status.SENT,
    ],
)
def test_a_non_editable_status_refuses_operator_writes_with_409_and_changes_nothing(client, world, status):
    Inovasi.objects.filter(pk=world.inovasi.pk).update(status=status)
    client.force_login(world.operator_a)
    before = snapshot()
    results = {}
    for name, url, make_data in writes(world):
        if name == "inovasi-create":
            continue
        response = client.post(url, make_data())
        results[name] = (response.status_code, response.templates[0].name if response.templates else None)
    assert results == {name: (409, "refused.html") for name, _url, _data in writes(world) if name != "inovasi-create"}
    assert snapshot() == before


def test_a_submitted_innovation_refuses_the_edit_page(client, world):
    Inovasi.objects.filter(pk=world.inovasi.pk).update(status=Inovasi.Status.SUBMITTED)
    client.force_login(world.operator_a)
    response = client.get(reverse("inovasi-edit", args=[world.inovasi.pk]))
    assert (response.status_code, response.templates[0].name) == (409, "refused.html")


def test_a_returned_innovation_is_editable_again(client, world):
    Inovasi.objects.filter(pk=world.inovasi.pk).update(status=Inovasi.Status.RETURNED)
    client.force_login(world.operator_a)
    response = client.post(reverse("inovasi-edit", args=[world.inovasi.pk]), post_data(name="Direvisi"))
    assert response.status_code == 302
    world.inovasi.refresh_from_db()
    assert (world.inovasi.name, world.inovasi.status) == ("Direvisi", Inovasi.Status.RETURNED)


# --- Period.entry_is_open --------------------------------------------------------------------------------


def period(status=Period.Status.OPEN, opens=NOW - timedelta(days=1), closes=NOW + timedelta(days=1)):
    return Period(year=2099, name="Uji", status=status, entry_opens_at=opens, entry_closes_at=closes)


@pytest.mark.parametrize(
    ("case", "candidate", "now", "expected"),
    [
        ("no dates", period(opens=None, closes=None), NOW, False),
        ("no opening date", period(opens=None), NOW, False),
        ("no closing date", period(closes=None), NOW, False),
        ("inside", period(), NOW, True),
        ("at the opening", period(), NOW - timedelta(days=1), True),
        ("at the closing", period(), NOW + timedelta(days=1), True),
        ("before", period(), NOW - timedelta(days=2), False),
        ("after", period(), NOW + timedelta(days=2), False),
        ("preparing", period(status=Period.Status.PREPARING), NOW, False),
        ("review", period(status=Period.Status.REVIEW), NOW, False),
        ("closed", period(status=Period.Status.CLOSED), NOW, False),
        ("archived", period(status=Period.Status.ARCHIVED), NOW, False),
    ],
)
def test_period_entry_is_open(case, candidate, now, expected):
    assert candidate.entry_is_open(now=now) is expected


def test_period_entry_is_open_defaults_to_the_current_time():
    assert period().entry_is_open() is True
    assert period(closes=timezone.now() - timedelta(seconds=1)).entry_is_open() is False
