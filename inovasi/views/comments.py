"""Per-indicator comment threads: reviewers and the OPD's operator write, reviewers resolve."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.access import inovasi_for
from inovasi.comments import may_comment, post_comment, resolve_thread, start_thread
from inovasi.forms import CommentForm
from inovasi.models import CommentThread
from portal.catalogue.models import Indicator


def thread_for(request, pk, *, write=False):
    """The thread if its innovation is readable by the user (404 otherwise)."""
    thread = get_object_or_404(CommentThread.objects.select_related("indicator"), pk=pk)
    inovasi = inovasi_for(request, thread.inovasi_id)
    if write and not may_comment(request.user, inovasi):
        raise PermissionDenied
    thread.inovasi = inovasi  # the same row, already read: the domain functions use it
    return thread, inovasi


def _body(request):
    """The comment's text, or None after telling the user to write one."""
    form = CommentForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["body"]
    messages.error(request, _("Write a comment first."))
    return None


def _back(inovasi, indicator_pk):
    return redirect(f"{reverse('inovasi-review', args=[inovasi.pk])}#indikator-{indicator_pk}")


@login_required
@require_POST
def thread_start(request, pk, indicator_pk):
    inovasi = inovasi_for(request, pk)
    if not may_comment(request.user, inovasi):
        raise PermissionDenied
    indicator = get_object_or_404(inovasi.period.indicators, pk=indicator_pk, scope=Indicator.Scope.SID)
    body = _body(request)
    if body is not None:
        start_thread(inovasi, indicator, body=body, actor=request.user, request=request)
        messages.success(request, _("The comment was posted."))
    return _back(inovasi, indicator_pk)


@login_required
@require_POST
def thread_reply(request, pk):
    thread, inovasi = thread_for(request, pk, write=True)
    body = _body(request)
    if body is not None:
        post_comment(thread, body=body, actor=request.user, request=request)
        messages.success(request, _("The comment was posted."))
    return _back(inovasi, thread.indicator_id)


@login_required
@require_POST
def thread_resolve(request, pk):
    thread, inovasi = thread_for(request, pk)
    if resolve_thread(thread, actor=request.user, request=request):
        messages.success(request, _("The thread was marked resolved."))
    return _back(inovasi, thread.indicator_id)
