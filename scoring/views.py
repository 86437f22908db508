"""The city's scores for Bappeda and leadership: projections, OPD ranking, targets, the path to the next band."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.access import access_for
from portal.audit.log import record
from portal.catalogue.models import Period
from scoring import dirty, formula, read
from scoring.calculate import rules_for
from scoring.models import ScoreState


def _period(request):
    year = request.GET.get("tahun")
    if year and year.isdigit():
        return get_object_or_404(Period, year=int(year))
    period = Period.objects.current()
    if period is None:
        raise Http404
    return period


@login_required
def scores(request):
    access = access_for(request.user)
    if not access.can_see_city_scores:
        raise Http404
    period = _period(request)
    state = ScoreState.objects.filter(period=period).first()
    city = read.city_scores(period)
    rules = rules_for(period)
    ranking, unscored = read.split_unscored(read.opd_ranking(period))
    ctx = {
        "period": period,
        "periods": Period.objects.order_by("-year"),
        "freshness": read.freshness(period, state),
        "projections": [(score, formula.next_band_gap(score, rules)) for score in city.values()],
        "rules": rules,
        "ranking": ranking,
        "unscored": unscored,
        "targets": read.targets(state),
        "path": read.path(state),
        "can_recompute": access.can_recompute_scores,
    }
    return render(request, "scoring/scores.html", ctx)


@login_required
@require_POST
def scores_recompute(request, year):
    """The admin asks for a full recompute now (after fixing data by hand, say); the worker does it."""
    if not access_for(request.user).can_recompute_scores:
        raise PermissionDenied
    period = get_object_or_404(Period, year=year)
    with transaction.atomic():
        dirty.mark(period.pk, dirty.Scope.FULL, "requested")
        record("scores.recompute_requested", actor=request.user, obj=period, request=request)
    messages.success(request, _("A full recalculation of %(period)s was queued.") % {"period": period})
    return redirect(f"{reverse('scores')}?tahun={period.year}")
