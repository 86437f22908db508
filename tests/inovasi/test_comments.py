"""Per-indicator comment threads: who writes, who resolves, and which revision a comment was about."""

import pytest
from django.urls import reverse

from inovasi.models import Comment, CommentThread, Inovasi
from scoring.models import Period
from tests.inovasi.factories import sid_indicator
from tests.inovasi.test_workflow import build_world

S = Inovasi.Status


@pytest.fixture
def world(personas):
    world = build_world(personas)
    world.indicator = sid_indicator(world.period, 16)
    return world


def start(client, world, who, body, number=16):
    client.force_login(world.by_name(who))
    indicator = sid_indicator(world.period, number)
    return client.post(reverse("thread-start", args=[world.inovasi.pk, indicator.pk]), {"body": body})


def reply(client, world, who, thread, body):
    client.force_login(world.by_name(who))
    return client.post(reverse("thread-reply", args=[thread.pk]), {"body": body})


def resolve(client, world, who, thread):
    client.force_login(world.by_name(who))
    return client.post(reverse("thread-resolve", args=[thread.pk]))


def comments():
    return list(
        Comment.objects.order_by("created_at", "id").values_list(
            "thread__indicator__number", "author__username", "body", "revision_number"
        )
    )


def move(client, world, who, to, note=""):
    client.force_login(world.by_name(who))
    response = client.post(reverse("inovasi-transition", args=[world.inovasi.pk, to]), {"note": note})
    assert response.status_code == 302, response.status_code


def test_a_reviewer_starts_a_thread_and_the_operator_replies(client, world):
    response = start(client, world, "pendamping", "SK belum ditandatangani.")
    anchor = f"{reverse('inovasi-review', args=[world.inovasi.pk])}#indikator-{world.indicator.pk}"
    assert (response.status_code, response["Location"]) == (302, anchor)
    thread = CommentThread.objects.get()
    assert (thread.inovasi, thread.indicator, thread.created_by) == (world.inovasi, world.indicator, world.pendamping)
    assert (thread.resolved_at, thread.resolved_by) == (None, None)

    response = reply(client, world, "operator_a", thread, "Sudah kami unggah ulang.")
    assert (response.status_code, response["Location"]) == (302, anchor)
    assert comments() == [
        ("16", "pendamping", "SK belum ditandatangani.", None),
        ("16", "operator_a", "Sudah kami unggah ulang.", None),
    ]


def test_the_operator_may_start_a_thread_too(client, world):
    assert start(client, world, "operator_a", "Mohon petunjuk.").status_code == 302
    assert comments() == [("16", "operator_a", "Mohon petunjuk.", None)]


@pytest.mark.parametrize("who", ["kepala_a", "pimpinan"])
def test_readers_cannot_write(client, world, who):
    assert start(client, world, "pendamping", "Catatan.").status_code == 302
    thread = CommentThread.objects.get()
    assert start(client, world, who, "Dari pembaca.").status_code == 403
    assert reply(client, world, who, thread, "Dari pembaca.").status_code == 403
    assert CommentThread.objects.count() == 1
    assert comments() == [("16", "pendamping", "Catatan.", None)]


def test_another_opds_operator_gets_404_everywhere(client, world):
    assert start(client, world, "pendamping", "Catatan.").status_code == 302
    thread = CommentThread.objects.get()
    assert start(client, world, "operator_b", "Dari OPD lain.").status_code == 404
    assert reply(client, world, "operator_b", thread, "Dari OPD lain.").status_code == 404
    assert resolve(client, world, "operator_b", thread).status_code == 404
    thread.refresh_from_db()
    assert (CommentThread.objects.count(), len(comments()), thread.resolved_at) == (1, 1, None)


@pytest.mark.parametrize("who", ["operator_a", "kepala_a", "pimpinan"])
def test_only_reviewers_resolve(client, world, who):
    assert start(client, world, "pendamping", "Catatan.").status_code == 302
    thread = CommentThread.objects.get()
    assert resolve(client, world, who, thread).status_code == 403
    thread.refresh_from_db()
    assert (thread.resolved_at, thread.resolved_by) == (None, None)


@pytest.mark.parametrize("who", ["pendamping", "admin"])
def test_a_reviewer_resolves_once(client, world, who):
    assert start(client, world, "operator_a", "Pertanyaan.").status_code == 302
    thread = CommentThread.objects.get()
    assert resolve(client, world, who, thread).status_code == 302
    thread.refresh_from_db()
    resolved_at = thread.resolved_at
    assert (resolved_at is not None, thread.resolved_by) == (True, world.by_name(who))
    other = "admin" if who == "pendamping" else "pendamping"
    assert resolve(client, world, other, thread).status_code == 302
    thread.refresh_from_db()
    assert (thread.resolved_at, thread.resolved_by) == (resolved_at, world.by_name(who))


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_comment_creates_nothing(client, world, body):
    assert start(client, world, "pendamping", body).status_code == 302
    assert (CommentThread.objects.count(), Comment.objects.count()) == (0, 0)
    assert start(client, world, "pendamping", "Catatan.").status_code == 302
    thread = CommentThread.objects.get()
    assert reply(client, world, "operator_a", thread, body).status_code == 302
    assert (CommentThread.objects.count(), Comment.objects.count()) == (1, 1)


def test_a_thread_only_on_an_indicator_of_the_innovations_period(client, world):
    other_period_indicator = Period.objects.get(year=2023).indicators.filter(scope="sid").first()
    spd_indicator = world.period.indicators.filter(scope="spd").first()
    client.force_login(world.pendamping)
    for indicator in (other_period_indicator, spd_indicator):
        url = reverse("thread-start", args=[world.inovasi.pk, indicator.pk])
        assert client.post(url, {"body": "Salah tempat."}).status_code == 404
    assert CommentThread.objects.count() == 0


def test_comments_record_the_revision_they_were_written_against(client, world):
    assert start(client, world, "pendamping", "Sebelum diajukan.").status_code == 302
    thread = CommentThread.objects.get()
    move(client, world, "operator_a", S.SUBMITTED)
    move(client, world, "pendamping", S.IN_REVIEW)
    assert reply(client, world, "pendamping", thread, "Pada revisi 1.").status_code == 302
    move(client, world, "pendamping", S.RETURNED, "Perbaiki indikator 16.")
    assert reply(client, world, "operator_a", thread, "Sudah diperbaiki.").status_code == 302
    assert start(client, world, "operator_a", "Tentang indikator 17.", number=17).status_code == 302
    move(client, world, "operator_a", S.SUBMITTED)
    move(client, world, "pendamping", S.IN_REVIEW)
    assert reply(client, world, "pendamping", thread, "Pada revisi 2.").status_code == 302

    assert comments() == [
        ("16", "pendamping", "Sebelum diajukan.", None),
        ("16", "pendamping", "Pada revisi 1.", 1),
        ("16", "operator_a", "Sudah diperbaiki.", 1),
        ("17", "operator_a", "Tentang indikator 17.", 1),
        ("16", "pendamping", "Pada revisi 2.", 2),
    ]

    # The threads survived the return and the resubmission and are on the review page.
    client.force_login(world.pendamping)
    response = client.get(reverse("inovasi-review", args=[world.inovasi.pk]))
    assert response.status_code == 200
    listed = {
        row["state"].indicator.number: [
            [(comment.author.username, comment.revision_number) for comment in listed_thread.comments.all()]
            for listed_thread in row["threads"]
        ]
        for row in response.context["rows"]
        if row["threads"]
    }
    assert listed == {
        "16": [[("pendamping", None), ("pendamping", 1), ("operator_a", 1), ("pendamping", 2)]],
        "17": [[("operator_a", 1)]],
    }
    assert "Pada revisi 2." in response.content.decode()
