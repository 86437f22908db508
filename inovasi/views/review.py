"""Bappeda's review: the workflow buttons, per-indicator verdicts, revisions and their diff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.access import inovasi_for, may_edit
from inovasi.answers import evidence_by_indicator
from inovasi.completeness import indicator_states
from inovasi.confirm import Confirmation, confirmation_page
from inovasi.forms import CommentForm, NationalOutcomeForm, TransitionForm, VerifyForm
from inovasi.models import Answer, CommentThread, Inovasi
from inovasi.reconcile import differing, lower_claim, raise_verified
from inovasi.revisions import differences
from inovasi.verification import check_may_verify, summarise, verify, verify_evidenced_as_claimed
from inovasi.workflow import CONFIRMED_TARGETS, allowed_moves, move_to_confirm, record_national_outcome, transition
from portal.accounts.access import access_for
from portal.refusals import BadInput
from scoring import read

S = Inovasi.Status


def _threads_by_indicator(inovasi):
    grouped = {}
    for thread in (
        CommentThread.objects.filter(inovasi=inovasi).prefetch_related("comments__author").select_related("resolved_by")
    ):
        grouped.setdefault(thread.indicator_id, []).append(thread)
    return grouped


def review_rows(inovasi, states, can_verify):
    evidence, threads = evidence_by_indicator({"answer__inovasi": inovasi}), _threads_by_indicator(inovasi)
    return [
        {
            "state": state,
            "evidence": evidence.get(state.indicator.pk, []),
            "threads": threads.get(state.indicator.pk, []),
            "verify_form": VerifyForm(indicator=state.indicator, initial=_verify_initial(state))
            if can_verify and state.answer
            else None,
        }
        for state in states
    ]


def _verify_initial(state):
    return {"verification": state.answer.verification, "verified_level": state.answer.verified_level or state.level}


def _summary_context(access, inovasi, states):
    """The verdict summary at the top of the review page (also sent out of band after an in-place verdict)."""
    return {
        "summary": summarise(states),
        "can_verify": access.can_review and inovasi.is_in_review,
        "score": read.inovasi_score(inovasi),
        "freshness": read.freshness(inovasi.period),
    }


def _card_context(access, inovasi):
    return {
        "comment_form": CommentForm(),
        "can_comment": access.can_comment(inovasi.opd),
        "can_resolve": access.can_resolve_threads,
    }


@login_required
def inovasi_review(request, pk):
    inovasi = inovasi_for(request, pk)
    access = access_for(request.user)
    states = indicator_states(inovasi)
    revisions = list(inovasi.revisions.all())
    ctx = {
        "inovasi": inovasi,
        "rows": review_rows(inovasi, states, access.can_review and inovasi.is_in_review),
        **_summary_context(access, inovasi, states),
        "moves": allowed_moves(access, inovasi),
        "transition_form": TransitionForm(),
        **_card_context(access, inovasi),
        "history": inovasi.status_changes.select_related("actor"),
        "latest_revision": revisions[-1] if revisions else None,
        "outcome_form": NationalOutcomeForm() if access.can_send_nationally and inovasi.is_sent else None,
        **_reconciliation(access, inovasi),
    }
    return render(request, "inovasi/review.html", ctx)


def _reconciliation(access, inovasi):
    """The claims that still differ from their verified level, and who may close each difference now."""
    approved = inovasi.status == S.APPROVED
    return {
        "differences": differing(inovasi) if inovasi.status in Inovasi.APPROVED_STATUSES else [],
        "can_reconcile": approved,
        "may_lower_claims": approved and may_edit(access, inovasi),
        "may_raise_verified": approved and access.can_review,
    }


# The two ways to close a difference, by the URL's side: the OPD's claim or Bappeda's verified level.
RECONCILE = {"klaim": lower_claim, "verifikasi": raise_verified}


@login_required
@require_POST
def inovasi_reconcile(request, pk, indicator_pk, side):
    inovasi = inovasi_for(request, pk)
    if side not in RECONCILE:
        raise Http404
    answer = get_object_or_404(
        Answer.objects.select_related("indicator", "inovasi"), inovasi=inovasi, indicator_id=indicator_pk
    )
    RECONCILE[side](answer, actor=request.user, request=request)
    messages.success(
        request,
        _("Indicator %(number)s: the claim now equals the verified level.") % {"number": answer.indicator.number},
    )
    return redirect("inovasi-review", pk=pk)


def _move_confirmation(inovasi, move):
    """What withdrawing takes back: from the kepala OPD's endorsement, or from Bappeda's review queue."""
    waiting_for = (
        _("The kepala OPD no longer sees it for endorsement.")
        if inovasi.status == S.AWAITING_ENDORSEMENT
        else _("Bappeda no longer sees it in the review queue.")
    )
    return Confirmation(
        title=_("Withdraw this submission?"),
        what_heading=_("The submission that will be withdrawn"),
        items=[
            (_("Innovation"), inovasi.name),
            (_("OPD"), inovasi.opd.name),
            (_("Status now"), inovasi.get_status_display()),
            (_("Status after"), S(move.target).label),
        ],
        consequences=[
            waiting_for,
            _("The claimed score no longer counts it until it is submitted again."),
            _("Its profile, levels and evidence stay as they are and can be changed again; submit it again when done."),
        ],
        confirm_label=_("Yes, withdraw"),
        cancel_url=reverse("inovasi-review", args=[inovasi.pk]),
    )


@login_required
def inovasi_transition(request, pk, to):
    """POST: the move. GET, for a move that undoes the OPD's work (withdrawing): its confirmation page."""
    if request.method != "POST" and (request.method != "GET" or to not in CONFIRMED_TARGETS):
        return HttpResponseNotAllowed(["POST"])
    inovasi = inovasi_for(request, pk)
    if to not in S.values:
        raise Http404
    if request.method == "GET":
        return confirmation_page(request, _move_confirmation(inovasi, move_to_confirm(inovasi, to, actor=request.user)))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        raise BadInput(_("Enter the date as day, month and year."))
    data = form.cleaned_data
    transition(
        inovasi, to, actor=request.user, note=data.get("note") or "", sent_on=data.get("sent_on"), request=request
    )
    messages.success(request, _("The innovation is now %(status)s.") % {"status": S(to).label})
    return redirect("inovasi-review", pk=pk)


@login_required
@require_POST
def inovasi_verify(request, pk, indicator_pk):
    """One verdict. In place (htmx): the indicator's card re-rendered with its message, and the summary out of band."""
    inovasi = inovasi_for(request, pk)
    answer = get_object_or_404(
        Answer.objects.select_related("indicator", "inovasi"), inovasi=inovasi, indicator_id=indicator_pk
    )
    check_may_verify(request.user, answer.inovasi)  # before the form: its errors are shown to reviewers only
    form = VerifyForm(request.POST, indicator=answer.indicator)
    if not form.is_valid():
        invalid = _("Choose a verdict and a verified level from 0 to 3.")
        if request.htmx:
            return _verdict_part(request, inovasi, indicator_pk, form=form, error=invalid)
        messages.error(request, invalid)
        return redirect("inovasi-review", pk=pk)
    verify(answer, actor=request.user, request=request, **form.cleaned_data)
    done = _("Indicator %(number)s was verified.") % {"number": answer.indicator.number}
    if request.htmx:
        return _verdict_part(request, inovasi, indicator_pk, message=done)
    messages.success(request, done)
    return redirect(f"{reverse('inovasi-review', args=[pk])}#indikator-{indicator_pk}")


def _verdict_part(request, inovasi, indicator_pk, *, form=None, message="", error=""):
    """The indicator's card (with the bound form and 400 when it was invalid) and the summary, out of band."""
    access = access_for(request.user)
    states = indicator_states(inovasi)
    state = next((state for state in states if state.indicator.pk == indicator_pk), None)
    if state is None:  # an archived indicator has no card
        raise Http404
    row = review_rows(inovasi, [state], access.can_review and inovasi.is_in_review)[0]
    if form is not None:
        row["verify_form"] = form
    ctx = {
        "inovasi": inovasi,
        "row": row,
        "message": message,
        "error": error,
        **_summary_context(access, inovasi, states),
        **_card_context(access, inovasi),
        "moves": allowed_moves(access, inovasi),
    }
    return render(request, "inovasi/_review_verdict.html", ctx, status=400 if error else 200)


@login_required
@require_POST
def inovasi_verify_as_claimed(request, pk):
    """Verdict "sesuai" at the claimed level wherever there is evidence and no verdict yet; then the review page."""
    inovasi = inovasi_for(request, pk)
    judged = verify_evidenced_as_claimed(inovasi, actor=request.user, request=request)
    numbers = ", ".join(answer.indicator.number for answer in judged)
    done = (
        _("Marked as matching at the claimed level: indicator %(numbers)s. Check the others one by one.")
        % {"numbers": numbers}
        if judged
        else _("No indicator with evidence is waiting for a verdict.")
    )
    if request.htmx:
        return _bulk_part(request, inovasi, done)
    messages.add_message(request, messages.SUCCESS if judged else messages.INFO, done)
    return redirect(f"{reverse('inovasi-review', args=[pk])}#ringkasan-verifikasi")


def _bulk_part(request, inovasi, done):
    """After the bulk pass in place: the summary with its message, every card and the buttons (out of band)."""
    access = access_for(request.user)
    states = indicator_states(inovasi)
    ctx = {
        "inovasi": inovasi,
        "rows": review_rows(inovasi, states, access.can_review and inovasi.is_in_review),
        "bulk_message": done,
        **_summary_context(access, inovasi, states),
        **_card_context(access, inovasi),
        "moves": allowed_moves(access, inovasi),
    }
    return render(request, "inovasi/_review_bulk.html", ctx)


@login_required
def inovasi_revisions(request, pk):
    inovasi = inovasi_for(request, pk)
    revisions = list(inovasi.revisions.select_related("created_by"))
    latest = revisions[-1] if revisions else None
    previous = revisions[-2] if len(revisions) > 1 else None
    ctx = {
        "inovasi": inovasi,
        "revisions": revisions,
        "latest": latest,
        "previous": previous,
        "differences": differences(previous, latest) if latest else [],
    }
    return render(request, "inovasi/revisions.html", ctx)


@login_required
@require_POST
def inovasi_national_outcome(request, pk):
    inovasi = inovasi_for(request, pk)
    form = NationalOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome and a score between 0 and 111."))
        return redirect("inovasi-review", pk=pk)
    record_national_outcome(inovasi, actor=request.user, request=request, **form.cleaned_data)
    messages.success(request, _("The national outcome was recorded."))
    return redirect("inovasi-review", pk=pk)
