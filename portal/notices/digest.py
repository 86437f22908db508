from datetime import timedelta

from django.utils import timezone

from portal.notices.models import Notice
from portal.notices.send import send_digest, send_notice_email

# A single mail still unsent after this long lost its task: the sweep sends it.
SWEEP_AFTER = timedelta(minutes=10)


def _pending():
    return Notice.objects.filter(emailed_at__isnull=True, email_wanted=True).select_related("recipient")


def send_daily_digests():
    """One mail per user with every digest notice not mailed yet."""
    by_user = {}
    for notice in _pending().filter(in_digest=True).order_by("created_at"):
        by_user.setdefault(notice.recipient, []).append(notice)
    return sum(send_digest(user, notices) for user, notices in by_user.items())


def sweep_unsent():
    stale = _pending().filter(in_digest=False, created_at__lt=timezone.now() - SWEEP_AFTER)
    return sum(send_notice_email(notice) for notice in stale)
