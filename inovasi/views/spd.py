"""Region-level (SPD) answers: filled in by the Bappeda admin, read by Bappeda and leadership."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.access import spd_editable
from inovasi.answers import add_evidence, evidence_by_indicator, evidence_from_form, indicator_rows, set_claim
from inovasi.completeness import IndicatorState
from inovasi.forms import AnswerForm, EvidenceForm
from inovasi.models import Answer
from portal.accounts.access import access_for
from portal.catalogue.models import Basis, Indicator, Period
from scoring import read


def _spd_states(period):
    answers = {a.indicator_id: a for a in Answer.objects.filter(inovasi=None, indicator__period=period)}
    indicators = period.indicators.filter(scope=Indicator.Scope.SPD, is_archived=False).order_by("order")
    evidence = evidence_by_indicator({"answer__inovasi": None, "answer__indicator__period": period})
    states = [IndicatorState(i, answers.get(i.pk), len(evidence.get(i.pk, []))) for i in indicators]
    return states, evidence


def _spd_urls(indicator):
    return reverse("spd-answer", args=[indicator.pk]), reverse("spd-evidence-add", args=[indicator.pk])


def _render(request, period, failed=None, status=200):
    access = access_for(request.user)
    states, evidence = _spd_states(period)
    ctx = {
        "period": period,
        "rows": indicator_rows(states, evidence, _spd_urls, failed),
        "can_edit": access.can_manage_spd,
        "city": read.city_scores(period).get(Basis.CLAIMED),
        "freshness": read.freshness(period),
        "maximum": period.maximum(Indicator.Scope.SPD),
    }
    return render(request, "inovasi/spd.html", ctx, status=status)


@login_required
def spd_page(request):
    if not access_for(request.user).can_view_spd:
        raise Http404
    return _render(request, Period.objects.current_or_refuse())


def _spd_indicator(request, indicator_pk):
    period = Period.objects.current_or_refuse()
    spd_editable(access_for(request.user), period)
    return get_object_or_404(period.indicators, pk=indicator_pk, scope=Indicator.Scope.SPD, is_archived=False)


@login_required
@require_POST
def spd_answer(request, indicator_pk):
    indicator = _spd_indicator(request, indicator_pk)
    form = AnswerForm(request.POST, indicator=indicator)
    if form.is_valid():
        set_claim(indicator, None, actor=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Indicator %(number)s was saved.") % {"number": indicator.number})
    else:
        messages.error(request, _("Choose a level from 0 to 3."))
    return redirect(f"{reverse('spd')}#indikator-{indicator.pk}")


@login_required
@require_POST
def spd_evidence_add(request, indicator_pk):
    indicator = _spd_indicator(request, indicator_pk)
    form = EvidenceForm(request.POST, request.FILES, indicator=indicator)
    if not form.is_valid():
        return _render(request, indicator.period, failed={indicator.pk: form}, status=400)
    add_evidence(indicator, None, evidence_from_form(form), actor=request.user, request=request)
    messages.success(request, _("The evidence for indicator %(number)s was added.") % {"number": indicator.number})
    return redirect(f"{reverse('spd')}#indikator-{indicator.pk}")
