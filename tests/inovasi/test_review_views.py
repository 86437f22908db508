"""The review workflow through the portal: transitions, verdicts, their reset, maturity and the review page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from inovasi.models import Answer, Comment, CommentThread, Evidence, Inovasi
from inovasi.verification import verify
from inovasi.workflow import transition
from portal.audit.models import AuditEntry
from scoring import recompute
from scoring.models import DirtyMark
from tests.inovasi.factories import MINIMAL_PDF, add_evidence, current_period, make_inovasi, sid_indicator
from tests.inovasi.workflow_helpers import (
    FULL_CYCLE,
    FULL_CYCLE_CHANGES,
    ROLES,
    STATUSES,
    build_complete_draft,
    changes,
    close_window,
    mandatory_indicators,
    set_status,
    state_of,
)

S = Inovasi.Status
V = Answer.Verification


def post_move(client, complete_draft, who, to, **data):
    client.force_login(complete_draft.by_name(who))
    return client.post(reverse("inovasi-transition", args=[complete_draft.inovasi.pk, to]), data)


def status(complete_draft):
    return Inovasi.objects.get(pk=complete_draft.inovasi.pk).status


def refused(response):
    return response.status_code, response.templates[0].name if response.templates else None


# --- transitions ------------------------------------------------------------------------------------------


def test_the_full_cycle_through_the_portal(client, complete_draft):
    results = []
    for target, who, *note in FULL_CYCLE:
        if target == S.APPROVED:  # approval needs a verdict on every indicator with a level
            for number in mandatory_numbers(complete_draft):
                assert post_verify(client, complete_draft, "pendamping", number).status_code == 302
        data = {"note": note[0]} if note else {}
        if target == S.SENT:
            data["sent_on"] = "2026-04-01"
        response = post_move(client, complete_draft, who, target, **data)
        results.append((target, response.status_code, response.get("Location"), status(complete_draft)))
    review_url = reverse("inovasi-review", args=[complete_draft.inovasi.pk])
    assert results == [(target, 302, review_url, target) for target, *_rest in FULL_CYCLE]
    assert changes(complete_draft.inovasi) == FULL_CYCLE_CHANGES
    inovasi = Inovasi.objects.get(pk=complete_draft.inovasi.pk)
    assert inovasi.sent_on == datetime.date(2026, 4, 1)
    assert list(inovasi.revisions.values_list("number", "created_by__username")) == [
        (1, "operator_a"),
        (2, "operator_a"),
    ]


def test_through_the_portal_the_history_page_names_who_moved_it(client, complete_draft):
    for target, who, *note in FULL_CYCLE[:3]:
        assert post_move(client, complete_draft, who, target, note=note[0] if note else "").status_code == 302
    client.force_login(complete_draft.operator_a)
    response = client.get(reverse("inovasi-history", args=[complete_draft.inovasi.pk]))
    assert response.status_code == 200
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        status, label = gettext("Status"), {value: str(S(value).label) for value in S.values}
    entries = reversed(response.context["entries"])  # the page lists the newest first
    moves = [(entry.who, entry.changes[0].old, entry.changes[0].new) for entry in entries if entry.subject == status]
    operator, pendamping = str(complete_draft.operator_a), str(complete_draft.pendamping)
    assert moves == [
        (operator, label["draft"], label["diajukan"]),
        (pendamping, label["diajukan"], label["direviu"]),
        (pendamping, label["direviu"], label["dikembalikan"]),
    ]


@pytest.mark.parametrize(
    ("current", "who", "target"),
    [
        (S.DRAFT, "admin", S.APPROVED),
        (S.DRAFT, "pendamping", S.IN_REVIEW),
        (S.DRAFT, "operator_a", S.DRAFT),
        (S.SUBMITTED, "operator_a", S.SUBMITTED),
        (S.IN_REVIEW, "operator_a", S.SUBMITTED),
        (S.IN_REVIEW, "operator_a", S.DRAFT),
        (S.RETURNED, "pendamping", S.IN_REVIEW),
        (S.APPROVED, "admin", S.SENT),
        (S.REJECTED, "admin", S.SUBMITTED),
        (S.SENT, "admin", S.DRAFT),
    ],
)
def test_a_move_from_the_wrong_state_is_409_and_changes_nothing(client, complete_draft, current, who, target):
    set_status(complete_draft.inovasi, current)
    before = state_of(complete_draft.inovasi)
    response = post_move(client, complete_draft, who, target, note="Catatan")
    assert refused(response) == (409, "refused.html")
    assert state_of(complete_draft.inovasi) == before


@pytest.mark.parametrize(
    ("current", "who", "target"),
    [
        (S.DRAFT, "kepala_a", S.SUBMITTED),
        (S.DRAFT, "pendamping", S.SUBMITTED),
        (S.DRAFT, "pimpinan", S.SUBMITTED),
        (S.SUBMITTED, "operator_a", S.IN_REVIEW),
        (S.SUBMITTED, "kepala_a", S.DRAFT),
        (S.SUBMITTED, "pimpinan", S.IN_REVIEW),
        (S.IN_REVIEW, "operator_a", S.APPROVED),
        (S.IN_REVIEW, "kepala_a", S.RETURNED),
        (S.IN_REVIEW, "pimpinan", S.REJECTED),
        (S.APPROVED, "pendamping", S.READY),
        (S.READY, "pendamping", S.SENT),
        (S.READY, "operator_a", S.SENT),
    ],
)
def test_a_move_by_the_wrong_role_is_403_and_changes_nothing(client, complete_draft, current, who, target):
    set_status(complete_draft.inovasi, current)
    before = state_of(complete_draft.inovasi)
    response = post_move(client, complete_draft, who, target, note="Catatan")
    assert response.status_code == 403
    assert state_of(complete_draft.inovasi) == before


@pytest.mark.parametrize(
    ("current", "target"), [(S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.DRAFT), (S.RETURNED, S.SUBMITTED)]
)
def test_another_opds_operator_gets_404(client, complete_draft, current, target):
    set_status(complete_draft.inovasi, current)
    before = state_of(complete_draft.inovasi)
    assert post_move(client, complete_draft, "operator_b", target).status_code == 404
    assert client.get(reverse("inovasi-review", args=[complete_draft.inovasi.pk])).status_code == 404
    assert client.get(reverse("inovasi-revisions", args=[complete_draft.inovasi.pk])).status_code == 404
    assert state_of(complete_draft.inovasi) == before


def test_a_get_on_the_transition_url_is_405(client, complete_draft):
    client.force_login(complete_draft.operator_a)
    before = state_of(complete_draft.inovasi)
    assert client.get(reverse("inovasi-transition", args=[complete_draft.inovasi.pk, S.SUBMITTED])).status_code == 405
    assert state_of(complete_draft.inovasi) == before


@pytest.mark.parametrize("target", [S.RETURNED, S.REJECTED])
@pytest.mark.parametrize("note", [None, "", "   "])
def test_a_return_or_rejection_without_a_note_is_400_and_changes_nothing(client, complete_draft, target, note):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    before = state_of(complete_draft.inovasi)
    response = post_move(client, complete_draft, "pendamping", target, **({} if note is None else {"note": note}))
    assert refused(response) == (400, "refused.html")
    assert state_of(complete_draft.inovasi) == before


def test_an_incomplete_submission_is_400_and_changes_nothing(client, complete_draft):
    Evidence.objects.filter(answer__inovasi=complete_draft.inovasi, answer__indicator__number="16").delete()
    before = state_of(complete_draft.inovasi)
    assert refused(post_move(client, complete_draft, "operator_a", S.SUBMITTED)) == (400, "refused.html")
    assert state_of(complete_draft.inovasi) == before


def test_outside_the_window_the_operators_submission_is_403_and_the_admins_passes(client, complete_draft):
    close_window(complete_draft.period)
    before = state_of(complete_draft.inovasi)
    assert refused(post_move(client, complete_draft, "operator_a", S.SUBMITTED)) == (403, "refused.html")
    assert state_of(complete_draft.inovasi) == before
    assert post_move(client, complete_draft, "admin", S.SUBMITTED).status_code == 302
    assert changes(complete_draft.inovasi) == [("draft", "diajukan", "admin", "")]


def test_sending_without_a_date_stores_today(client, complete_draft):
    set_status(complete_draft.inovasi, S.READY)
    assert post_move(client, complete_draft, "admin", S.SENT).status_code == 302
    assert Inovasi.objects.get(pk=complete_draft.inovasi.pk).sent_on == timezone.localdate()


def test_the_national_outcome_through_the_portal(client, complete_draft):
    url = reverse("inovasi-national-outcome", args=[complete_draft.inovasi.pk])
    set_status(complete_draft.inovasi, S.APPROVED)
    client.force_login(complete_draft.admin)
    assert refused(client.post(url, {"outcome": "diterima", "score": "90"})) == (409, "refused.html")
    set_status(complete_draft.inovasi, S.SENT)
    client.force_login(complete_draft.pendamping)
    assert client.post(url, {"outcome": "diterima", "score": "90"}).status_code == 403
    client.force_login(complete_draft.admin)
    assert client.post(url, {"outcome": "diterima", "score": "90.5"}).status_code == 302
    inovasi = Inovasi.objects.get(pk=complete_draft.inovasi.pk)
    assert (inovasi.national_outcome, inovasi.national_score) == ("diterima", Decimal("90.5"))


# --- per-indicator verification -----------------------------------------------------------------------------


def post_verify(client, complete_draft, who, number, verification="sesuai", level=3):
    client.force_login(complete_draft.by_name(who))
    indicator = sid_indicator(complete_draft.period, number)
    url = reverse("inovasi-verify", args=[complete_draft.inovasi.pk, indicator.pk])
    return client.post(url, {"verification": verification, "verified_level": level})


def mandatory_numbers(complete_draft):
    return [indicator.number for indicator in mandatory_indicators(complete_draft.period)]


def verdicts(complete_draft):
    return {
        answer.indicator.number: (
            answer.verification,
            answer.verified_level,
            getattr(answer.verified_by, "username", None),
        )
        for answer in Answer.objects.filter(inovasi=complete_draft.inovasi).select_related("indicator", "verified_by")
    }


@pytest.mark.parametrize("who", ["pendamping", "admin"])
def test_a_reviewer_verifies_an_indicator_in_review(client, complete_draft, who):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    response = post_verify(client, complete_draft, who, 17, "tidak_sesuai", 1)
    indicator = sid_indicator(complete_draft.period, 17)
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{reverse('inovasi-review', args=[complete_draft.inovasi.pk])}#indikator-{indicator.pk}"
    )
    answer = Answer.objects.get(inovasi=complete_draft.inovasi, indicator=indicator)
    assert (answer.verification, answer.verified_level, answer.verified_by) == (
        "tidak_sesuai",
        1,
        complete_draft.by_name(who),
    )
    assert answer.verified_at is not None
    assert answer.level == 3  # the claim stays as the operator made it


@pytest.mark.parametrize("current", [s for s in STATUSES if s != S.IN_REVIEW])
def test_verifying_outside_the_review_is_409(client, complete_draft, current):
    set_status(complete_draft.inovasi, current)
    before = verdicts(complete_draft)
    assert refused(post_verify(client, complete_draft, "pendamping", 16)) == (409, "refused.html")
    assert verdicts(complete_draft) == before


@pytest.mark.parametrize("who", ["operator_a", "kepala_a", "pimpinan"])
def test_only_reviewers_verify(client, complete_draft, who):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    before = verdicts(complete_draft)
    assert post_verify(client, complete_draft, who, 16).status_code == 403
    assert verdicts(complete_draft) == before


def test_another_opds_operator_cannot_even_see_the_verify_url(client, complete_draft):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    before = verdicts(complete_draft)
    assert post_verify(client, complete_draft, "operator_b", 16).status_code == 404
    assert verdicts(complete_draft) == before


def test_an_invalid_verdict_changes_nothing(client, complete_draft):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    before = verdicts(complete_draft)
    for verification, level in (("menunggu", 3), ("sesuai", 4), ("entah", 1)):
        assert post_verify(client, complete_draft, "pendamping", 16, verification, level).status_code == 302
    assert verdicts(complete_draft) == before


@pytest.fixture
def verified_and_returned(client, complete_draft):
    """Submitted, in review, four indicators verified, a thread on 16, then returned to the OPD."""
    assert post_move(client, complete_draft, "operator_a", S.SUBMITTED).status_code == 302
    assert post_move(client, complete_draft, "pendamping", S.IN_REVIEW).status_code == 302
    for number, verification, level in (
        (16, "sesuai", 3),
        (17, "tidak_sesuai", 1),
        (32, "sesuai", 3),
        (33, "perlu_perbaikan", 2),
    ):
        assert post_verify(client, complete_draft, "pendamping", number, verification, level).status_code == 302
    indicator = sid_indicator(complete_draft.period, 16)
    response = client.post(
        reverse("thread-start", args=[complete_draft.inovasi.pk, indicator.pk]), {"body": "SK kedaluwarsa."}
    )
    assert response.status_code == 302
    assert post_move(client, complete_draft, "pendamping", S.RETURNED, note="Perbaiki 16.").status_code == 302
    client.force_login(complete_draft.operator_a)
    return complete_draft


VERIFIED = {
    "16": ("sesuai", 3, "pendamping"),
    "17": ("tidak_sesuai", 1, "pendamping"),
    "32": ("sesuai", 3, "pendamping"),
    "33": ("perlu_perbaikan", 2, "pendamping"),
    "35": ("menunggu", None, None),
}
PENDING = ("menunggu", None, None)


def test_the_verdicts_survive_the_return(verified_and_returned):
    assert verdicts(verified_and_returned) == VERIFIED


def test_changing_a_level_resets_only_that_indicators_verdict(client, verified_and_returned):
    complete_draft = verified_and_returned
    indicator = sid_indicator(complete_draft.period, 16)
    assert (
        client.post(reverse("inovasi-answer", args=[complete_draft.inovasi.pk, indicator.pk]), {"level": 2}).status_code
        == 302
    )
    assert verdicts(complete_draft) == {**VERIFIED, "16": PENDING}
    assert Answer.objects.get(inovasi=complete_draft.inovasi, indicator=indicator).verified_at is None
    assert (CommentThread.objects.filter(inovasi=complete_draft.inovasi).count(), Comment.objects.count()) == (1, 1)


def test_saving_the_same_level_keeps_the_verdict(client, verified_and_returned):
    complete_draft = verified_and_returned
    indicator = sid_indicator(complete_draft.period, 32)
    url = reverse("inovasi-answer", args=[complete_draft.inovasi.pk, indicator.pk])
    assert client.post(url, {"level": 3, "note": "Tidak berubah"}).status_code == 302
    assert verdicts(complete_draft) == VERIFIED


def test_adding_evidence_resets_only_that_indicators_verdict(client, verified_and_returned):
    complete_draft = verified_and_returned
    indicator = sid_indicator(complete_draft.period, 17)
    upload = SimpleUploadedFile("sdm.pdf", MINIMAL_PDF, content_type="application/pdf")
    url = reverse("inovasi-evidence-add", args=[complete_draft.inovasi.pk, indicator.pk])
    assert client.post(url, {"subject": "SK Tim", "file": upload}).status_code == 302
    assert verdicts(complete_draft) == {**VERIFIED, "17": PENDING}
    assert CommentThread.objects.filter(inovasi=complete_draft.inovasi).count() == 1


def test_removing_evidence_resets_only_that_indicators_verdict(client, verified_and_returned):
    complete_draft = verified_and_returned
    evidence = Evidence.objects.get(answer__inovasi=complete_draft.inovasi, answer__indicator__number="33")
    assert client.post(reverse("evidence-delete", args=[evidence.pk])).status_code == 302
    assert verdicts(complete_draft) == {**VERIFIED, "33": PENDING}
    assert CommentThread.objects.filter(inovasi=complete_draft.inovasi).count() == 1


def test_the_reset_verdicts_are_pending_again_after_resubmission(client, verified_and_returned):
    complete_draft = verified_and_returned
    indicator = sid_indicator(complete_draft.period, 16)
    client.post(reverse("inovasi-answer", args=[complete_draft.inovasi.pk, indicator.pk]), {"level": 2})
    assert post_move(client, complete_draft, "operator_a", S.SUBMITTED).status_code == 302
    assert post_move(client, complete_draft, "pendamping", S.IN_REVIEW).status_code == 302
    assert verdicts(complete_draft) == {**VERIFIED, "16": PENDING}


# --- maturity on the review page ----------------------------------------------------------------------------


def test_claimed_and_verified_maturity_of_a_worked_example(client, personas):
    # Bobot in IGA 2026: 16 → 3, 17 → 2, 18 → 2, 19 → 2, 32 → 2, 33 → 3, 35 → 4.
    complete_draft = build_complete_draft(personas, {"16": 3, "17": 2, "32": 1, "33": 3, "35": 2})
    inovasi, operator = complete_draft.inovasi, complete_draft.operator_a
    add_evidence(inovasi, sid_indicator(complete_draft.period, 19), operator, level=1)
    transition(inovasi, S.SUBMITTED, actor=operator)
    transition(inovasi, S.IN_REVIEW, actor=complete_draft.pendamping)
    # A claim without evidence would block submission; put one in directly to show it does not count.
    Answer.objects.create(inovasi=inovasi, indicator=sid_indicator(complete_draft.period, 18), level=3)
    # Claimed: 3×3 + 2×2 + 2×1 + 3×3 + 4×2 + 2×1 = 34 (18 has no evidence, so it does not count).
    answers = {
        a.indicator.number: a for a in Answer.objects.filter(inovasi=inovasi).select_related("indicator", "inovasi")
    }
    verify(answers["16"], actor=complete_draft.pendamping, verification=V.OK, verified_level=3)  # 3×3 = 9
    verify(answers["17"], actor=complete_draft.pendamping, verification=V.NOT_OK, verified_level=1)  # 2×1 = 2
    verify(answers["33"], actor=complete_draft.admin, verification=V.NEEDS_FIX, verified_level=2)  # 3×2 = 6
    verify(answers["19"], actor=complete_draft.pendamping, verification=V.OK, verified_level=1)  # 2×1 = 2
    verify(answers["18"], actor=complete_draft.pendamping, verification=V.NOT_OK, verified_level=0)  # 0
    # 32 and 35 are not reviewed yet: they count nothing. Verified: 9 + 2 + 6 + 2 = 19.
    recompute.run(complete_draft.period.pk)  # what the worker does once these writes commit
    client.force_login(complete_draft.pendamping)
    response = client.get(reverse("inovasi-review", args=[inovasi.pk]))
    assert response.status_code == 200
    score = response.context["score"]
    assert (score.claimed, score.verified) == (Decimal("34"), Decimal("19"))
    assert b'data-maturity="claimed">34,00<' in response.content


# --- the review page: buttons, readers, query count -----------------------------------------------------------

EXPECTED_MOVES = {
    "operator_a": {
        S.DRAFT: ["diajukan"],
        S.AWAITING_ENDORSEMENT: ["draft"],
        S.SUBMITTED: ["draft"],
        S.RETURNED: ["diajukan"],
    },
    "pendamping": {S.SUBMITTED: ["direviu"], S.IN_REVIEW: ["dikembalikan", "disetujui", "ditolak"]},
    "admin": {
        S.DRAFT: ["diajukan"],
        S.AWAITING_ENDORSEMENT: ["draft", "diajukan", "dikembalikan"],
        S.SUBMITTED: ["draft", "direviu"],
        S.IN_REVIEW: ["dikembalikan", "disetujui", "ditolak"],
        S.RETURNED: ["diajukan"],
        S.APPROVED: ["siap_kirim"],
        S.READY: ["dikirim"],
    },
    "kepala_a": {S.AWAITING_ENDORSEMENT: ["diajukan", "dikembalikan"]},
    "pimpinan": {},
}


def test_the_review_page_offers_each_role_exactly_its_moves(client, complete_draft):
    found, expected = {}, {}
    for current in STATUSES:
        set_status(complete_draft.inovasi, current)
        for role in ROLES:
            client.force_login(complete_draft.by_name(role))
            response = client.get(reverse("inovasi-review", args=[complete_draft.inovasi.pk]))
            if role == "operator_b":
                found[(role, current)] = response.status_code
                expected[(role, current)] = 404
                continue
            found[(role, current)] = (response.status_code, [move.target for move in response.context["moves"]])
            expected[(role, current)] = (200, EXPECTED_MOVES[role].get(current, []))
    assert found == expected


@pytest.mark.parametrize(
    ("who", "can_comment", "can_resolve", "verify_forms"),
    [
        ("operator_a", True, False, False),
        ("kepala_a", False, False, False),
        ("pimpinan", False, False, False),
        ("pendamping", True, True, True),
        ("admin", True, True, True),
    ],
)
def test_the_review_page_offers_writing_only_to_writers(
    client, complete_draft, who, can_comment, can_resolve, verify_forms
):
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    client.force_login(complete_draft.by_name(who))
    context = client.get(reverse("inovasi-review", args=[complete_draft.inovasi.pk])).context
    with_form = {row["state"].indicator.number for row in context["rows"] if row["verify_form"]}
    assert (context["can_comment"], context["can_resolve"]) == (can_comment, can_resolve)
    assert with_form == ({"16", "17", "32", "33", "35"} if verify_forms else set())


def add_threads(complete_draft, count):
    """`count` threads over two indicators, with replies by other people; the second one resolved."""
    people = [complete_draft.pendamping, complete_draft.operator_a, complete_draft.admin]
    for index in range(count):
        indicator = sid_indicator(complete_draft.period, 16 if index % 2 == 0 else 17)
        thread = CommentThread.objects.create(
            inovasi=complete_draft.inovasi, indicator=indicator, created_by=complete_draft.pendamping
        )
        for turn in range(index + 1):
            Comment.objects.create(
                thread=thread, author=people[turn % 3], body=f"Komentar {index}.{turn}", revision_number=1
            )
        if index == 1:
            thread.resolved_at, thread.resolved_by = timezone.now(), complete_draft.admin
            thread.save()


# Measured: the same with 1 and with 3 threads (3 of them read 2026's classification, programme and Asta Cita).
REVIEW_PAGE_QUERIES = 20


@pytest.mark.parametrize("threads", [1, 3])
def test_the_review_page_query_count_does_not_grow_with_the_threads(
    client, complete_draft, django_assert_num_queries, threads
):
    transition(complete_draft.inovasi, S.SUBMITTED, actor=complete_draft.operator_a)
    transition(complete_draft.inovasi, S.IN_REVIEW, actor=complete_draft.pendamping)
    add_threads(complete_draft, threads)
    client.force_login(complete_draft.pendamping)
    url = reverse("inovasi-review", args=[complete_draft.inovasi.pk])
    assert client.get(url).status_code == 200  # the first request writes the session
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = client.get(url)
    rows = [row for row in response.context["rows"] if row["threads"]]
    assert sum(len(row["threads"]) for row in rows) == threads


# --- review as fast as reading: the summary, the bulk pass, verdicts in place ---------------------------------

LEVELS = {"16": 3, "17": 2, "32": 1, "33": 2, "35": 3}


@pytest.fixture
def in_review(personas):
    """In review: five indicators with evidence at LEVELS, 17 already judged, 18 claimed without evidence."""
    complete_draft = build_complete_draft(personas, LEVELS)
    set_status(complete_draft.inovasi, S.IN_REVIEW)
    answer = Answer.objects.select_related("inovasi", "indicator").get(
        inovasi=complete_draft.inovasi, indicator__number="17"
    )
    verify(answer, actor=complete_draft.admin, verification=V.NOT_OK, verified_level=1)
    Answer.objects.create(inovasi=complete_draft.inovasi, indicator=sid_indicator(complete_draft.period, 18), level=2)
    return complete_draft


def post_as_claimed(client, complete_draft, who="pendamping", **headers):
    client.force_login(complete_draft.by_name(who))
    return client.post(reverse("inovasi-verify-as-claimed", args=[complete_draft.inovasi.pk]), **headers)


def test_marking_all_with_evidence_as_claimed(client, in_review):
    DirtyMark.objects.all().delete()
    response = post_as_claimed(client, in_review)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('inovasi-review', args=[in_review.inovasi.pk])}#ringkasan-verifikasi"
    assert verdicts(in_review) == {
        "16": ("sesuai", 3, "pendamping"),
        "17": ("tidak_sesuai", 1, "admin"),  # judged before: kept
        "18": PENDING,  # no evidence: left for the reviewer
        "32": ("sesuai", 1, "pendamping"),
        "33": ("sesuai", 2, "pendamping"),
        "35": ("sesuai", 3, "pendamping"),
    }
    entry = AuditEntry.objects.get(action="inovasi.verify_as_claimed")
    pending = {"verification": "menunggu", "verified_level": None}
    assert (entry.actor, entry.object_id, entry.ip) == (in_review.pendamping, str(in_review.inovasi.pk), "127.0.0.1")
    assert entry.before == dict.fromkeys(["16", "32", "33", "35"], pending)
    assert entry.after == {
        number: {"verification": "sesuai", "verified_level": LEVELS[number]} for number in entry.before
    }
    assert DirtyMark.objects.filter(period=in_review.period, inovasi_id=in_review.inovasi.pk).exists()
    history = Answer.history.filter(inovasi_id=in_review.inovasi.pk, verification="sesuai", history_type="~")
    assert sorted(history.values_list("indicator__number", flat=True)) == ["16", "32", "33", "35"]


def test_marking_all_in_place_answers_with_the_summary_every_card_and_the_buttons(client, in_review):
    post_in_place(client, in_review, 18, {"verification": "tidak_sesuai", "verified_level": "0"})
    response = post_as_claimed(client, in_review, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        approve = gettext("Approve")
        done = gettext(
            "Marked as matching at the claimed level: indicator %(numbers)s. Check the others one by one."
        ) % {"numbers": "16, 32, 33, 35"}
    assert content.lstrip().startswith('<section class="card my-3" id="ringkasan-verifikasi"')  # the target
    assert f'role="status" tabindex="-1" autofocus>{done}</div>' in content
    assert content.count('data-verdict="sesuai"') == 4
    assert '<div id="review-cards" hx-swap-oob="true">' in content
    assert f'<button type="submit" class="btn btn-primary">{approve}</button>' in content  # every verdict given


def test_marking_again_finds_nothing_and_writes_nothing(client, in_review):
    assert post_as_claimed(client, in_review).status_code == 302
    client.get(reverse("inovasi-review", args=[in_review.inovasi.pk]))  # shows (and uses up) the first message
    after_first = verdicts(in_review)
    client.force_login(in_review.admin)
    response = client.post(reverse("inovasi-verify-as-claimed", args=[in_review.inovasi.pk]), follow=True)
    assert response.status_code == 200
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = gettext("No indicator with evidence is waiting for a verdict.")
    assert [str(message) for message in response.context["messages"]] == [expected]
    assert verdicts(in_review) == after_first
    assert AuditEntry.objects.filter(action="inovasi.verify_as_claimed").count() == 1


@pytest.mark.parametrize("current", [s for s in STATUSES if s != S.IN_REVIEW])
def test_marking_all_outside_the_review_is_409_and_changes_nothing(client, in_review, current):
    set_status(in_review.inovasi, current)
    before = verdicts(in_review)
    assert refused(post_as_claimed(client, in_review)) == (409, "refused.html")
    response = post_as_claimed(client, in_review, HTTP_HX_REQUEST="true")
    assert refused(response) == (409, "includes/refusal_alert.html")
    assert verdicts(in_review) == before
    assert not AuditEntry.objects.filter(action="inovasi.verify_as_claimed").exists()


@pytest.mark.parametrize(
    ("who", "code"), [("operator_a", 403), ("kepala_a", 403), ("pimpinan", 403), ("operator_b", 404)]
)
def test_only_reviewers_mark_all(client, in_review, who, code):
    before = verdicts(in_review)
    assert post_as_claimed(client, in_review, who).status_code == code
    assert verdicts(in_review) == before
    assert not AuditEntry.objects.filter(action="inovasi.verify_as_claimed").exists()


def test_marking_all_is_a_get_405(client, in_review):
    client.force_login(in_review.pendamping)
    assert client.get(reverse("inovasi-verify-as-claimed", args=[in_review.inovasi.pk])).status_code == 405


def summary_counts(response):
    return {item[0]: item[2] for item in response.context["summary"].counts}


def test_the_summary_counts_the_verdicts_and_offers_the_bulk_pass(client, in_review):
    client.force_login(in_review.pendamping)
    url = reverse("inovasi-review", args=[in_review.inovasi.pk])
    response = client.get(url)
    # 16, 18, 32, 33, 35 wait (18 without evidence), 17 does not match; 4 of them have evidence.
    assert summary_counts(response) == {"sesuai": 0, "tidak_sesuai": 1, "perlu_perbaikan": 0, "menunggu": 5}
    assert response.context["summary"].as_claimed == 4
    content = response.content.decode()
    assert content.index('id="ringkasan-verifikasi"') < content.index(
        f'id="indikator-{sid_indicator(in_review.period, 16).pk}"'
    )
    assert f'action="{reverse("inovasi-verify-as-claimed", args=[in_review.inovasi.pk])}"' in content
    assert 'data-verdict-count="tidak_sesuai">1<' in content
    post_as_claimed(client, in_review)
    response = client.get(url)
    assert summary_counts(response) == {"sesuai": 4, "tidak_sesuai": 1, "perlu_perbaikan": 0, "menunggu": 1}
    assert response.context["summary"].as_claimed == 0
    client.force_login(in_review.operator_a)  # the OPD reads the summary, without the button
    content = client.get(url).content.decode()
    assert 'data-verdict-count="sesuai">4<' in content
    assert reverse("inovasi-verify-as-claimed", args=[in_review.inovasi.pk]) not in content


def post_in_place(client, complete_draft, number, data, who="pendamping"):
    client.force_login(complete_draft.by_name(who))
    url = reverse("inovasi-verify", args=[complete_draft.inovasi.pk, sid_indicator(complete_draft.period, number).pk])
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_a_verdict_saved_in_place_answers_with_its_card_and_the_summary_out_of_band(client, in_review):
    response = post_in_place(client, in_review, 33, {"verification": "perlu_perbaikan", "verified_level": "1"})
    assert response.status_code == 200
    assert {"inovasi/_review_card.html", "inovasi/_review_summary.html"} <= {t.name for t in response.templates}
    content = response.content.decode()
    indicator = sid_indicator(in_review.period, 33)
    assert "<html" not in content and content.count("data-htmx-part") == 2  # the card and the summary
    assert f'<section class="card mb-3" id="indikator-{indicator.pk}"' in content
    assert '<div id="review-moves" hx-swap-oob="true">' in content  # a verdict may enable Approve
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        done = gettext("Indicator %(number)s was verified.") % {"number": "33"}
    assert f'role="status" tabindex="-1" autofocus>{done}</div>' in content
    assert 'data-verdict="perlu_perbaikan"' in content
    assert 'id="ringkasan-verifikasi" aria-labelledby="ringkasan-verifikasi-title" hx-swap-oob="true"' in content
    assert 'data-verdict-count="perlu_perbaikan">1<' in content and 'data-verdict-count="menunggu">4<' in content
    assert verdicts(in_review)["33"] == ("perlu_perbaikan", 1, "pendamping")


def test_an_invalid_verdict_in_place_is_400_with_the_errors_inside_the_card(client, in_review):
    before = verdicts(in_review)
    response = post_in_place(client, in_review, 16, {"verification": "entah", "verified_level": "4"})
    assert response.status_code == 400
    content = response.content.decode()
    indicator = sid_indicator(in_review.period, 16)
    assert "<html" not in content
    assert f'id="indikator-{indicator.pk}"' in content
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        invalid = gettext("Choose a verdict and a verified level from 0 to 3.")
    assert f'role="alert" tabindex="-1" autofocus>{invalid}' in content
    assert content.count('aria-invalid="true"') == 2
    assert f'aria-describedby="id_verification-{indicator.pk}-error"' in content
    assert 'hx-swap-oob="true"' in content
    assert verdicts(in_review) == before


def test_a_verdict_in_place_refused_comes_back_as_the_alert(client, in_review):
    set_status(in_review.inovasi, S.RETURNED)
    response = post_in_place(client, in_review, 16, {"verification": "sesuai", "verified_level": "3"})
    assert refused(response) == (409, "includes/refusal_alert.html")
    response = post_in_place(client, in_review, 16, {"verification": "entah"}, who="operator_a")
    assert response.status_code == 403


def test_without_javascript_the_verdict_form_still_posts_and_redirects(client, in_review):
    client.force_login(in_review.pendamping)
    content = client.get(reverse("inovasi-review", args=[in_review.inovasi.pk])).content.decode()
    indicator = sid_indicator(in_review.period, 16)
    url = reverse("inovasi-verify", args=[in_review.inovasi.pk, indicator.pk])
    assert f'action="{url}" hx-post="{url}" hx-target="#indikator-{indicator.pk}" hx-swap="outerHTML"' in content
    assert post_verify(client, in_review, "pendamping", 16, "sesuai", 2).status_code == 302


def test_comment_boxes_open_on_demand(client, in_review):
    client.force_login(in_review.pendamping)
    content = client.get(reverse("inovasi-review", args=[in_review.inovasi.pk])).content.decode()
    indicator = sid_indicator(in_review.period, 16)
    start = reverse("thread-start", args=[in_review.inovasi.pk, indicator.pk])
    assert re.search(
        rf'<details>\s*<summary class="small">[^<]+</summary>\s*<form method="post" action="{start}"', content
    )
    textareas = re.findall(r'<textarea[^>]*id="(comment|reply)-\d+"', content)
    assert len(textareas) == len(re.findall(r"<details", content)) > 0


@pytest.mark.parametrize("answered", ["one", "every"])
def test_the_review_page_query_count_does_not_grow_with_the_rows(client, personas, django_assert_num_queries, answered):
    """One indicator answered, or every one with evidence, a verdict on half of them and a thread each: same count."""
    period = current_period()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period)
    indicators = list(period.indicators.filter(scope="sid", is_archived=False).order_by("order"))
    for index, indicator in enumerate(indicators[:1] if answered == "one" else indicators):
        add_evidence(inovasi, indicator, personas.operator_a, level=1 + index % 3)
        thread = CommentThread.objects.create(inovasi=inovasi, indicator=indicator, created_by=personas.pendamping)
        Comment.objects.create(thread=thread, author=personas.pendamping, body=f"Komentar {index}.")
    set_status(inovasi, S.IN_REVIEW)
    answers = Answer.objects.filter(inovasi=inovasi).select_related("inovasi", "indicator").order_by("pk")
    for answer in list(answers)[::2]:
        verify(answer, actor=personas.pendamping, verification=V.NEEDS_FIX, verified_level=0)
    client.force_login(personas.pendamping)
    url = reverse("inovasi-review", args=[inovasi.pk])
    assert client.get(url).status_code == 200  # the first request writes the session
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = client.get(url)
    assert sum(1 for row in response.context["rows"] if row["evidence"]) == (
        1 if answered == "one" else len(indicators)
    )


# --- the return note, at the top for the OPD until it resubmits ----------------------------------------------


@pytest.mark.parametrize("page", ["inovasi-detail", "inovasi-review", "inovasi-indicators"])
def test_the_return_note_and_open_threads_are_at_the_top_until_resubmission(client, verified_and_returned, page):
    complete_draft = verified_and_returned
    indicator = sid_indicator(complete_draft.period, 17)
    resolved = CommentThread.objects.create(
        inovasi=complete_draft.inovasi,
        indicator=indicator,
        created_by=complete_draft.pendamping,
        resolved_at=timezone.now(),
        resolved_by=complete_draft.pendamping,
    )
    Comment.objects.create(thread=resolved, author=complete_draft.pendamping, body="Sudah beres.")
    url = reverse(page, args=[complete_draft.inovasi.pk])
    client.force_login(complete_draft.operator_a)
    content = client.get(url).content.decode()
    note = re.search(r"<section[^>]*data-return-note.*?</section>", content, re.S)
    assert note, "no return note"
    assert "Perbaiki 16." in note.group() and "SK kedaluwarsa." in note.group()
    review = reverse("inovasi-review", args=[complete_draft.inovasi.pk])
    assert f'href="{review}#indikator-{sid_indicator(complete_draft.period, 16).pk}"' in note.group()
    assert "Sudah beres." not in note.group()  # a resolved thread is not asked for again
    first_card = content.find('class="card')
    assert content.index("data-return-note") < first_card
    assert post_move(client, complete_draft, "operator_a", S.SUBMITTED).status_code == 302
    client.force_login(complete_draft.operator_a)
    assert "data-return-note" not in client.get(url).content.decode()


def test_the_return_note_costs_no_query_when_the_innovation_is_not_returned(complete_draft, django_assert_num_queries):
    template = Template('{% include "inovasi/_return_note.html" %}')
    for status in (S.DRAFT, S.SUBMITTED, S.IN_REVIEW):
        inovasi = set_status(complete_draft.inovasi, status)
        with django_assert_num_queries(0):
            assert template.render(Context({"inovasi": inovasi})).strip() == ""
