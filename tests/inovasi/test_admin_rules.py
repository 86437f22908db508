"""The Django admin keeps the answer rules: answers are read-only there, evidence is deleted only through
inovasi.answers.remove_evidence (state check, verdict reset, completeness, audit row), and no history
"revert" writes an old version past the rules."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from inovasi.completeness import checklist, indicator_states, percentage
from inovasi.models import Answer, Evidence, Inovasi
from inovasi.verification import PENDING
from portal.audit.models import AuditEntry
from tests.inovasi.factories import add_evidence, current_period, make_inovasi, post_data, sid_indicator

S = Inovasi.Status
V = Answer.Verification


def _verdict(answer, reviewer, level=3):
    """A verdict left from the last review, as a returned innovation carries it."""
    Answer.objects.filter(pk=answer.pk).update(
        verification=V.OK, verified_level=level, verified_by=reviewer, verified_at=timezone.now()
    )


@pytest.fixture
def reviewed(personas):
    """A returned innovation of OPD A: indicators 16 and 17 claimed with evidence, each with a verdict."""
    period = current_period()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period)
    first = add_evidence(inovasi, sid_indicator(period, 16), personas.operator_a, level=3)
    second = add_evidence(inovasi, sid_indicator(period, 17), personas.operator_a, level=2)
    for evidence in (first, second):
        _verdict(evidence.answer, personas.pendamping)
    Inovasi.objects.filter(pk=inovasi.pk).update(status=S.RETURNED)
    return SimpleNamespace(personas=personas, inovasi=inovasi, first=first, second=second)


@pytest.fixture
def admin(client, reviewed):
    client.force_login(reviewed.personas.admin)
    return client


def _row(answer):
    return Answer.objects.filter(pk=answer.pk).values("level", "note", "verification", "verified_level").get()


def _trail(**filters):
    return list(AuditEntry.objects.filter(**filters).values_list("action", "actor_name", "object_id", "before"))


def _stored_completeness(inovasi):
    return Inovasi.objects.get(pk=inovasi.pk).completeness


def _computed_completeness(inovasi):
    inovasi = Inovasi.objects.get(pk=inovasi.pk)
    return percentage(checklist(inovasi, indicator_states(inovasi)))


# --- answers: read-only -------------------------------------------------------------------------------------


def test_an_answer_opens_read_only_in_the_admin(admin, reviewed):
    response = admin.get(reverse("admin:inovasi_answer_change", args=[reviewed.first.answer_id]))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert response.context["has_delete_permission"] is False
    assert response.context["adminform"].form.fields == {}  # every field is shown as text only


def test_editing_an_answers_level_or_verdict_in_the_admin_is_refused(admin, reviewed):
    answer = reviewed.first.answer
    before = _row(answer)
    response = admin.post(
        reverse("admin:inovasi_answer_change", args=[answer.pk]),
        {"level": "0", "note": "diubah", "verification": V.NOT_OK, "verified_level": "0"},
    )
    assert response.status_code == 403
    assert _row(answer) == before
    assert _trail(object_type="inovasi.Answer") == []


def test_an_answer_cannot_be_deleted_in_the_admin(admin, reviewed):
    answer = reviewed.first.answer
    single = admin.post(reverse("admin:inovasi_answer_delete", args=[answer.pk]), {"post": "yes"})
    bulk = admin.post(
        reverse("admin:inovasi_answer_changelist"),
        {"action": "delete_selected", "_selected_action": [answer.pk], "post": "yes"},
    )
    assert single.status_code == 403
    assert bulk.status_code in (200, 302)  # Django answers an unknown action with the list again
    assert Answer.objects.filter(pk=answer.pk).exists()
    assert Evidence.objects.filter(pk=reviewed.first.pk).exists()


def test_an_answers_history_page_cannot_change_it(admin, reviewed):
    # simple-history's version page is a full edit form (level and verdict included) for anyone who
    # may view the row, and its "revert" saves the old version: without the refusal this post saved.
    answer = reviewed.first.answer
    before = _row(answer)
    version = answer.history.earliest()
    version_url = reverse("admin:inovasi_answer_simple_history", args=[answer.pk, version.history_id])
    assert admin.get(version_url).status_code == 200  # the version can still be read
    response = admin.post(
        version_url,
        {
            "indicator": answer.indicator_id,
            "inovasi": answer.inovasi_id,
            "level": "0",
            "updated_by": reviewed.personas.admin.pk,
            "verification": V.NOT_OK,
            "verified_level": "0",
        },
    )
    assert response.status_code == 403
    assert _row(answer) == before
    assert _trail(object_type="inovasi.Answer") == []


# --- evidence: read-only, deleted through the rule -----------------------------------------------------------


def test_deleting_evidence_in_the_admin_resets_the_verdict_refreshes_completeness_and_is_audited(admin, reviewed):
    evidence, inovasi = reviewed.first, reviewed.inovasi
    completeness = _stored_completeness(inovasi)
    response = admin.post(reverse("admin:inovasi_evidence_delete", args=[evidence.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert _row(evidence.answer) == {"level": 3, "note": "", "verification": PENDING, "verified_level": None}
    assert _row(reviewed.second.answer)["verification"] == V.OK  # the other indicator keeps its verdict
    assert _stored_completeness(inovasi) == _computed_completeness(inovasi) < completeness
    assert _trail(object_type="inovasi.Evidence") == [
        ("evidence.delete", "admin", str(evidence.pk), {"kind": "pdf", "subject": "SK Inovasi"})
    ]
    assert AuditEntry.objects.get(action="evidence.delete").ip == "127.0.0.1"


def test_the_admins_bulk_delete_removes_each_evidence_through_the_rule(admin, reviewed):
    chosen = [reviewed.first.pk, reviewed.second.pk]
    response = admin.post(
        reverse("admin:inovasi_evidence_changelist"),
        {"action": "delete_selected", "_selected_action": chosen, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk__in=chosen).exists()
    assert sorted(action for action, *_rest in _trail(object_type="inovasi.Evidence")) == ["evidence.delete"] * 2
    for evidence in (reviewed.first, reviewed.second):
        assert _row(evidence.answer)["verification"] == PENDING
    assert _stored_completeness(reviewed.inovasi) == _computed_completeness(reviewed.inovasi)


@pytest.mark.parametrize("status", [S.SUBMITTED, S.IN_REVIEW, S.APPROVED])
def test_evidence_of_an_innovation_that_may_not_change_cannot_be_deleted_in_the_admin(admin, reviewed, status):
    Inovasi.objects.filter(pk=reviewed.inovasi.pk).update(status=status)
    evidence = reviewed.first
    page = admin.get(reverse("admin:inovasi_evidence_delete", args=[evidence.pk]))
    single = admin.post(reverse("admin:inovasi_evidence_delete", args=[evidence.pk]), {"post": "yes"})
    bulk = admin.post(
        reverse("admin:inovasi_evidence_changelist"),
        {"action": "delete_selected", "_selected_action": [evidence.pk], "post": "yes"},
    )
    assert (page.status_code, single.status_code, bulk.status_code) == (403, 403, 403)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert _row(evidence.answer)["verification"] == V.OK
    assert _trail(object_type="inovasi.Evidence") == []


def test_evidence_cannot_be_edited_in_the_admin(admin, reviewed):
    evidence = reviewed.first
    response = admin.post(
        reverse("admin:inovasi_evidence_change", args=[evidence.pk]),
        {"subject": "Diubah", "url": "https://example.test/lain", "kind": "link"},
    )
    assert response.status_code == 403
    stored = Evidence.objects.get(pk=evidence.pk)
    assert (stored.subject, stored.url, stored.kind) == ("SK Inovasi", "", "pdf")
    assert _row(evidence.answer)["verification"] == V.OK


def test_an_innovations_history_page_cannot_save_it(admin, reviewed):
    # The version page is an edit form too: it saved this (the old version's fields with it) past the
    # editable-state rule, the completeness and the workflow.
    inovasi = Inovasi.objects.get(pk=reviewed.inovasi.pk)
    before = list(Inovasi.objects.filter(pk=inovasi.pk).values())
    versions = inovasi.history.count()
    response = admin.post(
        reverse("admin:inovasi_inovasi_simple_history", args=[inovasi.pk, inovasi.history.earliest().history_id]),
        {**post_data(name="Nama lewat riwayat"), "opd": inovasi.opd_id, "period": inovasi.period_id},
    )
    assert response.status_code == 403
    assert list(Inovasi.objects.filter(pk=inovasi.pk).values()) == before
    assert inovasi.history.count() == versions


# --- innovations: read-only but for restoring ----------------------------------------------------------------


def test_editing_or_deleting_an_innovation_in_the_admin_is_refused(admin, reviewed):
    inovasi = reviewed.inovasi
    before = Inovasi.objects.filter(pk=inovasi.pk).values("name", "status", "deleted_at").get()
    change = admin.post(reverse("admin:inovasi_inovasi_change", args=[inovasi.pk]), post_data(name="Diubah di admin"))
    delete = admin.post(reverse("admin:inovasi_inovasi_delete", args=[inovasi.pk]), {"post": "yes"})
    assert (change.status_code, delete.status_code) == (403, 403)
    assert Inovasi.objects.filter(pk=inovasi.pk).values("name", "status", "deleted_at").get() == before
    assert _trail(object_id=str(inovasi.pk), action__in=["update", "delete"]) == []


def test_the_admin_restores_a_soft_deleted_innovation(admin, reviewed):
    inovasi = reviewed.inovasi
    Inovasi.objects.filter(pk=inovasi.pk).update(deleted_at=timezone.now())
    response = admin.post(
        reverse("admin:inovasi_inovasi_changelist"), {"action": "restore", "_selected_action": [inovasi.pk]}
    )
    assert response.status_code == 302
    assert Inovasi.objects.get(pk=inovasi.pk).deleted_at is None
    assert [action for action, *_rest in _trail(object_id=str(inovasi.pk))] == ["inovasi.restore"]
