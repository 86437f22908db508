"""Builders and probes shared by the review workflow tests (workflow, review views, comments, revisions,
concurrency): a draft complete enough to submit, direct status changes, and what a move must leave behind.
"""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from inovasi.completeness import refresh_completeness
from inovasi.models import Answer, Evidence, Inovasi, Revision, StatusChange
from inovasi.workflow import transition
from tests.inovasi.factories import add_evidence, current_period, make_inovasi

S = Inovasi.Status
STATUSES = list(S.values)
ROLES = ["operator_a", "kepala_a", "operator_b", "pendamping", "pimpinan", "admin"]
VIDEO_URL = "https://youtu.be/abcdefghijk"

FULL_CYCLE = [
    (S.SUBMITTED, "operator_a"),
    (S.IN_REVIEW, "pendamping"),
    (S.RETURNED, "pendamping", "Lengkapi bukti indikator 16."),
    (S.SUBMITTED, "operator_a"),
    (S.IN_REVIEW, "pendamping"),
    (S.APPROVED, "pendamping"),
    (S.READY, "admin"),
    (S.SENT, "admin"),
]
FULL_CYCLE_CHANGES = [
    ("draft", "diajukan", "operator_a", ""),
    ("diajukan", "direviu", "pendamping", ""),
    ("direviu", "dikembalikan", "pendamping", "Lengkapi bukti indikator 16."),
    ("dikembalikan", "diajukan", "operator_a", ""),
    ("diajukan", "direviu", "pendamping", ""),
    ("direviu", "disetujui", "pendamping", ""),
    ("disetujui", "siap_kirim", "admin", ""),
    ("siap_kirim", "dikirim", "admin", ""),
]


def mandatory_indicators(period):
    return list(period.indicators.filter(scope="sid", is_mandatory=True, is_archived=False).order_by("order"))


def add_video(inovasi, indicator, user, *, level=3, subject="Video Inovasi"):
    """A link as evidence, for an indicator that accepts only video links (35 in IGA 2026)."""
    answer, _created = Answer.objects.update_or_create(inovasi=inovasi, indicator=indicator, defaults={"level": level})
    return Evidence.objects.create(answer=answer, kind="video", url=VIDEO_URL, subject=subject, uploaded_by=user)


def make_submittable(inovasi, user, levels=None):
    """Answer every mandatory indicator with a level > 0 and one evidence item, so submission passes.

    `levels` maps an indicator number to its level (3 when not given).
    """
    levels = levels or {}
    for indicator in mandatory_indicators(inovasi.period):
        level = levels.get(indicator.number, 3)
        if "pdf" in indicator.evidence_kinds:
            add_evidence(inovasi, indicator, user, level=level)
        else:
            assert "video" in indicator.evidence_kinds, indicator.evidence_kinds
            add_video(inovasi, indicator, user, level=level)
    refresh_completeness(inovasi)
    return inovasi


def build_complete_draft(personas, levels=None):
    """The personas plus `.period` (the open current one) and `.inovasi`: a draft of OPD A complete
    enough to submit."""
    personas.period = current_period()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, personas.period)
    personas.inovasi = make_submittable(inovasi, personas.operator_a, levels)
    return personas


def verdicts_as_claimed(inovasi):
    """Every answer judged "sesuai" at its claimed level, as a reviewer does before approving."""
    Answer.objects.filter(inovasi=inovasi).update(
        verification=Answer.Verification.OK, verified_level=F("level"), verified_at=timezone.now()
    )
    return inovasi


def changes(inovasi):
    return list(inovasi.status_changes.values_list("from_status", "to_status", "actor__username", "note"))


def state_of(inovasi):
    """Everything a refused transition must leave as it was."""
    row = Inovasi.objects.get(pk=inovasi.pk)
    return {
        "status": row.status,
        "sent_on": row.sent_on,
        "status_changes": StatusChange.objects.filter(inovasi=inovasi).count(),
        "revisions": Revision.objects.filter(inovasi=inovasi).count(),
        "history": Inovasi.history.filter(id=inovasi.pk).count(),
    }


def set_status(inovasi, status):
    """Tests may put a record in any state directly; production code never does."""
    Inovasi.objects.filter(pk=inovasi.pk).update(status=status)
    return Inovasi.objects.get(pk=inovasi.pk)


def close_window(period):
    now = timezone.now()
    period.entry_opens_at, period.entry_closes_at = now - timedelta(days=30), now - timedelta(days=1)
    period.save()
    assert not period.entry_is_open()


def build_in_review(personas, name, level=2):
    """(innovation, its indicators in order): a new innovation of OPD A in review, every active indicator claimed
    at `level` with one evidence item, moved there by the real workflow."""
    period = current_period()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period, name=name)
    indicators = list(period.indicators.filter(scope="sid", is_archived=False).order_by("order"))
    for indicator in indicators:
        add_evidence(inovasi, indicator, personas.operator_a, level=level)
    transition(Inovasi.objects.get(pk=inovasi.pk), S.SUBMITTED, actor=personas.operator_a)
    transition(Inovasi.objects.get(pk=inovasi.pk), S.IN_REVIEW, actor=personas.pendamping)
    return inovasi, indicators
