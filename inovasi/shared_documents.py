"""The rules of the shared evidence library: documents that serve many innovations.

The SK Wali Kota listing the year's innovations, the RKPD pages, the SK tim pengelola: Bappeda (for the
city) or an OPD (for its own) uploads the document once, with its document data, and attaches it to any
number of innovations' indicators. An attachment is an ordinary Evidence row whose `shared` points at the
document (no file or link of its own), so scoring ("the answer has evidence"), completeness, the verdict
reset and the exports work on it unchanged; it carries a copy of the document's kind and data, kept equal
on every replacement. Attaching and detaching go through inovasi.answers (add_evidence, remove_evidence):
the same editing rules and entry window as any evidence, the audit actions `shared_document.attach` and
`shared_document.detach`.

One function per change; each checks who may act, then writes in ONE transaction the change, its effects
and its audit row. `request` is passed through to the audit row only (IP address).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from inovasi import notify
from inovasi.access import check_window, ensure_shared_editable, may_own_shared
from inovasi.answers import add_evidence, discard_evidence, remove_evidence
from inovasi.completeness import refresh_completeness
from inovasi.models import Evidence, Inovasi, SharedDocument
from inovasi.uploads import FILE_KINDS, forget_upload, pending_upload
from inovasi.verification import reset_verification
from portal.accounts.access import access_for
from portal.accounts.models import User
from portal.audit.log import changed_fields, record, snapshot
from portal.catalogue.models import Indicator
from portal.refusals import BadInput, WrongState

# What a replacement may change: the file and the document's data, never its owner or period.
CONTENT = ["kind", "subject", "document_number", "document_date", "file", "original_name", "size"]
# What an attachment copies from its document (its file stays the document's).
COPIED = ["kind", "subject", "document_number", "document_date", "original_name", "size"]


def _copy_into(evidence: Evidence, document: SharedDocument) -> None:
    for name in COPIED:
        setattr(evidence, name, getattr(document, name))


def _attachments(document: SharedDocument):
    return Evidence.objects.filter(shared=document).select_related(
        "answer__indicator", "answer__inovasi__opd", "answer__inovasi__period"
    )


def _locked_unless_sent(document: SharedDocument, message: str) -> SharedDocument:
    """The document's row, locked for this transaction; refused (409, `message`) while it is attached to
    an innovation already sent, whose evidence must stay what was sent."""
    stored = SharedDocument.objects.select_for_update().get(pk=document.pk)
    if _attachments(stored).filter(answer__inovasi__status=Inovasi.Status.SENT).exists():
        raise WrongState(message)
    return stored


def accepted_kinds(document: SharedDocument | None) -> list[str]:
    """The file kinds a (replacement) file may have: those every indicator it is attached to accepts."""
    kinds = set(FILE_KINDS)
    if document is not None and document.pk:
        for evidence_kinds in (
            Indicator.objects.filter(answers__evidence__shared=document)
            .distinct()
            .values_list("evidence_kinds", flat=True)
        ):
            kinds &= set(evidence_kinds)
    return [kind for kind in FILE_KINDS if kind in kinds]


# --- the library -----------------------------------------------------------------------------------------------


def upload_shared_document(
    document: SharedDocument, *, actor: User, request: HttpRequest | None = None
) -> SharedDocument:
    """Store the unsaved, already checked `document` (its period and owner set: `opd` None for the city).

    Bappeda's reviewers and admin upload the city's documents, an OPD's operators their OPD's, inside the
    period's entry window. In one transaction the row and `shared_document.add`; should it fail, the file
    it stored is removed again.
    """
    access = access_for(actor)
    if not may_own_shared(access, document.opd):
        raise PermissionDenied
    check_window(access, document.period)
    upload = pending_upload(document.file)
    try:
        with transaction.atomic():
            document.uploaded_by = actor
            document.save()
            record(
                "shared_document.add",
                actor=actor,
                obj=document,
                after={"kind": document.kind, "opd": document.opd_id, "period": document.period_id},
                request=request,
            )
    except BaseException:
        forget_upload(upload)
        raise
    return document


def replace_shared_document(
    document: SharedDocument, replacement: SharedDocument, *, actor: User, request: HttpRequest | None = None
) -> SharedDocument:
    """Put the file and data of the unsaved, already checked `replacement` into `document`; return the stored row.

    Everywhere it is attached the evidence changed, so in one transaction: the document, each attachment's
    copy of its data (saved, so scores are marked dirty by the evidence signals), the verdict reset of each
    attached answer, the completeness of each innovation, ONE notice per affected OPD (to its operators) and
    `shared_document.replace`. Refused while it is attached to an innovation already sent, or when an
    indicator it is attached to does not accept the new file's kind. The old file stays in storage (the
    history points at it); should any of it fail, the new file is removed again.
    """
    ensure_shared_editable(access_for(actor), document)
    upload = pending_upload(replacement.file)
    try:
        with transaction.atomic():
            stored = _locked_unless_sent(
                document,
                _(
                    "This shared document is attached to an innovation already sent to the national "
                    "application, so it can no longer be replaced."
                ),
            )
            if replacement.kind not in accepted_kinds(stored):
                raise WrongState(
                    _("An indicator this document is attached to does not accept %(kind)s files.")
                    % {"kind": replacement.get_kind_display()}
                )
            before = snapshot(stored)
            for name in CONTENT:
                setattr(stored, name, getattr(replacement, name))
            stored.uploaded_by = actor
            stored.save()
            affected: dict[int, list[Inovasi]] = {}
            for evidence in _attachments(stored):
                _copy_into(evidence, stored)
                evidence.save()
                reset_verification(evidence.answer)
                inovasi = evidence.answer.inovasi
                if inovasi is not None and all(item.pk != inovasi.pk for item in affected.get(inovasi.opd_id, [])):
                    affected.setdefault(inovasi.opd_id, []).append(inovasi)
            for inovasi_list in affected.values():
                for inovasi in inovasi_list:
                    refresh_completeness(inovasi)
                notify.shared_document_replaced(stored, inovasi_list, actor)
            old, new = changed_fields(before, snapshot(stored))
            new["innovations"] = sum(len(items) for items in affected.values())
            record("shared_document.replace", actor=actor, obj=stored, before=old, after=new, request=request)
    except BaseException:
        forget_upload(upload)
        raise
    return stored


def remove_shared_document(document: SharedDocument, *, actor: User, request: HttpRequest | None = None) -> None:
    """Delete `document` and its attachments, refused (409) while one belongs to an innovation already sent.

    In one transaction: `shared_document.delete` (with the answers it was attached to), each attachment
    removed as remove_evidence removes evidence (the deletion, the verdict reset, the completeness), and the
    document. The file stays in storage: the history keeps pointing at it.
    """
    ensure_shared_editable(access_for(actor), document)
    with transaction.atomic():
        stored = _locked_unless_sent(
            document,
            _(
                "This shared document is attached to an innovation already sent to the national application, "
                "so it cannot be removed."
            ),
        )
        attachments = list(_attachments(stored))
        # Written first: the row's id is gone once it is deleted. A later failure rolls it back too.
        record(
            "shared_document.delete",
            actor=actor,
            obj=stored,
            before={"subject": stored.subject, "kind": stored.kind, "answers": [e.answer_id for e in attachments]},
            request=request,
        )
        for evidence in attachments:
            discard_evidence(evidence)
        stored.delete()


# --- attaching -------------------------------------------------------------------------------------------------


def _check_attachable(document: SharedDocument, indicator: Indicator, inovasi: Inovasi, actor: User) -> None:
    if not SharedDocument.objects.visible_to(access_for(actor)).filter(pk=document.pk).exists():
        raise PermissionDenied
    if document.opd_id is not None and document.opd_id != inovasi.opd_id:
        raise PermissionDenied  # an OPD's document serves that OPD's innovations only
    if document.period_id != inovasi.period_id:
        raise BadInput(_("This shared document belongs to another period."))
    if document.kind not in indicator.evidence_kinds:
        raise BadInput(
            _("Indicator %(number)s does not accept %(kind)s files.")
            % {"number": indicator.number, "kind": document.get_kind_display()}
        )


def _already_attached(document: SharedDocument, indicator: Indicator, inovasi: Inovasi) -> bool:
    return Evidence.objects.filter(shared=document, answer__indicator=indicator, answer__inovasi=inovasi).exists()


def attach_shared_document(
    document: SharedDocument,
    indicator: Indicator,
    inovasi: Inovasi,
    *,
    actor: User,
    request: HttpRequest | None = None,
) -> Evidence:
    """Attach `document` to `indicator` of `inovasi`: an Evidence row pointing at it, added by add_evidence
    (who may change the answer, the entry window, the verdict reset, the completeness, the audit row
    `shared_document.attach`). The document must be visible to `actor`, the city's or the innovation's OPD's,
    of the innovation's period and of a kind the indicator accepts; attaching it twice is refused.
    """
    _check_attachable(document, indicator, inovasi, actor)
    if _already_attached(document, indicator, inovasi):
        raise WrongState(_("This shared document is already attached to this indicator."))
    evidence = Evidence(shared=document)
    _copy_into(evidence, document)
    return add_evidence(indicator, inovasi, evidence, actor=actor, request=request)


def attach_shared_document_to_many(
    document: SharedDocument,
    indicator: Indicator,
    inovasi_list: Iterable[Inovasi],
    *,
    actor: User,
    request: HttpRequest | None = None,
) -> list[Evidence]:
    """Attach `document` to the same `indicator` of every innovation in `inovasi_list`, all or none.

    Each attachment is attach_shared_document's (with its own audit row); innovations that already have it
    on that indicator are skipped. Return the new attachments.
    """
    attached = []
    with transaction.atomic():
        for inovasi in inovasi_list:
            if _already_attached(document, indicator, inovasi):
                continue
            attached.append(attach_shared_document(document, indicator, inovasi, actor=actor, request=request))
    return attached


def detach_shared_document(evidence: Evidence, *, actor: User, request: HttpRequest | None = None) -> None:
    """Remove one attachment (the document stays in the library): remove_evidence's rules, `shared_document.detach`."""
    if not evidence.shared_id:
        raise ValueError(f"Evidence {evidence.pk} is not a shared document's attachment.")
    remove_evidence(evidence, actor=actor, request=request)


# --- reading ---------------------------------------------------------------------------------------------------


def attachable_documents(access, inovasi: Inovasi) -> tuple[list[SharedDocument], set[tuple[int, int]]]:
    """The shared documents `inovasi` may take (visible to the user, of its period, the city's or its OPD's),
    and the (indicator id, document id) pairs it already has."""
    documents = list(
        SharedDocument.objects.visible_to(access)
        .filter(period_id=inovasi.period_id)
        .filter(Q(opd__isnull=True) | Q(opd_id=inovasi.opd_id))
        .order_by("subject", "id")
    )
    taken = set(
        Evidence.objects.filter(answer__inovasi=inovasi, shared__isnull=False).values_list(
            "answer__indicator_id", "shared_id"
        )
    )
    return documents, taken


def documents_for_indicator(
    indicator: Indicator, documents: list[SharedDocument], taken: set[tuple[int, int]]
) -> list[SharedDocument]:
    """Of attachable_documents' result, those `indicator` accepts and does not have yet."""
    return [d for d in documents if d.kind in indicator.evidence_kinds and (indicator.pk, d.pk) not in taken]
