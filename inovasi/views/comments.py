"""Per-indicator comment threads: reviewers and the OPD's operator write, reviewers resolve."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi import notify
from inovasi.access import inovasi_for
from inovasi.forms import CommentForm
from inovasi.models import Comment, CommentThread
from portal.accounts.access import access_for
from portal.audit.log import record


def _may_write(access, inovasi):
    return access.can_review or access.can_edit_opd_data(inovasi.opd)


def thread_for(request, pk, *, write=False):
    """The thread if its innovation is readable by the user (404 otherwise)."""
    thread = get_object_or_404(CommentThread.objects.select_related("indicator"), pk=pk)
    inovasi = inovasi_for(request, thread.inovasi_id)
    if write and not _may_write(access_for(request.user), inovasi):
        raise PermissionDenied
    return thread, inovasi


def _add_comment(request, thread, inovasi):
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return False
    revision = inovasi.revisions.aggregate(last=Max("number"))["last"]
    with transaction.atomic():
        comment = Comment.objects.create(
            thread=thread, author=request.user, body=form.cleaned_data["body"], revision_number=revision
        )
        notify.comment_posted(comment, inovasi)
        record("comment.add", actor=request.user, obj=comment, after={"thread": thread.pk}, request=request)
    messages.success(request, _("The comment was posted."))
    return True


def _back(inovasi, indicator_pk):
    return redirect(f"{reverse('inovasi-review', args=[inovasi.pk])}#indikator-{indicator_pk}")


@login_required
@require_POST
def thread_start(request, pk, indicator_pk):
    inovasi = inovasi_for(request, pk)
    if not _may_write(access_for(request.user), inovasi):
        raise PermissionDenied
    indicator = get_object_or_404(inovasi.period.indicators, pk=indicator_pk, scope="sid")
    if CommentForm(request.POST).is_valid():
        thread = CommentThread.objects.create(inovasi=inovasi, indicator=indicator, created_by=request.user)
        _add_comment(request, thread, inovasi)
    else:
        messages.error(request, _("Write a comment first."))
    return _back(inovasi, indicator_pk)


@login_required
@require_POST
def thread_reply(request, pk):
    thread, inovasi = thread_for(request, pk, write=True)
    _add_comment(request, thread, inovasi)
    return _back(inovasi, thread.indicator_id)


@login_required
@require_POST
def thread_resolve(request, pk):
    thread, inovasi = thread_for(request, pk)
    if not access_for(request.user).can_review:
        raise PermissionDenied
    if thread.resolved_at is None:
        thread.resolved_at, thread.resolved_by = timezone.now(), request.user
        thread.save(update_fields=["resolved_at", "resolved_by"])
        record("thread.resolve", actor=request.user, obj=thread, request=request)
        messages.success(request, _("The thread was marked resolved."))
    return _back(inovasi, thread.indicator_id)
