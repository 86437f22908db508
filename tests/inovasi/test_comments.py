"""Per-indicator comment threads: who writes, who resolves, and which revision a comment was about."""

import pytest
from django.urls import reverse

from inovasi.models import Comment, CommentThread, Inovasi
from portal.catalogue.models import Period
from tests.inovasi.factories import sid_indicator

S = Inovasi.Status


@pytest.fixture
def draft_with_indicator(complete_draft):
    """The complete draft of OPD A plus `.indicator`: indicator 16, the one the threads are about."""
    complete_draft.indicator = sid_indicator(complete_draft.period, 16)
    return complete_draft


def start(client, draft_with_indicator, who, body, number=16):
    client.force_login(draft_with_indicator.by_name(who))
    indicator = sid_indicator(draft_with_indicator.period, number)
    return client.post(reverse("thread-start", args=[draft_with_indicator.inovasi.pk, indicator.pk]), {"body": body})


def reply(client, draft_with_indicator, who, thread, body):
    client.force_login(draft_with_indicator.by_name(who))
    return client.post(reverse("thread-reply", args=[thread.pk]), {"body": body})


def resolve(client, draft_with_indicator, who, thread):
    client.force_login(draft_with_indicator.by_name(who))
    return client.post(reverse("thread-resolve", args=[thread.pk]))


def comments():
    return list(
        Comment.objects.order_by("created_at", "id").values_list(
            "thread__indicator__number", "author__username", "body", "revision_number"
        )
    )


def move(client, draft_with_indicator, who, to, note=""):
    client.force_login(draft_with_indicator.by_name(who))
    response = client.post(reverse("inovasi-transition", args=[draft_with_indicator.inovasi.pk, to]), {"note": note})
    assert response.status_code == 302, response.status_code


def test_a_reviewer_starts_a_thread_and_the_operator_replies(client, draft_with_indicator):
    response = start(client, draft_with_indicator, "pendamping", "SK belum ditandatangani.")
    review_url = reverse("inovasi-review", args=[draft_with_indicator.inovasi.pk])
    anchor = f"{review_url}#indikator-{draft_with_indicator.indicator.pk}"
    assert (response.status_code, response["Location"]) == (302, anchor)
    thread = CommentThread.objects.get()
    assert (thread.inovasi, thread.indicator, thread.created_by) == (
        draft_with_indicator.inovasi,
        draft_with_indicator.indicator,
        draft_with_indicator.pendamping,
    )
    assert (thread.resolved_at, thread.resolved_by) == (None, None)

    response = reply(client, draft_with_indicator, "operator_a", thread, "Sudah kami unggah ulang.")
    assert (response.status_code, response["Location"]) == (302, anchor)
    assert comments() == [
        ("16", "pendamping", "SK belum ditandatangani.", None),
        ("16", "operator_a", "Sudah kami unggah ulang.", None),
    ]


def test_the_operator_may_start_a_thread_too(client, draft_with_indicator):
    assert start(client, draft_with_indicator, "operator_a", "Mohon petunjuk.").status_code == 302
    assert comments() == [("16", "operator_a", "Mohon petunjuk.", None)]


@pytest.mark.parametrize("who", ["kepala_a", "pimpinan"])
def test_readers_cannot_write(client, draft_with_indicator, who):
    assert start(client, draft_with_indicator, "pendamping", "Catatan.").status_code == 302
    thread = CommentThread.objects.get()
    assert start(client, draft_with_indicator, who, "Dari pembaca.").status_code == 403
    assert reply(client, draft_with_indicator, who, thread, "Dari pembaca.").status_code == 403
    assert CommentThread.objects.count() == 1
    assert comments() == [("16", "pendamping", "Catatan.", None)]


def test_another_opds_operator_gets_404_everywhere(client, draft_with_indicator):
    assert start(client, draft_with_indicator, "pendamping", "Catatan.").status_code == 302
    thread = CommentThread.objects.get()
    assert start(client, draft_with_indicator, "operator_b", "Dari OPD lain.").status_code == 404
    assert reply(client, draft_with_indicator, "operator_b", thread, "Dari OPD lain.").status_code == 404
    assert resolve(client, draft_with_indicator, "operator_b", thread).status_code == 404
    thread.refresh_from_db()
    assert (CommentThread.objects.count(), len(comments()), thread.resolved_at) == (1, 1, None)


@pytest.mark.parametrize("who", ["operator_a", "kepala_a", "pimpinan"])
def test_only_reviewers_resolve(client, draft_with_indicator, who):
    assert start(client, draft_with_indicator, "pendamping", "Catatan.").status_code == 302
    thread = CommentThread.objects.get()
    assert resolve(client, draft_with_indicator, who, thread).status_code == 403
    thread.refresh_from_db()
    assert (thread.resolved_at, thread.resolved_by) == (None, None)


@pytest.mark.parametrize("who", ["pendamping", "admin"])
def test_a_reviewer_resolves_once(client, draft_with_indicator, who):
    assert start(client, draft_with_indicator, "operator_a", "Pertanyaan.").status_code == 302
    thread = CommentThread.objects.get()
    assert resolve(client, draft_with_indicator, who, thread).status_code == 302
    thread.refresh_from_db()
    resolved_at = thread.resolved_at
    assert (resolved_at is not None, thread.resolved_by) == (True, draft_with_indicator.by_name(who))
    other = "admin" if who == "pendamping" else "pendamping"
    assert resolve(client, draft_with_indicator, other, thread).status_code == 302
    thread.refresh_from_db()
    assert (thread.resolved_at, thread.resolved_by) == (resolved_at, draft_with_indicator.by_name(who))


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_comment_creates_nothing(client, draft_with_indicator, body):
    assert start(client, draft_with_indicator, "pendamping", body).status_code == 302
    assert (CommentThread.objects.count(), Comment.objects.count()) == (0, 0)
    assert start(client, draft_with_indicator, "pendamping", "Catatan.").status_code == 302
    thread = CommentThread.objects.get()
    assert reply(client, draft_with_indicator, "operator_a", thread, body).status_code == 302
    assert (CommentThread.objects.count(), Comment.objects.count()) == (1, 1)


def test_a_thread_only_on_an_indicator_of_the_innovations_period(client, draft_with_indicator):
    other_period_indicator = Period.objects.get(year=2023).indicators.filter(scope="sid").first()
    spd_indicator = draft_with_indicator.period.indicators.filter(scope="spd").first()
    client.force_login(draft_with_indicator.pendamping)
    for indicator in (other_period_indicator, spd_indicator):
        url = reverse("thread-start", args=[draft_with_indicator.inovasi.pk, indicator.pk])
        assert client.post(url, {"body": "Salah tempat."}).status_code == 404
    assert CommentThread.objects.count() == 0


def test_comments_record_the_revision_they_were_written_against(client, draft_with_indicator):
    assert start(client, draft_with_indicator, "pendamping", "Sebelum diajukan.").status_code == 302
    thread = CommentThread.objects.get()
    move(client, draft_with_indicator, "operator_a", S.SUBMITTED)
    move(client, draft_with_indicator, "pendamping", S.IN_REVIEW)
    assert reply(client, draft_with_indicator, "pendamping", thread, "Pada revisi 1.").status_code == 302
    move(client, draft_with_indicator, "pendamping", S.RETURNED, "Perbaiki indikator 16.")
    assert reply(client, draft_with_indicator, "operator_a", thread, "Sudah diperbaiki.").status_code == 302
    assert start(client, draft_with_indicator, "operator_a", "Tentang indikator 17.", number=17).status_code == 302
    move(client, draft_with_indicator, "operator_a", S.SUBMITTED)
    move(client, draft_with_indicator, "pendamping", S.IN_REVIEW)
    assert reply(client, draft_with_indicator, "pendamping", thread, "Pada revisi 2.").status_code == 302

    assert comments() == [
        ("16", "pendamping", "Sebelum diajukan.", None),
        ("16", "pendamping", "Pada revisi 1.", 1),
        ("16", "operator_a", "Sudah diperbaiki.", 1),
        ("17", "operator_a", "Tentang indikator 17.", 1),
        ("16", "pendamping", "Pada revisi 2.", 2),
    ]

    # The threads survived the return and the resubmission and are on the review page.
    client.force_login(draft_with_indicator.pendamping)
    response = client.get(reverse("inovasi-review", args=[draft_with_indicator.inovasi.pk]))
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
