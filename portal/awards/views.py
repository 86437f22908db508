"""The award's pages: the admin's and jurors' working page, and the public *Penghargaan* with its piagam."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.models import Opd
from portal.awards import piagam, rules
from portal.awards.access import (
    awards_visible_to,
    is_juror,
    manages_awards,
    published_awards,
    published_winners,
    sees_table,
)
from portal.awards.models import JuryScore


@login_required
def award_list(request):
    return render(request, "awards/list.html", {"awards": awards_visible_to(request.user)})


def _award_for(request, pk):
    return get_object_or_404(awards_visible_to(request.user), pk=pk)


@login_required
def award_detail(request, pk):
    award = _award_for(request, pk)
    juror = is_juror(award, request.user)
    own = {score.opd_id: score for score in JuryScore.objects.filter(award=award, juror=request.user)}
    ctx = {
        "award": award,
        "manages": manages_awards(request.user),
        "juror": juror,
        "criteria": rules.weights_of(award),
        "rows": rules.table(award) if sees_table(award, request.user) else None,
        "scores": rules.scores_visible_to(award, request.user),
        "shortlist": [(opd, own.get(opd.pk)) for opd in award.shortlist.all()] if juror else [],
        "rubric": JuryScore.RUBRIC,
        "winners": rules.winners(award) if award.is_decided else [],
    }
    return render(request, "awards/detail.html", ctx)


def _admin_action(request, pk):
    award = _award_for(request, pk)
    if not manages_awards(request.user):
        raise PermissionDenied
    return award


def _done(request, award, action, success):
    try:
        action()
    except rules.AwardRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, success)
    return redirect("award-detail", pk=award.pk)


@login_required
@require_POST
def award_criteria(request, pk):
    award = _admin_action(request, pk)

    def action():
        rules.set_weights(award, rules.parse_weights(request.POST), actor=request.user, request=request)

    return _done(request, award, action, _("The criteria's weights were saved."))


@login_required
@require_POST
def award_score(request, pk, opd_pk):
    award = _award_for(request, pk)
    if not is_juror(award, request.user):
        raise PermissionDenied
    opd = get_object_or_404(Opd, pk=opd_pk)

    def action():
        rules.save_jury_score(award, request.user, opd, rules.parse_rubric(request.POST), request=request)

    return _done(request, award, action, _("Your score for %(opd)s was saved.") % {"opd": opd})


@login_required
@require_POST
def award_close_jury(request, pk):
    award = _admin_action(request, pk)
    return _done(
        request,
        award,
        lambda: rules.close_jury(award, actor=request.user, request=request),
        _("The jury is closed; the jurors now see every score."),
    )


@login_required
@require_POST
def award_decide(request, pk):
    award = _admin_action(request, pk)

    def action():
        rules.decide(
            award, rules.parse_decision_date(request.POST.get("decided_on", "")), actor=request.user, request=request
        )

    return _done(request, award, action, _("The award is decided and its table frozen."))


# Public.


def awards_public(request):
    awards = [(award, rules.winners(award)) for award in published_awards()]
    return render(request, "awards/public.html", {"awards": awards})


def awards_piagam(request, pk):
    result = get_object_or_404(published_winners(), pk=pk)
    if not result.winner:
        raise Http404
    response = HttpResponse(piagam.render(result), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="piagam-{result.award.period.year}-{result.opd.short_name}.pdf"'
    )
    return response
