"""Each domain rule writes its change and its audit row in ONE transaction (on PostgreSQL):
a failure after the audit row leaves no audit row, and a failing audit write leaves no change.
The portal's views call the rules and write no audit row of their own, so each action is audited once.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, IntegrityError
from django.urls import reverse
from django.utils import timezone

import inovasi.answers
import inovasi.carry_forward
import inovasi.profile
import inovasi.shared_documents
import inovasi.verification
import inovasi.workflow
from inovasi import notify
from inovasi.answers import add_evidence, remove_evidence, replace_evidence, set_claim
from inovasi.carry_forward import carry_forward
from inovasi.models import Answer, Evidence, Inovasi, InovasiPhoto, SharedDocument, StatusChange
from inovasi.profile import add_photo, create_inovasi, delete_inovasi, remove_photo, restore_inovasi, update_profile
from inovasi.shared_documents import (
    attach_shared_document,
    detach_shared_document,
    remove_shared_document,
    replace_shared_document,
    upload_shared_document,
)
from inovasi.verification import verify, verify_evidenced_as_claimed
from inovasi.workflow import record_national_outcome, transition
from portal.audit import log
from portal.audit.models import AuditEntry
from portal.catalogue.models import Period
from portal.notices.models import Notice
from tests.inovasi import factories
from tests.inovasi.factories import (
    MINIMAL_PDF,
    current_period,
    make_inovasi,
    media_files,
    png_bytes,
    profile_values,
    sid_indicator,
)

S = Inovasi.Status
V = Answer.Verification
RULE_MODULES = [
    inovasi.answers,
    inovasi.verification,
    inovasi.workflow,
    inovasi.profile,
    inovasi.carry_forward,
    inovasi.shared_documents,
]


class Boom(Exception):
    """A step after the audit row that fails."""


@pytest.fixture
def records(personas):
    """The personas, a returned innovation of OPD A (indicator 16: level, PDF, verdict), a region answer."""
    records = personas
    records.period = current_period()
    records.inovasi = make_inovasi(records.opd_a, records.operator_a, records.period)
    records.indicator = sid_indicator(records.period, 16)
    records.evidence = factories.add_evidence(records.inovasi, records.indicator, records.operator_a, level=3)
    Answer.objects.filter(pk=records.evidence.answer_id).update(
        verification=V.OK, verified_level=3, verified_by=records.pendamping, verified_at=timezone.now()
    )
    records.inovasi = _with_status(records.inovasi, S.RETURNED)
    records.spd_indicator = records.period.indicators.get(scope="spd", number="1")
    factories.add_evidence(None, records.spd_indicator, records.admin, level=1)
    return records


def _with_status(inovasi, status):
    Inovasi.objects.filter(pk=inovasi.pk).update(status=status)
    return Inovasi.objects.get(pk=inovasi.pk)


def _upload(name="baru.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def _new_evidence(subject):
    evidence = Evidence(kind="pdf", subject=subject, original_name="baru.pdf", size=len(MINIMAL_PDF))
    evidence.file = _upload()
    return evidence


# Each case: (audit action, prepare(records) -> the call). The call is made by the right person in the right state.
def _claim(records):
    return lambda: set_claim(records.indicator, records.inovasi, level=1, note="Turun", actor=records.operator_a)


def _region_claim(records):
    return lambda: set_claim(records.spd_indicator, None, level=3, actor=records.admin)


def _add(records):
    evidence = _new_evidence("Bukti baru")
    return lambda: add_evidence(records.indicator, records.inovasi, evidence, actor=records.operator_a)


def _replace(records):
    replacement = _new_evidence("Bukti pengganti")
    return lambda: replace_evidence(records.evidence, replacement, actor=records.operator_a)


def _remove(records):
    return lambda: remove_evidence(records.evidence, actor=records.operator_a)


def _verify(records):
    _with_status(records.inovasi, S.IN_REVIEW)
    answer = Answer.objects.select_related("inovasi").get(pk=records.evidence.answer_id)
    return lambda: verify(answer, actor=records.pendamping, verification=V.NEEDS_FIX, verified_level=1)


def _verify_as_claimed(records):
    in_review = _with_status(records.inovasi, S.IN_REVIEW)
    Answer.objects.filter(pk=records.evidence.answer_id).update(
        verification=V.PENDING, verified_level=None, verified_by=None, verified_at=None
    )
    return lambda: verify_evidenced_as_claimed(in_review, actor=records.pendamping)


def _withdraw(records):
    submitted = _with_status(records.inovasi, S.SUBMITTED)
    return lambda: transition(submitted, S.DRAFT, actor=records.operator_a)


def _national_outcome(records):
    sent = _with_status(records.inovasi, S.SENT)
    return lambda: record_national_outcome(sent, actor=records.admin, outcome="diterima", score=Decimal("80.50"))


def _create(records):
    new = Inovasi(opd=records.opd_a, period=records.period, **profile_values(name="Inovasi Baru"))
    return lambda: create_inovasi(new, actor=records.operator_a)


def _update(records):
    records.inovasi.name = "Nama Baru"
    records.inovasi.hasil = ""
    return lambda: update_profile(records.inovasi, actor=records.operator_a)


def _delete(records):
    return lambda: delete_inovasi(records.inovasi, actor=records.operator_a)


def _restore(records):
    Inovasi.objects.filter(pk=records.inovasi.pk).update(deleted_at=timezone.now())
    deleted = Inovasi.objects.get(pk=records.inovasi.pk)
    return lambda: restore_inovasi(deleted, actor=records.admin)


def _add_photo(records):
    photo = InovasiPhoto(image=SimpleUploadedFile("kegiatan.png", png_bytes(), content_type="image/png"))
    return lambda: add_photo(records.inovasi, photo, actor=records.operator_a)


def _remove_photo(records):
    photo = factories.add_photo(records.inovasi)
    return lambda: remove_photo(photo, actor=records.operator_a)


def _carry_forward(records):
    earlier = make_inovasi(records.opd_a, records.operator_a, Period.objects.get(year=2023), name="Inovasi Lama")
    return lambda: carry_forward(earlier, records.period, user=records.operator_a, note="Dikembangkan")


def _shared(records, *, attached=False):
    document = factories.add_shared_document(records.period, None, records.admin)
    if attached:
        return attach_shared_document(document, records.indicator, records.inovasi, actor=records.admin)
    return document


def _new_shared(subject):
    document = SharedDocument(period=Period.objects.current(), kind="pdf", subject=subject, original_name="sk.pdf")
    document.file, document.size = _upload(), len(MINIMAL_PDF)
    return document


def _upload_shared(records):
    document = _new_shared("SK Wali Kota")
    return lambda: upload_shared_document(document, actor=records.pendamping)


def _replace_shared(records):
    attachment = _shared(records, attached=True)
    replacement = _new_shared("SK Wali Kota (perubahan)")
    return lambda: replace_shared_document(attachment.shared, replacement, actor=records.admin)


def _remove_shared(records):
    attachment = _shared(records, attached=True)
    return lambda: remove_shared_document(attachment.shared, actor=records.admin)


def _attach_shared(records):
    document = _shared(records)
    return lambda: attach_shared_document(document, records.indicator, records.inovasi, actor=records.operator_a)


def _detach_shared(records):
    attachment = _shared(records, attached=True)
    return lambda: detach_shared_document(attachment, actor=records.operator_a)


CASES = {
    "set_claim": ("answer.save", _claim),
    "set_claim of the region": ("answer.save", _region_claim),
    "add_evidence": ("evidence.add", _add),
    "replace_evidence": ("evidence.replace", _replace),
    "remove_evidence": ("evidence.delete", _remove),
    "verify": ("answer.verify", _verify),
    "verify_evidenced_as_claimed": ("inovasi.verify_as_claimed", _verify_as_claimed),
    "transition": ("inovasi.transition", _withdraw),
    "record_national_outcome": ("inovasi.national_outcome", _national_outcome),
    "create_inovasi": ("inovasi.create", _create),
    "update_profile": ("inovasi.update", _update),
    "delete_inovasi": ("inovasi.delete", _delete),
    "restore_inovasi": ("inovasi.restore", _restore),
    "carry_forward": ("inovasi.carry_forward", _carry_forward),
    "add_photo": ("photo.add", _add_photo),
    "remove_photo": ("photo.delete", _remove_photo),
    "upload_shared_document": ("shared_document.add", _upload_shared),
    "replace_shared_document": ("shared_document.replace", _replace_shared),
    "remove_shared_document": ("shared_document.delete", _remove_shared),
    "attach_shared_document": ("shared_document.attach", _attach_shared),
    "detach_shared_document": ("shared_document.detach", _detach_shared),
}


def _everything():
    """Every row a rule may write, and the stored files."""
    return {
        "inovasi": list(Inovasi.objects.order_by("pk").values()),
        "answers": list(Answer.objects.order_by("pk").values()),
        "evidence": list(Evidence.objects.order_by("pk").values()),
        "photos": list(InovasiPhoto.objects.order_by("pk").values()),
        "shared documents": list(SharedDocument.objects.order_by("pk").values()),
        "status changes": StatusChange.objects.count(),
        "notices": Notice.objects.count(),
        "history": [model.history.count() for model in (Inovasi, Answer, Evidence, SharedDocument)],
        "audit": list(AuditEntry.objects.order_by("pk").values_list("pk", flat=True)),
        "files": media_files(),
    }


@pytest.mark.parametrize("case", CASES)
def test_a_rule_writes_its_change_and_exactly_one_audit_row(records, case):
    action, prepare = CASES[case]
    call = prepare(records)
    before = _everything()
    call()
    after = _everything()
    new_entries = AuditEntry.objects.exclude(pk__in=before["audit"])
    assert list(new_entries.values_list("action", flat=True)) == [action]
    assert {key: value for key, value in after.items() if key != "audit"} != {
        key: value for key, value in before.items() if key != "audit"
    }


@pytest.mark.parametrize("case", CASES)
def test_a_failure_after_the_audit_row_leaves_no_audit_row_and_no_change(records, case, monkeypatch):
    _action, prepare = CASES[case]
    call = prepare(records)
    written = []

    def record_then_fail(*args, **kwargs):
        written.append(log.record(*args, **kwargs))
        raise Boom

    for module in RULE_MODULES:
        monkeypatch.setattr(module, "record", record_then_fail)
    before = _everything()
    with pytest.raises(Boom):
        call()
    assert len(written) == 1  # the audit row was written, then the transaction failed
    assert _everything() == before


@pytest.mark.parametrize("case", CASES)
def test_a_failing_audit_write_leaves_no_change(records, case, monkeypatch):
    # PostgreSQL itself refuses the audit row (an IP address column given no address): a real failed INSERT.
    _action, prepare = CASES[case]
    call = prepare(records)
    monkeypatch.setattr(log, "client_ip", lambda request: "not-an-address")
    before = _everything()
    with pytest.raises(DataError):
        call()
    assert _everything() == before


def test_a_failing_write_after_the_audit_row_of_a_removal_rolls_the_row_back(records, monkeypatch):
    """remove_evidence writes its audit row first (the id is gone after the delete); the reset then fails."""

    def failing_reset(answer):
        raise IntegrityError("verdict reset failed")

    monkeypatch.setattr(inovasi.answers, "reset_verification", failing_reset)
    before = _everything()
    with pytest.raises(IntegrityError):
        remove_evidence(records.evidence, actor=records.operator_a)
    assert _everything() == before


def test_failing_notices_roll_back_the_move_and_its_audit_row(records, monkeypatch):
    def failing_notices(change):
        raise IntegrityError("notice insert failed")

    monkeypatch.setattr(notify, "status_changed", failing_notices)
    submitted = _with_status(records.inovasi, S.SUBMITTED)
    before = _everything()
    with pytest.raises(IntegrityError):
        transition(submitted, S.DRAFT, actor=records.operator_a)
    assert _everything() == before


def test_an_upload_whose_transaction_fails_leaves_no_file(records, monkeypatch):
    monkeypatch.setattr(log, "client_ip", lambda request: "not-an-address")
    files = media_files()
    evidence = _new_evidence("Bukti baru")
    with pytest.raises(DataError):
        add_evidence(records.indicator, records.inovasi, evidence, actor=records.operator_a)
    assert media_files() == files


# --- the rules are the only writers ----------------------------------------------------------------------------


def test_a_changed_claim_resets_the_verdict_and_refreshes_completeness_wherever_it_comes_from(records):
    # No request and no view: the shell or a task calling the rule gets the same effects.
    answer = set_claim(records.indicator, records.inovasi, level=2, actor=records.operator_a)
    answer.refresh_from_db()
    assert (answer.level, answer.verification, answer.verified_level) == (2, V.PENDING, None)
    entry = AuditEntry.objects.get(action="answer.save")
    assert (entry.actor, entry.before, entry.after, entry.ip) == (records.operator_a, {"level": 3}, {"level": 2}, None)


def test_a_rule_refuses_what_its_view_refuses(records):
    from django.core.exceptions import PermissionDenied

    from portal.refusals import WrongState

    with pytest.raises(PermissionDenied):
        set_claim(records.indicator, records.inovasi, level=1, actor=records.operator_b)
    with pytest.raises(PermissionDenied):
        remove_evidence(records.evidence, actor=records.kepala_a)
    with pytest.raises(PermissionDenied):
        set_claim(records.spd_indicator, None, level=1, actor=records.operator_a)
    _with_status(records.inovasi, S.SUBMITTED)
    submitted = Evidence.objects.select_related("answer__inovasi").get(pk=records.evidence.pk)
    with pytest.raises(WrongState):
        remove_evidence(submitted, actor=records.admin)
    assert AuditEntry.objects.count() == 0


def test_each_portal_action_is_audited_once(client, records):
    client.force_login(records.operator_a)
    answer_url = reverse("inovasi-answer", args=[records.inovasi.pk, records.indicator.pk])
    assert client.post(answer_url, {"level": "2", "note": ""}).status_code == 302
    evidence_url = reverse("inovasi-evidence-add", args=[records.inovasi.pk, records.indicator.pk])
    assert client.post(evidence_url, {"subject": "Bukti", "file": _upload()}).status_code == 302
    assert client.post(reverse("evidence-delete", args=[records.evidence.pk])).status_code == 302
    assert client.post(reverse("inovasi-delete", args=[records.inovasi.pk])).status_code == 302
    assert list(AuditEntry.objects.exclude(action="login").order_by("pk").values_list("action", "ip")) == [
        ("answer.save", "127.0.0.1"),
        ("evidence.add", "127.0.0.1"),
        ("evidence.delete", "127.0.0.1"),
        ("inovasi.delete", "127.0.0.1"),
    ]
