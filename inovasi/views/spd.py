"""Region-level (SPD) answers: filled in by the Bappeda admin, read by Bappeda and leadership."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inovasi.access import spd_editable
from inovasi.answers import evidence_by_indicator
from inovasi.completeness import IndicatorState
from inovasi.indicator_cards import card_rows, carried_messages, carry_message, save_card
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


def _spd_url(indicator):
    return reverse("spd-answer", args=[indicator.pk])


def _context(request, period, outcome=None):
    access = access_for(request.user)
    states, evidence = _spd_states(period)
    return {
        "period": period,
        "rows": card_rows(states, evidence, _spd_url, outcome=outcome, carried=carried_messages(request)),
        "can_edit": access.can_manage_spd,
        "city": read.city_scores(period).get(Basis.CLAIMED),
        "freshness": read.freshness(period),
        "maximum": period.maximum(Indicator.Scope.SPD),
    }


def _render(request, period, outcome=None, status=200):
    return render(request, "inovasi/spd.html", _context(request, period, outcome), status=status)


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
    """Save one SPD indicator card, in place (htmx) or back on the page at that card."""
    indicator = _spd_indicator(request, indicator_pk)
    outcome = save_card(request, indicator, None)
    status = 200 if outcome.saved else 400
    if request.htmx:
        ctx = _context(request, indicator.period, (indicator, outcome))
        ctx["row"] = next(row for row in ctx["rows"] if row.indicator.pk == indicator.pk)
        return render(request, "inovasi/_indicator_saved.html", ctx, status=status)
    if not outcome.saved:
        return _render(request, indicator.period, (indicator, outcome), status=status)
    carry_message(request, indicator, outcome.message)
    return redirect(f"{reverse('spd')}#indikator-{indicator.pk}")


@login_required
@require_POST
def spd_evidence_add(request, indicator_pk):
    """Evidence alone (a form posting only a file); the page's cards post to spd-answer."""
    return spd_answer(request, indicator_pk)
