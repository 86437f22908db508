"""Per-indicator verification by the reviewer, and its reset when the operator changes the claim."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi.models import Answer, Inovasi
from inovasi.signals import scores_affected
from portal.accounts.access import access_for
from portal.accounts.models import User
from portal.audit.log import record
from portal.refusals import WrongState

PENDING = Answer.Verification.PENDING


def reset_verification(answer: Answer) -> None:
    """The claim changed, so the old verdict no longer applies; comments are kept."""
    reset = Answer.objects.filter(pk=answer.pk).exclude(verification=PENDING, verified_level=None)
    if (
        reset.update(verification=PENDING, verified_level=None, verified_by=None, verified_at=None)
        and answer.inovasi_id
    ):
        scores_affected.send(Answer, inovasi=answer.inovasi, reason="verdict reset")


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
    if not access_for(actor).can_review:
        raise PermissionDenied
    if answer.inovasi is None or answer.inovasi.status != Inovasi.Status.IN_REVIEW:  # a region answer has no review
        raise WrongState(_("Indicators can be verified only while the innovation is in review."))
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
