"""What goes to the national application is the level Bappeda verified (issue 14 item 2).

Approval needs a verdict on every indicator that has a level, and *siap kirim* needs the OPD's
claim to equal the verified level everywhere: an over-claim Bappeda caught must not be typed
into the national app, where the validator cuts it anyway. Two ways to close a difference, each
leaving a comment in the indicator's thread as the record: the OPD lowers its claim to the
verified level, or the reviewer raises the verified level to the claim.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi.access import may_edit
from inovasi.comments import post_comment, start_thread
from inovasi.models import Answer, CommentThread, Inovasi
from portal.accounts.access import access_for
from portal.accounts.models import User
from portal.audit.log import record
from portal.catalogue.models import Indicator, Period
from portal.refusals import WrongState

# The level an answer counts at nationally: the verified one, 0 while there is none.
EXPORTED_LEVEL = Coalesce(F("verified_level"), Value(0))


def _counted_answers(inovasi_ref) -> QuerySet[Answer]:
    """The answers of the innovation's active SID indicators (`inovasi_ref`: an innovation or OuterRef)."""
    return Answer.objects.filter(
        inovasi=inovasi_ref, indicator__scope=Indicator.Scope.SID, indicator__is_archived=False
    )


def unjudged(inovasi: Inovasi) -> list[Answer]:
    """Indicators with a claimed level and no verdict yet: approval waits for them."""
    pending = _counted_answers(inovasi).filter(level__gt=0, verification=Answer.Verification.PENDING)
    return list(pending.select_related("indicator").order_by("indicator__order", "indicator__id"))


def differing(inovasi: Inovasi) -> list[Answer]:
    """Indicators whose claim is not the level that would be exported: siap kirim waits for them."""
    found = _counted_answers(inovasi).exclude(level=EXPORTED_LEVEL)
    return list(found.select_related("indicator").order_by("indicator__order", "indicator__id"))


def unjudged_problem(inovasi: Inovasi) -> str:
    """Why it cannot be approved yet (empty when it can)."""
    numbers = [answer.indicator.number for answer in unjudged(inovasi)]
    if not numbers:
        return ""
    return _("Give a verdict on every indicator that has a level before approving: indicator %(numbers)s.") % {
        "numbers": ", ".join(numbers)
    }


def difference_problem(inovasi: Inovasi) -> str:
    """Why it cannot be marked ready to send yet (empty when it can)."""
    found = differing(inovasi)
    if not found:
        return ""
    parts = [
        _("%(number)s (claimed %(claimed)s, verified %(verified)s)")
        % {"number": a.indicator.number, "claimed": a.level, "verified": a.verified_level or 0}
        for a in found
    ]
    return _(
        "The claim still differs from the verified level on indicator %(items)s. The OPD lowers its claim, "
        "or the reviewer raises the verified level, on the review page."
    ) % {"items": "; ".join(parts)}


def unreconciled(period: Period) -> QuerySet[Inovasi]:
    """Approved or later innovations of the period whose claim still differs somewhere (Bappeda's list).

    The differences are counted in a correlated subquery on the answers' index: counting through a
    join would group by every column of the innovation, its long texts included.
    """
    differs = _counted_answers(OuterRef("pk")).exclude(level=EXPORTED_LEVEL)
    count = differs.order_by().values("inovasi").annotate(found=Count("pk")).values("found")
    return (
        Inovasi.objects.alive()
        .for_period(period)
        .filter(status__in=Inovasi.APPROVED_STATUSES)
        .annotate(differences=Coalesce(Subquery(count), 0))
        .filter(differences__gt=0)
        .select_related("opd")
        .order_by("opd__name", "name")
    )


def _check_reconcilable(answer: Answer) -> None:
    if answer.inovasi.status != Inovasi.Status.APPROVED:
        raise WrongState(_("Claims are reconciled only while the innovation is approved and not yet ready to send."))
    if answer.level == (answer.verified_level or 0):
        raise WrongState(
            _("The claim of indicator %(number)s already equals its verified level.")
            % {"number": answer.indicator.number}
        )


def lower_claim(answer: Answer, *, actor: User, request: HttpRequest | None = None) -> None:
    """The OPD accepts the verified level: its claim comes down to it (the verdict stands)."""
    if not may_edit(access_for(actor), answer.inovasi):
        raise PermissionDenied
    _check_reconcilable(answer)
    before = {"level": answer.level}
    answer.level, answer.updated_by = answer.verified_level or 0, actor
    note = _("The claim was lowered from level %(before)s to the verified level %(after)s.") % {
        "before": before["level"],
        "after": answer.level,
    }
    _reconcile(answer, ["level", "updated_by", "updated_at"], before, {"level": answer.level}, note, actor, request)


def raise_verified(answer: Answer, *, actor: User, request: HttpRequest | None = None) -> None:
    """The reviewer accepts the claim: the verified level goes up to it, with a "sesuai" verdict."""
    if not access_for(actor).can_review:
        raise PermissionDenied
    _check_reconcilable(answer)
    before = {"verified_level": answer.verified_level}
    answer.verified_level, answer.verification = answer.level, Answer.Verification.OK
    answer.verified_by, answer.verified_at = actor, timezone.now()
    note = _("The verified level was raised from %(before)s to the claimed level %(after)s.") % {
        "before": before["verified_level"] or 0,
        "after": answer.level,
    }
    after = {"verified_level": answer.level, "verification": answer.verification}
    fields = ["verified_level", "verification", "verified_by", "verified_at"]
    _reconcile(answer, fields, before, after, note, actor, request)


def _reconcile(answer, fields, before, after, note, actor, request) -> None:
    """In one transaction: the answer, its dirty mark, the note in the indicator's thread and `answer.reconcile`."""
    with transaction.atomic():
        answer.save(update_fields=fields)
        _leave_record(answer, note, actor, request)
        record("answer.reconcile", actor=actor, obj=answer, before=before, after=after, request=request)


def _leave_record(answer: Answer, note: str, actor: User, request: HttpRequest | None) -> None:
    """The indicator's open thread gets the note; without one, a new thread starts with it."""
    thread = CommentThread.objects.filter(inovasi=answer.inovasi, indicator=answer.indicator, resolved_at=None).first()
    if thread is None:
        start_thread(answer.inovasi, answer.indicator, body=note, actor=actor, request=request)
    else:
        post_comment(thread, body=note, actor=actor, request=request)
