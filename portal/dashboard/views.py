"""The dashboards: leadership (where the city stands), Bappeda (what to do today), OPD (its own work).

They read stored scores and cached counts only: nothing is computed on a page view.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property

from inovasi.models import CommentThread, Inovasi
from inovasi.notify import reviewers
from inovasi.queue import is_overdue, review_queue, workloads
from inovasi.reconcile import unreconciled
from inovasi.risk import opd_risks
from portal.accounts.access import Home, access_for
from portal.accounts.models import Opd
from portal.catalogue.models import Period
from portal.catalogue.signals import periods_stamp
from portal.dashboard import charts, figures, quality
from portal.events.access import invited_events
from portal.events.rules import upcoming_for
from scoring import formula, read
from scoring.calculate import rules_for
from scoring.models import OpdScore, ScoreState

RANKING_SHOWN = 10
MENTORING_SHOWN = 5
QUEUE_SHOWN = 5


def window_info(period):
    """The current period and how long its entry window has left (None when closed)."""
    return {"period": period, "deadline": figures.deadline(period)}


@login_required
def home(request):
    """Each role lands on its own dashboard."""
    access = access_for(request.user)
    period = Period.objects.current()
    home = access.home_page
    if home == Home.LEADERSHIP:
        return _leadership(request, period)
    if home == Home.BAPPEDA:
        return _bappeda(request, access, period)
    if home == Home.OPD:
        return _opd(request, access, Opd.objects.get(pk=access.home_opd_id), period, is_home=True)
    return render(request, "dashboard/home_norole.html")


@login_required
def leadership(request):
    if not access_for(request.user).can_see_city_scores:
        raise Http404
    return _leadership(request, Period.objects.current())


@login_required
def opd_page(request, pk):
    access = access_for(request.user)
    opd = get_object_or_404(Opd, pk=pk)
    if not access.can_view_opd(opd):
        raise Http404
    return _opd(request, access, opd, Period.objects.current())


def _scores(period):
    """What every score panel needs: state, freshness, both projections with their gap, the rules.

    All but the state and freshness are read on first use: the leadership page's cached panels use none.
    """
    state = ScoreState.objects.filter(period=period).first()
    rules = SimpleLazyObject(lambda: rules_for(period))
    projections = SimpleLazyObject(
        lambda: [(score, formula.next_band_gap(score, rules)) for score in read.city_scores(period).values()]
    )
    return {
        "state": state,
        "freshness": read.freshness(period, state),
        "rules": rules,
        "projections": projections,
        "gauge": SimpleLazyObject(lambda: charts.band_gauge(rules, projections)),
        "path": read.path(state),
    }


class LeadershipFigures:
    """What the leadership page shows beyond the projections, read on first use.

    The page caches its rendered panels per score version, so a cached view reads none of these.
    """

    def __init__(self, period, state):
        self.period, self.state = period, state

    @cached_property
    def ranking(self):
        """The best OPDs with a score; those at 0 are counted (`ranked`), not listed."""
        return read.opd_ranking(self.period, RANKING_SHOWN, scored_only=True)

    @cached_property
    def ranked(self):
        """{"total": OPDs ranked, "unscored": those at score 0}, in one query."""
        return OpdScore.objects.filter(period=self.period).aggregate(
            total=Count("pk"), unscored=Count("pk", filter=Q(score=0))
        )

    @cached_property
    def targets(self):
        return read.targets(self.state)

    @cached_property
    def charts(self):
        return charts.leadership_charts(
            figures.breakdown(self.period, self.state),
            figures.trend(self.period, self.state),
            figures.years(),
            figures.backlog(self.period, self.state),
        )


def _leadership(request, period):
    ctx = {"period": period, **window_info(period)}
    if period is not None:
        scores = _scores(period)
        ctx |= scores | {
            "figures": LeadershipFigures(period, scores["state"]),
            "today": timezone.localdate(),
            "periods_stamp": periods_stamp(),
        }
    return render(request, "dashboard/leadership.html", ctx)


def _bappeda(request, access, period):
    ctx = {"can_administer": access.can_administer, "period": period, **window_info(period)}
    if period is not None:
        queue = review_queue(period)
        scores = _scores(period)
        ctx |= scores | {
            "queue": queue[:QUEUE_SHOWN],
            "queue_total": len(queue),
            "mine": sum(1 for i in queue if i.is_in_review and i.reviewer_id == request.user.pk),
            "overdue": is_overdue(period),
            "workloads": workloads(period, queue, reviewers()),
            "risks": [risk for risk in opd_risks(period) if risk.score][:MENTORING_SHOWN],
            "warnings": quality.warnings(period, scores["state"]),
            "backlog": figures.backlog(period, scores["state"]),
            "unreconciled": list(unreconciled(period)),
        }
    return render(request, "dashboard/home_bappeda.html", ctx)


def _opd(request, access, opd, period, is_home=False):
    ctx = {
        "opd": opd,
        "is_home": is_home,
        "can_publish": access.can_publish_opd(opd),
        "period": period,
        **window_info(period),
        # The home page of the OPD's own people lists the sosialisasi and bimtek they are invited to.
        "upcoming_events": upcoming_for(invited_events(request.user))[:5] if is_home else None,
    }
    if period is not None:
        innovations = (
            Inovasi.objects.alive().for_period(period).filter(opd=opd).select_related("score").order_by("name")
        )
        ctx |= {
            "innovations": innovations,
            "rank": OpdScore.objects.filter(period=period, opd=opd).first(),
            "ranked_total": OpdScore.objects.filter(period=period).count(),
            "threads": CommentThread.objects.filter(
                inovasi__opd=opd, inovasi__period=period, inovasi__deleted_at=None, resolved_at=None
            )
            .select_related("inovasi", "indicator")
            .order_by("created_at"),
            "freshness": read.freshness(period),
            "other_opds": access.member_opds().exclude(pk=opd.pk).order_by("name"),
            "now": timezone.now(),
        }
    return render(request, "dashboard/opd.html", ctx)
