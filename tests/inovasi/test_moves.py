"""The review page's buttons come from Move objects: the workflow decides label, style and what a move asks for."""

import dataclasses

import pytest
from django.urls import reverse
from django.utils import translation

from inovasi.models import Inovasi
from inovasi.workflow import RULES, Move, allowed_moves
from portal.accounts.access import access_for
from tests.inovasi.workflow_helpers import set_status

S = Inovasi.Status


def _moves(complete_draft, who, status):
    inovasi = set_status(complete_draft.inovasi, status)
    with translation.override("en"):
        return [
            (move.target, str(move.label), move.style, move.needs_note, move.needs_sent_on)
            for move in allowed_moves(access_for(complete_draft.by_name(who)), inovasi)
        ]


def test_a_reviewer_in_review_gets_three_moves_and_the_two_that_refuse_need_a_note(complete_draft):
    assert _moves(complete_draft, "pendamping", S.IN_REVIEW) == [
        (S.RETURNED, "Return for revision", "btn-primary", True, False),
        (S.APPROVED, "Approve", "btn-primary", False, False),
        (S.REJECTED, "Reject", "btn-outline-danger", True, False),
    ]


def test_the_operator_submits_or_withdraws_and_the_admin_marks_the_sending_with_its_date(complete_draft):
    assert _moves(complete_draft, "operator_a", S.DRAFT) == [
        (S.SUBMITTED, "Submit for review", "btn-primary", False, False)
    ]
    assert _moves(complete_draft, "operator_a", S.SUBMITTED) == [
        (S.DRAFT, "Withdraw to draft", "btn-outline-secondary", False, False)
    ]
    assert _moves(complete_draft, "admin", S.READY) == [(S.SENT, "Mark as sent", "btn-primary", False, True)]


def test_the_label_follows_the_active_language(complete_draft):
    inovasi = set_status(complete_draft.inovasi, S.IN_REVIEW)
    (returned, *_rest) = allowed_moves(access_for(complete_draft.pendamping), inovasi)
    with translation.override("en"):
        english = str(returned.label)
    with translation.override("id"):
        indonesian = str(returned.label)
    assert english == "Return for revision"
    assert indonesian != english


def test_every_rule_makes_a_move_with_what_the_rule_needs_and_moves_are_frozen():
    for (_source, target), rule in RULES.items():
        move = Move.of(target, rule)
        assert (move.target, move.needs_note, move.needs_sent_on) == (target, rule.needs_note, rule.needs_sent_on)
        assert move.label and move.style.startswith("btn-")
    assert [pair for pair, rule in RULES.items() if rule.needs_sent_on] == [(S.READY, S.SENT)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        move.target = S.DRAFT


@pytest.mark.parametrize(
    ("who", "status", "notes", "dates", "danger"),
    [("pendamping", S.IN_REVIEW, 2, 0, 1), ("admin", S.READY, 0, 1, 0), ("operator_a", S.DRAFT, 0, 0, 0)],
)
def test_the_review_page_renders_what_each_move_asks_for(client, complete_draft, who, status, notes, dates, danger):
    set_status(complete_draft.inovasi, status)
    client.force_login(complete_draft.by_name(who))
    page = client.get(reverse("inovasi-review", args=[complete_draft.inovasi.pk])).content.decode()
    assert (page.count('name="note"'), page.count('name="sent_on"'), page.count("btn-outline-danger")) == (
        notes,
        dates,
        danger,
    )
