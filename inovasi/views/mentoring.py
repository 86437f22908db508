"""Pendampingan: which OPDs need help, their requests, and each OPD's case until it is tuntas."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.forms import FollowUpForm, HelpRequestForm, SessionForm
from inovasi.models import FollowUp, HelpRequest, MentorAssignment, MentoringCase, MentoringSession
from inovasi.risk import opd_risks
from inovasi.views.records import current_period
from portal.accounts.access import access_for
from portal.accounts.models import Opd
from portal.audit.log import record


def opd_for_mentoring(request, opd_pk, *, write=False):
    """Reviewers see every OPD's case; an OPD's own people read theirs; anyone else gets 404."""
    access = access_for(request.user)
    opd = get_object_or_404(Opd, pk=opd_pk, is_active=True)
    if not (access.can_review or opd.pk in access.opd_ids):
        raise Http404
    if write and not access.can_review:
        raise PermissionDenied
    return opd


@login_required
def mentoring_index(request):
    access = access_for(request.user)
    if not access.can_review:
        raise Http404
    period = current_period()
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
    return render(request, "inovasi/mentoring_index.html", {"period": period, "risks": risks, "requests": requests})


@login_required
def help_request_create(request):
    access = access_for(request.user)
    if not access.operator_opd_ids:
        raise Http404
    period = current_period()
    opd = get_object_or_404(Opd, pk=min(access.operator_opd_ids))
    form = HelpRequestForm(request.POST or None, opd=opd, period=period)
    if request.method == "POST" and form.is_valid():
        help_request = form.save(commit=False)
        help_request.period, help_request.opd, help_request.requested_by = period, opd, request.user
        help_request.save()
        record("help_request.create", actor=request.user, obj=help_request, request=request)
        messages.success(request, _("Your request was sent to Bappeda."))
        return redirect("help-request-create")
    mine = HelpRequest.objects.filter(opd=opd, period=period).select_related("inovasi", "handled_by")
    return render(request, "inovasi/help_request.html", {"form": form, "opd": opd, "requests": mine})


@login_required
@require_POST
def help_request_update(request, pk, status):
    help_request = get_object_or_404(HelpRequest, pk=pk)
    opd_for_mentoring(request, help_request.opd_id, write=True)
    if status not in HelpRequest.Status.values:
        raise Http404
    help_request.status, help_request.handled_by = status, request.user
    help_request.save(update_fields=["status", "handled_by"])
    record("help_request.update", actor=request.user, obj=help_request, after={"status": status}, request=request)
    return redirect("mentoring-index")


@login_required
def mentoring_opd(request, opd_pk):
    opd = opd_for_mentoring(request, opd_pk)
    period = current_period()
    case = MentoringCase.objects.filter(period=period, opd=opd).first()
    sessions = case.sessions.prefetch_related("follow_ups").select_related("recorded_by") if case else []
    ctx = {
        "opd": opd,
        "period": period,
        "case": case,
        "sessions": sessions,
        "requests": HelpRequest.objects.filter(opd=opd, period=period).select_related("inovasi", "requested_by"),
        "can_write": access_for(request.user).can_review,
        "session_form": SessionForm(),
        "follow_up_form": FollowUpForm(),
    }
    return render(request, "inovasi/mentoring_opd.html", ctx)


@login_required
@require_POST
def session_add(request, opd_pk):
    opd = opd_for_mentoring(request, opd_pk, write=True)
    period = current_period()
    form = SessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in the date, mode, attendees and topic of the session."))
        return redirect("mentoring-opd", opd_pk=opd.pk)
    case, _created = MentoringCase.objects.get_or_create(period=period, opd=opd, defaults={"opened_by": request.user})
    if case.closed_at:
        case.closed_at = None  # a new session reopens a closed case
        case.save(update_fields=["closed_at"])
    session = form.save(commit=False)
    session.case, session.recorded_by = case, request.user
    session.save()
    record("mentoring_session.add", actor=request.user, obj=session, request=request)
    messages.success(request, _("The session was recorded."))
    return redirect("mentoring-opd", opd_pk=opd.pk)


@login_required
@require_POST
def follow_up_add(request, pk):
    session = get_object_or_404(MentoringSession.objects.select_related("case"), pk=pk)
    opd_for_mentoring(request, session.case.opd_id, write=True)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        follow_up = form.save(commit=False)
        follow_up.session = session
        follow_up.save()
        record("follow_up.add", actor=request.user, obj=follow_up, request=request)
        messages.success(request, _("The follow-up action was added."))
    else:
        messages.error(request, _("Fill in the action, its owner and its due date."))
    return redirect("mentoring-opd", opd_pk=session.case.opd_id)


@login_required
@require_POST
def follow_up_done(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("session__case"), pk=pk)
    opd = opd_for_mentoring(request, follow_up.session.case.opd_id)
    access = access_for(request.user)
    if not (access.can_review or access.can_edit_opd_data(opd)):
        raise PermissionDenied
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.save(update_fields=["done_at"])
        record("follow_up.done", actor=request.user, obj=follow_up, request=request)
    return redirect("mentoring-opd", opd_pk=opd.pk)


@login_required
@require_POST
def case_close(request, opd_pk):
    opd = opd_for_mentoring(request, opd_pk, write=True)
    case = get_object_or_404(MentoringCase, period=current_period(), opd=opd)
    if case.follow_ups_open():
        messages.error(request, _("Finish or close every follow-up action first."))
    else:
        case.closed_at = timezone.now()
        case.save(update_fields=["closed_at"])
        record("mentoring_case.close", actor=request.user, obj=case, request=request)
        messages.success(request, _("The mentoring of this OPD is complete (tuntas)."))
    return redirect("mentoring-opd", opd_pk=opd.pk)
