"""Region-level (SPD) answers: filled in by the Bappeda admin, read by Bappeda and leadership."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inovasi.access import spd_editable
from inovasi.completeness import IndicatorState
from inovasi.models import Answer
from inovasi.views.answers import add_evidence, evidence_by_indicator, indicator_rows, save_answer
from inovasi.views.records import current_period
from portal.accounts.access import access_for
from scoring import read
from scoring.models import Basis


def _spd_states(period):
    answers = {a.indicator_id: a for a in Answer.objects.filter(inovasi=None, indicator__period=period)}
    indicators = period.indicators.filter(scope="spd", is_archived=False).order_by("order")
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
        "can_edit": access.is_admin,
        "city": read.city_scores(period).get(Basis.CLAIMED),
        "freshness": read.freshness(period),
        "maximum": period.maximum("spd"),
    }
    return render(request, "inovasi/spd.html", ctx, status=status)


@login_required
def spd_page(request):
    if not access_for(request.user).sees_all_opds:
        raise Http404
    return _render(request, current_period())


def _spd_indicator(request, indicator_pk):
    period = current_period()
    spd_editable(access_for(request.user), period)
    return get_object_or_404(period.indicators, pk=indicator_pk, scope="spd", is_archived=False)


@login_required
@require_POST
def spd_answer(request, indicator_pk):
    indicator = _spd_indicator(request, indicator_pk)
    save_answer(request, indicator, None)
    return redirect(f"{reverse('spd')}#indikator-{indicator.pk}")


@login_required
@require_POST
def spd_evidence_add(request, indicator_pk):
    indicator = _spd_indicator(request, indicator_pk)
    refused = add_evidence(request, indicator, None)
    if refused:
        return _render(request, indicator.period, failed={indicator.pk: refused}, status=400)
    return redirect(f"{reverse('spd')}#indikator-{indicator.pk}")
