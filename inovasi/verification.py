"""Per-indicator verification by the reviewer, and its reset when the operator changes the claim."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi.models import Answer, Evidence, Inovasi
from inovasi.signals import scores_affected
from portal.accounts.access import access_for
from portal.accounts.models import User
from portal.audit.log import record
from portal.catalogue.models import Indicator
from portal.refusals import WrongState

if TYPE_CHECKING:  # read for its type only: completeness is read by the pages, not by this rule
    from inovasi.completeness import IndicatorState

PENDING = Answer.Verification.PENDING


def reset_verification(answer: Answer) -> None:
    """The claim changed, so the old verdict no longer applies; comments are kept."""
    reset = Answer.objects.filter(pk=answer.pk).exclude(verification=PENDING, verified_level=None)
    if (
        reset.update(verification=PENDING, verified_level=None, verified_by=None, verified_at=None)
        and answer.inovasi_id
    ):
        scores_affected.send(Answer, inovasi=answer.inovasi, reason="verdict reset")


def check_may_verify(actor: User, inovasi: Inovasi | None) -> None:
    """403 unless `actor` reviews; 409 unless `inovasi` is in review (a region answer, None, has no review)."""
    if not access_for(actor).can_review:
        raise PermissionDenied
    if inovasi is None or inovasi.status != Inovasi.Status.IN_REVIEW:
        raise WrongState(_("Indicators can be verified only while the innovation is in review."))


def verify(
    answer: Answer,
    *,
    actor: User,
    verification: str,
    verified_level: int | None,
    request: HttpRequest | None = None,
) -> None:
    """The reviewer's verdict on one indicator: in one transaction the answer, its dirty mark and `answer.verify`.

    `request` only gives the audit row its IP address.
    """
    check_may_verify(actor, answer.inovasi)
    answer.verification, answer.verified_level = verification, verified_level
    answer.verified_by, answer.verified_at = actor, timezone.now()
    with transaction.atomic():  # the verdict, its dirty mark and its audit row commit together
        answer.save(update_fields=["verification", "verified_level", "verified_by", "verified_at"])
        record(
            "answer.verify",
            actor=actor,
            obj=answer,
            after={"verification": verification, "verified_level": verified_level},
            request=request,
        )


def awaits_verdict_as_claimed(state: "IndicatorState") -> bool:
    """Whether `verify_evidenced_as_claimed` would judge this IndicatorState: a level with evidence, no verdict."""
    return state.counts and state.answer is not None and state.answer.verification == PENDING


def verify_evidenced_as_claimed(inovasi: Inovasi, *, actor: User, request: HttpRequest | None = None) -> list[Answer]:
    """Verdict "sesuai" at the claimed level for every indicator with a level, evidence and no verdict yet.

    The reviewer's pass over what the evidence plainly supports; the rest is judged one by one.
    In one transaction: the innovation's row locked and its status read again (a return or
    approval at the same moment either waits for this or has already won: 409), the pending
    answers locked and each saved as `verify` saves one (history row, dirty mark), and one
    audit row `inovasi.verify_as_claimed` with every touched indicator's before and after.
    Of two reviewers doing it at once, the first judges them all and the second finds nothing
    left; a verdict someone gave meanwhile is never overwritten (only pending rows are taken).
    Returns the answers it judged, in the catalogue's order.
    """
    if not access_for(actor).can_review:
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        # The status as it is now, locked: a move of the innovation waits until these verdicts commit.
        inovasi.status = (
            Inovasi.objects.select_for_update().filter(pk=inovasi.pk).values_list("status", flat=True).get()
        )
        check_may_verify(actor, inovasi)
        pending = (
            Answer.objects.select_for_update(of=("self",))
            .filter(
                inovasi=inovasi,
                verification=PENDING,
                level__gt=0,
                indicator__scope=Indicator.Scope.SID,
                indicator__is_archived=False,
            )
            .filter(Exists(Evidence.objects.filter(answer=OuterRef("pk"))))
            .select_related("indicator")
            .order_by("indicator__order", "indicator__id")
        )
        judged, before, after = [], {}, {}
        for answer in pending:
            answer.inovasi = inovasi  # already read: the dirty mark needs no query
            number = answer.indicator.number
            before[number] = {"verification": answer.verification, "verified_level": answer.verified_level}
            answer.verification, answer.verified_level = Answer.Verification.OK, answer.level
            answer.verified_by, answer.verified_at = actor, now
            answer.save(update_fields=["verification", "verified_level", "verified_by", "verified_at"])
            after[number] = {"verification": answer.verification, "verified_level": answer.verified_level}
            judged.append(answer)
        if judged:
            record("inovasi.verify_as_claimed", actor=actor, obj=inovasi, before=before, after=after, request=request)
    return judged


@dataclass(frozen=True)
class VerdictSummary:
    """The review page's count of verdicts (indicators with a level or a verdict) and what the bulk pass takes."""

    counts: tuple  # (value, label, count) in the order sesuai, tidak sesuai, perlu perbaikan, menunggu
    as_claimed: int  # indicators `verify_evidenced_as_claimed` would judge now


SUMMARY_ORDER = (Answer.Verification.OK, Answer.Verification.NOT_OK, Answer.Verification.NEEDS_FIX, PENDING)


def summarise(states: Sequence["IndicatorState"]) -> VerdictSummary:
    """Counted from the page's IndicatorStates (no query): a pending indicator counts only with a level."""
    found: dict[str, int] = dict.fromkeys(SUMMARY_ORDER, 0)
    for state in states:
        if state.answer and (state.level or state.answer.verification != PENDING):
            found[state.answer.verification] += 1
    counts = tuple((value, Answer.Verification(value).label, found[value]) for value in SUMMARY_ORDER)
    return VerdictSummary(counts, sum(1 for state in states if awaits_verdict_as_claimed(state)))
