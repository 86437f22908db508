"""The rules of indicator answers and their evidence, for an innovation (SID) and for the region (SPD).

One function per change, called alike by the portal's views, the admin, the shell and tasks. Each
checks who may act and whether the record may change now, then writes in ONE transaction: the
change, the verdict reset (the reviewer's verdict was about the old claim or evidence), the
innovation's completeness and the audit row. A failure anywhere inside leaves neither the change
nor its audit row; a failing audit write leaves no change.

`request` is passed through to the audit row only (IP address); nothing here reads it otherwise.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from inovasi.access import ensure_editable, spd_editable
from inovasi.completeness import refresh_completeness
from inovasi.forms import EvidenceForm
from inovasi.models import Answer, Evidence, Inovasi
from inovasi.uploads import forget_upload, pending_upload
from inovasi.verification import reset_verification
from portal.accounts.access import access_for
from portal.accounts.models import User
from portal.audit.log import changed_fields, record, snapshot
from portal.catalogue.models import Indicator
from portal.refusals import Refused

LEVELS = range(4)
# What a replacement may change: the content, never the answer it belongs to or its upload time.
EVIDENCE_CONTENT = ["kind", "subject", "document_number", "document_date", "file", "url", "original_name", "size"]


# --- who may change an answer --------------------------------------------------------------------------------


def ensure_answer_editable(actor: User, indicator: Indicator, inovasi: Inovasi | None) -> None:
    """Refuse unless `actor` may change this answer now: the innovation's rules (SID) or Bappeda's (SPD)."""
    access = access_for(actor)
    if inovasi is None:
        spd_editable(access, indicator.period)
    else:
        ensure_editable(access, inovasi)


def may_change_answer(actor: User, answer: Answer) -> bool:
    """Whether `ensure_answer_editable` would let `actor` change `answer` (for the admin's buttons)."""
    try:
        ensure_answer_editable(actor, answer.indicator, answer.inovasi)
    except (PermissionDenied, Refused):
        return False
    return True


def _check_indicator(indicator: Indicator, inovasi: Inovasi | None) -> None:
    """A programming error, not a user's: the views find the indicator in the right period and scope."""
    scope = Indicator.Scope.SPD if inovasi is None else Indicator.Scope.SID
    if indicator.scope != scope or (inovasi is not None and indicator.period_id != inovasi.period_id):
        raise ValueError(f"Indicator {indicator.pk} is not a {scope} indicator of this period.")


# The innovations whose completeness waits for the end of a `one_completeness_refresh` block (None: none open).
_deferred: ContextVar[dict[int, Inovasi] | None] = ContextVar("deferred_completeness", default=None)


def _refresh(answer: Answer) -> None:
    if not answer.inovasi_id:
        return
    deferred = _deferred.get()
    if deferred is not None:
        deferred[answer.inovasi_id] = answer.inovasi
    else:
        refresh_completeness(answer.inovasi)


@contextmanager
def one_completeness_refresh() -> Iterator[None]:
    """Rules called inside refresh each innovation's completeness once, at the end (inside the caller's
    transaction): a card saving a level and its evidence together reads the completeness once, not twice."""
    token = _deferred.set({})
    try:
        yield
        for inovasi in (_deferred.get() or {}).values():
            refresh_completeness(inovasi)
    finally:
        _deferred.reset(token)


def _basis_of(claimed: dict[str, Any] | None) -> dict[str, str]:
    """The basis for the audit row, only where one was chosen (most indicators have none)."""
    return {"basis": claimed["basis"]} if claimed and claimed["basis"] else {}


# --- the changes ---------------------------------------------------------------------------------------------


def set_claim(
    indicator: Indicator,
    inovasi: Inovasi | None,
    *,
    level: int,
    note: str = "",
    basis: str = "",
    actor: User,
    request: HttpRequest | None = None,
) -> Answer:
    """Set the claimed level (note, and basis where the indicator asks for one) of `indicator` for `inovasi`
    (None: the region); return the Answer.

    In one transaction: create or update the answer, send its verdict back to "menunggu" when the
    level or the basis changed, refresh the completeness and write `answer.save` with both before and after.
    """
    if level not in LEVELS:
        raise ValueError(f"A claimed level is 0 to 3, not {level!r}.")
    if basis and basis not in dict(indicator.basis_choices):
        raise ValueError(f"Indicator {indicator.number} has no basis {basis!r}.")
    _check_indicator(indicator, inovasi)
    ensure_answer_editable(actor, indicator, inovasi)
    with transaction.atomic():
        previous = (
            Answer.objects.select_for_update()
            .filter(indicator=indicator, inovasi=inovasi)
            .values("level", "basis")
            .first()
        )
        answer, _created = Answer.objects.update_or_create(
            indicator=indicator,
            inovasi=inovasi,
            defaults={"level": level, "note": note, "basis": basis, "updated_by": actor},
        )
        claimed = {"level": answer.level, "basis": answer.basis}
        if previous is not None and previous != claimed:
            reset_verification(answer)
        _refresh(answer)
        record(
            "answer.save",
            actor=actor,
            obj=answer,
            before={"level": previous["level"] if previous else None, **_basis_of(previous)},
            after={"level": answer.level, **_basis_of(claimed)},
            request=request,
        )
    return answer


def evidence_from_form(form: EvidenceForm) -> Evidence:
    """The unsaved Evidence a valid EvidenceForm describes, with the kind and file data its checks found."""
    evidence = form.save(commit=False)
    evidence.kind = form.kind()
    if form.checked:
        evidence.original_name, evidence.size = form.checked.original_name, form.checked.size
    return evidence


def add_evidence(
    indicator: Indicator,
    inovasi: Inovasi | None,
    evidence: Evidence,
    *,
    actor: User,
    request: HttpRequest | None = None,
) -> Evidence:
    """Store the unsaved, already checked `evidence` for `indicator` of `inovasi` (None: the region).

    In one transaction: the answer (level 0 if there was none), the evidence row, the verdict reset,
    the completeness and `evidence.add`. Should any of it fail, the file it stored is removed again.
    """
    _check_indicator(indicator, inovasi)
    ensure_answer_editable(actor, indicator, inovasi)
    upload = pending_upload(evidence.file)
    try:
        with transaction.atomic():
            answer, _created = Answer.objects.get_or_create(indicator=indicator, inovasi=inovasi)
            evidence.answer, evidence.uploaded_by = answer, actor
            evidence.save()
            reset_verification(answer)
            _refresh(answer)
            if evidence.shared_id:  # attaching a shared document (inovasi.shared_documents)
                after = {"kind": evidence.kind, "shared": evidence.shared_id}
                record("shared_document.attach", actor=actor, obj=evidence, after=after, request=request)
            else:
                record("evidence.add", actor=actor, obj=evidence, after={"kind": evidence.kind}, request=request)
    except BaseException:
        forget_upload(upload)
        raise
    return evidence


def replace_evidence(
    evidence: Evidence, replacement: Evidence, *, actor: User, request: HttpRequest | None = None
) -> Evidence:
    """Put the content of the unsaved, already checked `replacement` into `evidence`; return the stored row.

    Same row, same answer. In one transaction: the row, the verdict reset, the completeness and
    `evidence.replace` with the changed fields before and after. The old file stays in storage (the
    history points at it); should any of it fail, the new file is removed again and `evidence` is
    left as it was.
    """
    answer = evidence.answer
    ensure_answer_editable(actor, answer.indicator, answer.inovasi)
    upload = pending_upload(replacement.file)
    try:
        with transaction.atomic():
            stored = Evidence.objects.select_for_update().select_related("answer").get(pk=evidence.pk)
            before = snapshot(stored)
            for name in EVIDENCE_CONTENT:
                setattr(stored, name, getattr(replacement, name))
            stored.uploaded_by = actor
            stored.save()
            reset_verification(answer)
            _refresh(answer)
            old, new = changed_fields(before, snapshot(stored))
            record("evidence.replace", actor=actor, obj=stored, before=old, after=new, request=request)
    except BaseException:
        forget_upload(upload)
        raise
    return stored


def remove_evidence(evidence: Evidence, *, actor: User, request: HttpRequest | None = None) -> None:
    """Delete `evidence`: in one transaction the audit row `evidence.delete`, the deletion, the verdict reset
    and the completeness.

    The file stays in storage: the history keeps pointing at it, and an admin may need it.
    """
    answer = evidence.answer
    ensure_answer_editable(actor, answer.indicator, answer.inovasi)
    before = {"kind": evidence.kind, "subject": evidence.subject}
    if evidence.shared_id:  # detaching a shared document: the document itself stays in the library
        before["shared"] = evidence.shared_id
    with transaction.atomic():
        # Written first: the row's id is gone once it is deleted. A later failure rolls it back too.
        record(
            "shared_document.detach" if evidence.shared_id else "evidence.delete",
            actor=actor,
            obj=evidence,
            before=before,
            request=request,
        )
        discard_evidence(evidence)


def discard_evidence(evidence: Evidence) -> None:
    """The effects of removing `evidence`, inside the caller's transaction: the deletion, the verdict reset and
    the completeness. No check and no audit row: the calling rule (remove_evidence, or the removal of a shared
    document with its attachments) has made its own and writes its own.
    """
    answer = evidence.answer
    evidence.delete()
    reset_verification(answer)
    _refresh(answer)


# --- reading -------------------------------------------------------------------------------------------------


def evidence_by_indicator(answers_filter: dict[str, Any]) -> dict[int, list[Evidence]]:
    """The evidence matching `answers_filter` (Evidence lookups), grouped by indicator id, oldest first."""
    grouped: dict[int, list[Evidence]] = {}
    for evidence in (
        Evidence.objects.filter(**answers_filter).select_related("answer", "shared").order_by("uploaded_at", "id")
    ):
        grouped.setdefault(evidence.answer.indicator_id, []).append(evidence)
    return grouped
