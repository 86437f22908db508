"""The comment actions as domain functions: who may call them, and the change and its audit row commit together."""

import pytest
from django.core.exceptions import PermissionDenied

from inovasi import comments as actions
from inovasi.models import Comment, CommentThread
from portal.audit.models import AuditEntry
from portal.refusals import BadInput
from tests.inovasi.factories import current_period, make_inovasi, sid_indicator


@pytest.fixture
def on_record(personas):
    """The personas plus `.inovasi` of OPD A and `.indicator`, its indicator 16."""
    personas.period = current_period()
    personas.inovasi = make_inovasi(personas.opd_a, personas.operator_a, personas.period)
    personas.indicator = sid_indicator(personas.period, 16)
    return personas


def _trail():
    return list(AuditEntry.objects.order_by("id").values_list("action", "actor__username"))


def test_a_reviewer_starts_a_thread_and_the_operator_replies_each_with_its_audit_row(on_record):
    thread = actions.start_thread(on_record.inovasi, on_record.indicator, body=" SK? ", actor=on_record.pendamping)
    reply = actions.post_comment(thread, body="Sudah diunggah.", actor=on_record.operator_a)
    assert list(thread.comments.values_list("body", "author__username")) == [
        ("SK?", "pendamping"),
        ("Sudah diunggah.", "operator_a"),
    ]
    assert _trail() == [("comment.add", "pendamping"), ("comment.add", "operator_a")]
    assert AuditEntry.objects.last().after == {"thread": thread.pk}
    assert reply.revision_number is None  # written before the first submission


@pytest.mark.parametrize("who", ["kepala_a", "pimpinan", "operator_b"])
def test_readers_and_other_opds_may_not_write(on_record, who):
    with pytest.raises(PermissionDenied):
        actions.start_thread(on_record.inovasi, on_record.indicator, body="Boleh?", actor=on_record.by_name(who))
    thread = CommentThread.objects.create(
        inovasi=on_record.inovasi, indicator=on_record.indicator, created_by=on_record.pendamping
    )
    with pytest.raises(PermissionDenied):
        actions.post_comment(thread, body="Boleh?", actor=on_record.by_name(who))
    assert (Comment.objects.count(), CommentThread.objects.count(), _trail()) == (0, 1, [])


def test_an_empty_comment_is_refused_and_leaves_no_thread(on_record):
    with pytest.raises(BadInput):
        actions.start_thread(on_record.inovasi, on_record.indicator, body="   ", actor=on_record.pendamping)
    assert (CommentThread.objects.count(), _trail()) == (0, [])


def test_a_failing_audit_write_leaves_neither_the_thread_nor_the_comment(on_record, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(actions, "record", broken)
    with pytest.raises(RuntimeError):
        actions.start_thread(on_record.inovasi, on_record.indicator, body="SK?", actor=on_record.pendamping)
    assert (CommentThread.objects.count(), Comment.objects.count()) == (0, 0)


def test_only_reviewers_resolve_and_a_second_resolve_changes_nothing(on_record):
    thread = actions.start_thread(on_record.inovasi, on_record.indicator, body="SK?", actor=on_record.pendamping)
    for who in ["operator_a", "kepala_a", "pimpinan"]:
        with pytest.raises(PermissionDenied):
            actions.resolve_thread(thread, actor=on_record.by_name(who))
    assert actions.resolve_thread(thread, actor=on_record.admin) is True
    assert actions.resolve_thread(thread, actor=on_record.pendamping) is False
    thread.refresh_from_db()
    assert thread.resolved_by == on_record.admin
    assert [action for action, _who in _trail()] == ["comment.add", "thread.resolve"]


def test_an_indicator_of_another_scope_or_period_is_a_programming_error(on_record):
    region = on_record.period.indicators.filter(scope="spd").first()
    with pytest.raises(ValueError):
        actions.start_thread(on_record.inovasi, region, body="SK?", actor=on_record.pendamping)
