"""Per-indicator verification by the reviewer, and its reset when the operator changes the claim."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi.models import Answer, Inovasi
from portal.accounts.access import access_for
from portal.refusals import WrongState
from scoring import dirty

PENDING = Answer.Verification.PENDING


def reset_verification(answer):
    """The claim changed, so the old verdict no longer applies; comments are kept."""
    reset = Answer.objects.filter(pk=answer.pk).exclude(verification=PENDING, verified_level=None)
    if (
        reset.update(verification=PENDING, verified_level=None, verified_by=None, verified_at=None)
        and answer.inovasi_id
    ):
        dirty.mark_inovasi(answer.inovasi, "verdict reset")


def verify(answer, *, actor, verification, verified_level):
    if not access_for(actor).can_review:
        raise PermissionDenied
    if answer.inovasi.status != Inovasi.Status.IN_REVIEW:
        raise WrongState(_("Indicators can be verified only while the innovation is in review."))
    answer.verification, answer.verified_level = verification, verified_level
    answer.verified_by, answer.verified_at = actor, timezone.now()
    with transaction.atomic():  # the verdict and its dirty mark commit together
        answer.save(update_fields=["verification", "verified_level", "verified_by", "verified_at"])
