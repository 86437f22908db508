"""An innovation's indicators (SID): the page, claimed levels and evidence; removing evidence (SID and SPD).

The rules (who may, the verdict reset, completeness, the audit row) are in inovasi.answers.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.access import can_edit_now, evidence_for, inovasi_for
from inovasi.answers import (
    add_evidence,
    evidence_by_indicator,
    evidence_from_form,
    indicator_rows,
    remove_evidence,
    set_claim,
)
from inovasi.completeness import indicator_states
from inovasi.forms import AnswerForm, EvidenceForm
from inovasi.shared_document_forms import AttachOneForm
from inovasi.shared_documents import attachable_documents, documents_for_indicator
from portal.accounts.access import access_for
from portal.catalogue.models import Indicator


def _sid_indicator(inovasi, indicator_pk):
    return get_object_or_404(inovasi.period.indicators, pk=indicator_pk, scope=Indicator.Scope.SID, is_archived=False)


def _render_indicators(request, inovasi, failed=None, status=200):
    access = access_for(request.user)
    evidence = evidence_by_indicator({"answer__inovasi": inovasi})
    rows = indicator_rows(indicator_states(inovasi), evidence, lambda indicator: _sid_urls(inovasi, indicator), failed)
    can_edit = can_edit_now(access, inovasi)
    if can_edit:
        _offer_shared_documents(access, inovasi, rows)
    ctx = {"inovasi": inovasi, "rows": rows, "can_edit": can_edit}
    return render(request, "inovasi/indicators.html", ctx, status=status)


def _offer_shared_documents(access, inovasi, rows):
    """Per indicator, the shared documents of the library it may take (attached by inovasi-shared-attach)."""
    documents, taken = attachable_documents(access, inovasi)
    if not documents:
        return
    for row in rows:
        indicator = row["state"].indicator
        offered = documents_for_indicator(indicator, documents, taken)
        if offered:
            row["shared_form"] = AttachOneForm(documents=offered, indicator=indicator)
            row["shared_url"] = reverse("inovasi-shared-attach", args=[inovasi.pk, indicator.pk])


@login_required
def inovasi_indicators(request, pk):
    return _render_indicators(request, inovasi_for(request, pk))


def _save_answer(request, indicator, inovasi):
    form = AnswerForm(request.POST, indicator=indicator)
    if not form.is_valid():
        problem = form.errors.get("basis") or [_("Choose a level from 0 to 3.")]
        messages.error(
            request,
            _("Indicator %(number)s was not saved: %(problem)s")
            % {
                "number": indicator.number,
                "problem": problem[0],
            },
        )
        return
    set_claim(indicator, inovasi, actor=request.user, request=request, **form.cleaned_data)
    messages.success(request, _("Indicator %(number)s was saved.") % {"number": indicator.number})


def _add_evidence(request, indicator, inovasi):
    """Store one checked file or link; return the bound form when it was refused."""
    form = EvidenceForm(request.POST, request.FILES, indicator=indicator)
    if not form.is_valid():
        return form
    add_evidence(indicator, inovasi, evidence_from_form(form), actor=request.user, request=request)
    messages.success(request, _("The evidence for indicator %(number)s was added.") % {"number": indicator.number})
    return None


@login_required
@require_POST
def inovasi_answer(request, pk, indicator_pk):
    inovasi = inovasi_for(request, pk, edit=True)
    indicator = _sid_indicator(inovasi, indicator_pk)
    _save_answer(request, indicator, inovasi)
    return redirect(f"{inovasi_indicators_url(inovasi)}#indikator-{indicator.pk}")


@login_required
@require_POST
def inovasi_evidence_add(request, pk, indicator_pk):
    inovasi = inovasi_for(request, pk, edit=True)
    indicator = _sid_indicator(inovasi, indicator_pk)
    refused = _add_evidence(request, indicator, inovasi)
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
    remove_evidence(evidence, actor=request.user, request=request)
    messages.success(request, _("The evidence was removed."))
    return redirect("inovasi-indicators", pk=inovasi.pk) if inovasi else redirect("spd")
