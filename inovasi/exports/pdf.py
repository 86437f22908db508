"""The leadership recap: stored scores only (scoring.read), rendered to HTML, then to PDF by WeasyPrint."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from scoring import formula, read
from scoring.calculate import rules_for
from scoring.models import ScoreState

TOP_OPDS = 20
BAR_WIDTH = 300  # px of the longest bar in the ranking chart


def recap_context(period):
    state = ScoreState.objects.filter(period=period).first()
    rules = rules_for(period)
    ranking = read.opd_ranking(period, TOP_OPDS)
    best = max((row.score for row in ranking), default=0) or 1
    city = read.city_scores(period).values()
    return {
        "period": period,
        "rules": rules,
        "freshness": read.freshness(period, state),
        "projections": [(score, formula.next_band_gap(score, rules), _bar(score.iid, 100)) for score in city],
        "ranking": [(row, _bar(row.score, best)) for row in ranking],
        "targets": read.targets(state),
        "path": read.path(state),
        "printed_at": timezone.now(),
    }


def _bar(value, maximum):
    return max(0, min(BAR_WIDTH, round(float(value) / float(maximum) * BAR_WIDTH)))


def recap_html(period):
    return render_to_string("exports/recap_pdf.html", recap_context(period))


def render_pdf(html):
    from weasyprint import CSS, HTML  # heavy: loaded only when a PDF is made

    stylesheet = CSS(filename=finders.find("exports/recap.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
