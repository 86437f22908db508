"""Indicator answers and their evidence, for an innovation (SID) and for the region (SPD)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.access import can_edit_now, evidence_for, inovasi_for
from inovasi.completeness import indicator_states, refresh_completeness
from inovasi.forms import AnswerForm, EvidenceForm
from inovasi.models import Answer, Evidence
from inovasi.verification import reset_verification
from portal.accounts.access import access_for
from portal.audit.log import record


def _sid_indicator(inovasi, indicator_pk):
    return get_object_or_404(inovasi.period.indicators, pk=indicator_pk, scope="sid", is_archived=False)


def evidence_by_indicator(answers_filter):
    grouped = {}
    for evidence in Evidence.objects.filter(**answers_filter).select_related("answer").order_by("uploaded_at", "id"):
        grouped.setdefault(evidence.answer.indicator_id, []).append(evidence)
    return grouped


def indicator_rows(states, evidence, urls, failed=None):
    """What the page shows per indicator: its state, its evidence and its two forms.

    `urls(indicator)` gives the (answer, evidence) form targets, which differ for SID and SPD.
    """
    failed = failed or {}
    return [
        {
            "state": state,
            "answer_url": urls(state.indicator)[0],
            "evidence_url": urls(state.indicator)[1],
            "evidence": evidence.get(state.indicator.pk, []),
            "answer_form": AnswerForm(
                initial={"level": state.level, "note": state.answer.note if state.answer else ""},
                indicator=state.indicator,
            ),
            "evidence_form": failed.get(state.indicator.pk) or EvidenceForm(indicator=state.indicator),
        }
        for state in states
    ]


def _render_indicators(request, inovasi, failed=None, status=200):
    access = access_for(request.user)
    evidence = evidence_by_indicator({"answer__inovasi": inovasi})
    rows = indicator_rows(indicator_states(inovasi), evidence, lambda indicator: _sid_urls(inovasi, indicator), failed)
    ctx = {"inovasi": inovasi, "rows": rows, "can_edit": can_edit_now(access, inovasi)}
    return render(request, "inovasi/indicators.html", ctx, status=status)


@login_required
def inovasi_indicators(request, pk):
    return _render_indicators(request, inovasi_for(request, pk))


def save_answer(request, indicator, inovasi):
    form = AnswerForm(request.POST, indicator=indicator)
    if not form.is_valid():
        messages.error(request, _("Choose a level from 0 to 3."))
        return False
    with transaction.atomic():
        previous = Answer.objects.filter(indicator=indicator, inovasi=inovasi).values_list("level", flat=True).first()
        answer, _created = Answer.objects.update_or_create(
            indicator=indicator, inovasi=inovasi, defaults={**form.cleaned_data, "updated_by": request.user}
        )
        if previous is not None and previous != answer.level:
            reset_verification(answer)
        record(
            "answer.save",
            actor=request.user,
            obj=answer,
            before={"level": previous},
            after={"level": answer.level},
            request=request,
        )
        if inovasi:
            refresh_completeness(inovasi)
    messages.success(request, _("Indicator %(number)s was saved.") % {"number": indicator.number})
    return True


def add_evidence(request, indicator, inovasi):
    """Store one checked file or link; return the bound form when it was refused."""
    form = EvidenceForm(request.POST, request.FILES, indicator=indicator)
    if not form.is_valid():
        return form
    with transaction.atomic():
        answer, _created = Answer.objects.get_or_create(indicator=indicator, inovasi=inovasi)
        evidence = form.save(commit=False)
        evidence.answer, evidence.kind, evidence.uploaded_by = answer, form.kind(), request.user
        if form.checked:
            evidence.original_name, evidence.size = form.checked.original_name, form.checked.size
        evidence.save()
        record("evidence.add", actor=request.user, obj=evidence, after={"kind": evidence.kind}, request=request)
        reset_verification(answer)
        if inovasi:
            refresh_completeness(inovasi)
    messages.success(request, _("The evidence for indicator %(number)s was added.") % {"number": indicator.number})
    return None


@login_required
@require_POST
def inovasi_answer(request, pk, indicator_pk):
    inovasi = inovasi_for(request, pk, edit=True)
    indicator = _sid_indicator(inovasi, indicator_pk)
    save_answer(request, indicator, inovasi)
    return redirect(f"{inovasi_indicators_url(inovasi)}#indikator-{indicator.pk}")


@login_required
@require_POST
def inovasi_evidence_add(request, pk, indicator_pk):
    inovasi = inovasi_for(request, pk, edit=True)
    indicator = _sid_indicator(inovasi, indicator_pk)
    refused = add_evidence(request, indicator, inovasi)
    if refused:
        return _render_indicators(request, inovasi, failed={indicator.pk: refused}, status=400)
    return redirect(f"{inovasi_indicators_url(inovasi)}#indikator-{indicator.pk}")


def _sid_urls(inovasi, indicator):
    args = [inovasi.pk, indicator.pk]
    return reverse("inovasi-answer", args=args), reverse("inovasi-evidence-add", args=args)


def inovasi_indicators_url(inovasi):
    return reverse("inovasi-indicators", args=[inovasi.pk])


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = evidence_for(request, pk, edit=True)
    inovasi = evidence.answer.inovasi
    with transaction.atomic():
        record("evidence.delete", actor=request.user, obj=evidence, request=request)
        evidence.delete()
        reset_verification(evidence.answer)
        if inovasi:
            refresh_completeness(inovasi)
    # The file stays in storage: the history keeps pointing at it, and an admin may need it.
    messages.success(request, _("The evidence was removed."))
    return redirect("inovasi-indicators", pk=inovasi.pk) if inovasi else redirect("spd")
