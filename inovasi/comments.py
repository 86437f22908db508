"""Per-indicator comment threads: reviewers and the OPD's operators write, reviewers resolve.

One function per change, called alike by the views, the shell and tasks. Each asks the access
helper whether the actor may act, then writes in ONE transaction: the change, its notices and
its audit row. A failure anywhere inside leaves none of them.

`request` is passed through to the audit row only (IP address); nothing here reads it otherwise.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi import notify
from inovasi.models import Comment, CommentThread
from portal.accounts.access import access_for
from portal.audit.log import record
from portal.catalogue.models import Indicator
from portal.refusals import BadInput


def may_comment(actor, inovasi):
    """Whether `actor` writes in the threads of `inovasi`: reviewers and the OPD's operators."""
    return access_for(actor).can_comment(inovasi.opd)


def start_thread(inovasi, indicator, *, body, actor, request=None):
    """Open a thread on `indicator` of `inovasi` with its first comment; return the thread.

    In one transaction: the thread, its first comment, the notices and `comment.add`.
    """
    if indicator.scope != Indicator.Scope.SID or indicator.period_id != inovasi.period_id:
        raise ValueError(f"Indicator {indicator.pk} is not an innovation indicator of this period.")
    _ensure_may_comment(actor, inovasi)
    body = _checked(body)
    with transaction.atomic():
        thread = CommentThread.objects.create(inovasi=inovasi, indicator=indicator, created_by=actor)
        _write(thread, inovasi, body, actor, request)
    return thread


def post_comment(thread, *, body, actor, request=None):
    """Reply in `thread`; return the Comment. In one transaction: the comment, the notices and `comment.add`."""
    inovasi = thread.inovasi
    _ensure_may_comment(actor, inovasi)
    body = _checked(body)
    with transaction.atomic():
        return _write(thread, inovasi, body, actor, request)


def resolve_thread(thread, *, actor, request=None):
    """Mark `thread` resolved; return whether this call resolved it (False: it already was).

    The row and `thread.resolve` commit together; of two reviewers resolving at once, one writes.
    """
    if not access_for(actor).can_resolve_threads:
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        if not CommentThread.objects.filter(pk=thread.pk, resolved_at=None).update(resolved_at=now, resolved_by=actor):
            return False
        thread.resolved_at, thread.resolved_by = now, actor
        record("thread.resolve", actor=actor, obj=thread, request=request)
    return True


def _ensure_may_comment(actor, inovasi):
    if not may_comment(actor, inovasi):
        raise PermissionDenied


def _checked(body):
    body = (body or "").strip()
    if not body:
        raise BadInput(_("Write a comment first."))
    return body


def _write(thread, inovasi, body, actor, request):
    """The comment, tagged with the revision it was written against, its notices and its audit row."""
    revision = inovasi.revisions.aggregate(last=Max("number"))["last"]
    comment = Comment.objects.create(thread=thread, author=actor, body=body, revision_number=revision)
    notify.comment_posted(comment, inovasi)
    record("comment.add", actor=actor, obj=comment, after={"thread": thread.pk}, request=request)
    return comment
