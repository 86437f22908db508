"""Operators write only inside the period's entry window and only in an editable state."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inovasi.models import Answer, Evidence, Inovasi, InovasiPhoto
from portal.catalogue.models import Period
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
def draft_with_evidence_and_photo(personas):
    """A draft of OPD A with evidence on indicator 16 (`.evidence`) and a photo (`.photo`)."""
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


def writes(draft_with_evidence_and_photo):
    """(name, url, POST data factory) for every change an operator can make to OPD A's innovation."""
    inovasi = draft_with_evidence_and_photo.inovasi
    return [
        ("inovasi-create", reverse("inovasi-create"), lambda: post_data(name="Inovasi Baru")),
        ("inovasi-edit", reverse("inovasi-edit", args=[inovasi.pk]), lambda: post_data(name="Nama Baru")),
        (
            "inovasi-answer",
            reverse("inovasi-answer", args=[inovasi.pk, draft_with_evidence_and_photo.indicator.pk]),
            lambda: {"level": 3},
        ),
        (
            "inovasi-evidence-add",
            reverse("inovasi-evidence-add", args=[inovasi.pk, draft_with_evidence_and_photo.other_indicator.pk]),
            lambda: {"subject": "SK", "file": SimpleUploadedFile("sk.pdf", MINIMAL_PDF)},
        ),
        (
            "inovasi-photo-add",
            reverse("inovasi-photo-add", args=[inovasi.pk]),
            lambda: {"image": SimpleUploadedFile("foto.png", png_bytes())},
        ),
        ("photo-delete", reverse("photo-delete", args=[draft_with_evidence_and_photo.photo.pk]), dict),
        ("evidence-delete", reverse("evidence-delete", args=[draft_with_evidence_and_photo.evidence.pk]), dict),
        ("inovasi-delete", reverse("inovasi-delete", args=[inovasi.pk]), dict),  # last: the others need the record
    ]


# --- the entry window --------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["past", "review"])
def test_with_the_window_closed_every_operator_write_is_refused_with_the_refusal_page(
    client, draft_with_evidence_and_photo, how
):
    close_window(draft_with_evidence_and_photo.period, how)
    client.force_login(draft_with_evidence_and_photo.operator_a)
    before = snapshot()
    results = {}
    for name, url, make_data in writes(draft_with_evidence_and_photo):
        response = client.post(url, make_data())
        results[name] = (response.status_code, response.templates[0].name if response.templates else None)
    assert results == {name: (403, "refused.html") for name, _url, _data in writes(draft_with_evidence_and_photo)}
    assert snapshot() == before


@pytest.mark.parametrize("how", ["past", "review"])
def test_with_the_window_closed_the_create_and_edit_pages_are_refused_too(client, draft_with_evidence_and_photo, how):
    close_window(draft_with_evidence_and_photo.period, how)
    client.force_login(draft_with_evidence_and_photo.operator_a)
    for url in (reverse("inovasi-create"), reverse("inovasi-edit", args=[draft_with_evidence_and_photo.inovasi.pk])):
        response = client.get(url)
        assert (response.status_code, response.templates[0].name) == (403, "refused.html")


@pytest.mark.parametrize("how", ["past", "review"])
def test_with_the_window_closed_the_operator_still_reads(client, draft_with_evidence_and_photo, how):
    close_window(draft_with_evidence_and_photo.period, how)
    client.force_login(draft_with_evidence_and_photo.operator_a)
    for url in (
        reverse("inovasi-detail", args=[draft_with_evidence_and_photo.inovasi.pk]),
        reverse("inovasi-indicators", args=[draft_with_evidence_and_photo.inovasi.pk]),
        reverse("inovasi-history", args=[draft_with_evidence_and_photo.inovasi.pk]),
        reverse("evidence-download", args=[draft_with_evidence_and_photo.evidence.pk]),
    ):
        assert client.get(url).status_code == 200


def test_with_the_window_closed_the_indicator_page_offers_no_editing(client, draft_with_evidence_and_photo):
    close_window(draft_with_evidence_and_photo.period, "past")
    client.force_login(draft_with_evidence_and_photo.operator_a)
    assert (
        client.get(reverse("inovasi-indicators", args=[draft_with_evidence_and_photo.inovasi.pk])).context["can_edit"]
        is False
    )


def test_with_the_window_closed_the_detail_page_offers_no_editing(client, draft_with_evidence_and_photo):
    close_window(draft_with_evidence_and_photo.period, "past")
    client.force_login(draft_with_evidence_and_photo.operator_a)
    assert (
        client.get(reverse("inovasi-detail", args=[draft_with_evidence_and_photo.inovasi.pk])).context["can_edit"]
        is False
    )


def test_with_the_window_closed_the_detail_page_offers_no_carry_forward(client, draft_with_evidence_and_photo):
    earlier = make_inovasi(
        draft_with_evidence_and_photo.opd_a,
        draft_with_evidence_and_photo.operator_a,
        Period.objects.get(year=2023),
        name="Lama",
    )
    close_window(draft_with_evidence_and_photo.period, "past")
    client.force_login(draft_with_evidence_and_photo.operator_a)
    response = client.get(reverse("inovasi-detail", args=[earlier.pk]))
    assert response.context["can_carry_forward"] is False
    assert (
        client.post(reverse("inovasi-carry-forward", args=[earlier.pk]), {"development_note": "x"}).status_code == 403
    )


@pytest.mark.parametrize("how", ["past", "review"])
def test_with_the_window_closed_the_admin_still_edits(client, draft_with_evidence_and_photo, how):
    close_window(draft_with_evidence_and_photo.period, how)
    client.force_login(draft_with_evidence_and_photo.admin)
    response = client.post(
        reverse("inovasi-edit", args=[draft_with_evidence_and_photo.inovasi.pk]), post_data(name="Diperbaiki Admin")
    )
    assert response.status_code == 302
    response = client.post(
        reverse(
            "inovasi-answer",
            args=[draft_with_evidence_and_photo.inovasi.pk, draft_with_evidence_and_photo.indicator.pk],
        ),
        {"level": 3},
    )
    assert response.status_code == 302
    draft_with_evidence_and_photo.inovasi.refresh_from_db()
    assert draft_with_evidence_and_photo.inovasi.name == "Diperbaiki Admin"
    assert list(Answer.objects.values_list("indicator", "level")) == [(draft_with_evidence_and_photo.indicator.pk, 3)]


def test_with_the_window_closed_the_admin_still_creates_for_an_opd(client, draft_with_evidence_and_photo):
    close_window(draft_with_evidence_and_photo.period, "past")
    client.force_login(draft_with_evidence_and_photo.admin)
    response = client.post(
        f"{reverse('inovasi-create')}?opd={draft_with_evidence_and_photo.opd_b.pk}", post_data(name="Dari Admin")
    )
    assert response.status_code == 302
    created = Inovasi.objects.get(name="Dari Admin")
    assert (created.opd, created.created_by, created.status) == (
        draft_with_evidence_and_photo.opd_b,
        draft_with_evidence_and_photo.admin,
        Inovasi.Status.DRAFT,
    )


def test_with_the_window_open_the_same_writes_succeed(client, draft_with_evidence_and_photo):
    client.force_login(draft_with_evidence_and_photo.operator_a)
    statuses = {
        name: client.post(url, make_data()).status_code
        for name, url, make_data in writes(draft_with_evidence_and_photo)
    }
    assert statuses == {name: 302 for name, _url, _data in writes(draft_with_evidence_and_photo)}


def test_an_innovation_of_the_archived_period_refuses_operator_writes(client, draft_with_evidence_and_photo):
    earlier = make_inovasi(
        draft_with_evidence_and_photo.opd_a,
        draft_with_evidence_and_photo.operator_a,
        Period.objects.get(year=2023),
        name="Lama",
    )
    client.force_login(draft_with_evidence_and_photo.operator_a)
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
def test_a_non_editable_status_refuses_operator_writes_with_409_and_changes_nothing(
    client, draft_with_evidence_and_photo, status
):
    Inovasi.objects.filter(pk=draft_with_evidence_and_photo.inovasi.pk).update(status=status)
    client.force_login(draft_with_evidence_and_photo.operator_a)
    before = snapshot()
    results = {}
    for name, url, make_data in writes(draft_with_evidence_and_photo):
        if name == "inovasi-create":
            continue
        response = client.post(url, make_data())
        results[name] = (response.status_code, response.templates[0].name if response.templates else None)
    assert results == {
        name: (409, "refused.html")
        for name, _url, _data in writes(draft_with_evidence_and_photo)
        if name != "inovasi-create"
    }
    assert snapshot() == before


def test_a_submitted_innovation_refuses_the_edit_page(client, draft_with_evidence_and_photo):
    Inovasi.objects.filter(pk=draft_with_evidence_and_photo.inovasi.pk).update(status=Inovasi.Status.SUBMITTED)
    client.force_login(draft_with_evidence_and_photo.operator_a)
    response = client.get(reverse("inovasi-edit", args=[draft_with_evidence_and_photo.inovasi.pk]))
    assert (response.status_code, response.templates[0].name) == (409, "refused.html")


def test_a_returned_innovation_is_editable_again(client, draft_with_evidence_and_photo):
    Inovasi.objects.filter(pk=draft_with_evidence_and_photo.inovasi.pk).update(status=Inovasi.Status.RETURNED)
    client.force_login(draft_with_evidence_and_photo.operator_a)
    response = client.post(
        reverse("inovasi-edit", args=[draft_with_evidence_and_photo.inovasi.pk]), post_data(name="Direvisi")
    )
    assert response.status_code == 302
    draft_with_evidence_and_photo.inovasi.refresh_from_db()
    assert (draft_with_evidence_and_photo.inovasi.name, draft_with_evidence_and_photo.inovasi.status) == (
        "Direvisi",
        Inovasi.Status.RETURNED,
    )


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
