"""Pendampingan: which OPDs need help, their requests, and each OPD's case until it is tuntas."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.forms import FollowUpForm, HelpRequestForm, SessionForm
from inovasi.mentoring_actions import (
    add_follow_up,
    ask_for_help,
    close_case,
    complete_follow_up,
    record_session,
    update_help_request,
)
from inovasi.models import FollowUp, HelpRequest, MentorAssignment, MentoringCase, MentoringSession
from inovasi.risk import opd_risks
from portal.accounts.access import access_for
from portal.accounts.models import Opd
from portal.catalogue.models import Period
from portal.refusals import WrongState


def opd_for_mentoring(request, opd_pk, *, write=False):
    """Mentors see every OPD's case; an OPD's own people read theirs; anyone else gets 404.

    With write=True only a mentor of the OPD passes (403 before any form is read); the actions check again.
    """
    access = access_for(request.user)
    opd = get_object_or_404(Opd, pk=opd_pk, is_active=True)
    if not access.can_read_mentoring(opd):
        raise Http404
    if write and not access.can_mentor(opd):
        raise PermissionDenied
    return opd


@login_required
def mentoring_index(request):
    access = access_for(request.user)
    if not access.can_mentor():
        raise Http404
    period = Period.objects.current_or_refuse()
    mentors = {}
    for assignment in MentorAssignment.objects.filter(period=period).select_related("mentor"):
        mentors.setdefault(assignment.opd_id, []).append(assignment.mentor)
    risks = opd_risks(period)
    for risk in risks:
        risk.mentors = mentors.get(risk.opd.pk, [])
    requests = (
        HelpRequest.objects.filter(period=period)
        .exclude(status=HelpRequest.Status.DONE)
        .select_related("opd", "inovasi", "requested_by", "handled_by")
    )
    ctx = {
        "period": period,
        "risks": risks,
        "requests": requests,
        # Where the buttons move a request: the statuses are the model's, never the template's.
        "take_status": HelpRequest.Status.IN_PROGRESS,
        "close_status": HelpRequest.Status.DONE,
    }
    return render(request, "inovasi/mentoring_index.html", ctx)


@login_required
def help_request_create(request):
    access = access_for(request.user)
    if access.acting_opd_id is None:
        raise Http404
    period = Period.objects.current_or_refuse()
    opd = get_object_or_404(Opd, pk=access.acting_opd_id)
    form = HelpRequestForm(request.POST or None, opd=opd, period=period)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ask_for_help(opd, period, topic=data["topic"], inovasi=data["inovasi"], actor=request.user, request=request)
        messages.success(request, _("Your request was sent to Bappeda."))
        return redirect("help-request-create")
    mine = HelpRequest.objects.filter(opd=opd, period=period).select_related("inovasi", "handled_by")
    return render(request, "inovasi/help_request.html", {"form": form, "opd": opd, "requests": mine})


@login_required
@require_POST
def help_request_update(request, pk, status):
    help_request = get_object_or_404(HelpRequest.objects.select_related("opd"), pk=pk)
    opd_for_mentoring(request, help_request.opd_id, write=True)
    if status not in HelpRequest.Status.values:
        raise Http404
    update_help_request(help_request, status, actor=request.user, request=request)
    return redirect("mentoring-index")


@login_required
def mentoring_opd(request, opd_pk):
    opd = opd_for_mentoring(request, opd_pk)
    access = access_for(request.user)
    period = Period.objects.current_or_refuse()
    case = MentoringCase.objects.filter(period=period, opd=opd).first()
    sessions = case.sessions.prefetch_related("follow_ups").select_related("recorded_by") if case else []
    ctx = {
        "opd": opd,
        "period": period,
        "case": case,
        "sessions": sessions,
        "requests": HelpRequest.objects.filter(opd=opd, period=period).select_related("inovasi", "requested_by"),
        "can_write": access.can_mentor(opd),
        "can_complete": access.can_complete_follow_up(opd),
        "session_form": SessionForm(),
        "follow_up_form": FollowUpForm(),
    }
    return render(request, "inovasi/mentoring_opd.html", ctx)


@login_required
@require_POST
def session_add(request, opd_pk):
    opd = opd_for_mentoring(request, opd_pk, write=True)
    period = Period.objects.current_or_refuse()
    form = SessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in the date, mode, attendees and topic of the session."))
        return redirect("mentoring-opd", opd_pk=opd.pk)
    record_session(opd, period, **form.cleaned_data, actor=request.user, request=request)
    messages.success(request, _("The session was recorded."))
    return redirect("mentoring-opd", opd_pk=opd.pk)


@login_required
@require_POST
def follow_up_add(request, pk):
    session = get_object_or_404(MentoringSession.objects.select_related("case__opd"), pk=pk)
    opd_for_mentoring(request, session.case.opd_id, write=True)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        add_follow_up(session, **form.cleaned_data, actor=request.user, request=request)
        messages.success(request, _("The follow-up action was added."))
    else:
        messages.error(request, _("Fill in the action, its owner and its due date."))
    return redirect("mentoring-opd", opd_pk=session.case.opd_id)


@login_required
@require_POST
def follow_up_done(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("session__case__opd"), pk=pk)
    opd = opd_for_mentoring(request, follow_up.session.case.opd_id)
    complete_follow_up(follow_up, actor=request.user, request=request)
    return redirect("mentoring-opd", opd_pk=opd.pk)


@login_required
@require_POST
def case_close(request, opd_pk):
    opd = opd_for_mentoring(request, opd_pk, write=True)
    case = get_object_or_404(
        MentoringCase.objects.select_related("opd"), period=Period.objects.current_or_refuse(), opd=opd
    )
    try:
        close_case(case, actor=request.user, request=request)
    except WrongState as refusal:  # shown on the case's page, beside the follow-ups still open
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The mentoring of this OPD is complete (tuntas)."))
    return redirect("mentoring-opd", opd_pk=opd.pk)
