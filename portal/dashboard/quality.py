"""Data-quality warnings for Bappeda: what the national application would refuse or score zero.

Each check names the innovations (submitted or later) that fail it; the lists are kept in the
cache per score version like the charts, since every edit that could fix them marks the period.
"""

import datetime

from django.db.models import Exists, F, OuterRef, Q

from inovasi.completeness import MIN_RANCANG_BANGUN_WORDS
from inovasi.dates import outside_window, stage_dates_wrong
from inovasi.models import Evidence, Inovasi
from portal.catalogue.models import Indicator
from portal.dashboard.figures import _cached

SHOWN = 20


def warnings(period, state):
    """{check: (count, first SHOWN innovations as (pk, name, opd name))}."""
    return _cached("quality", period, state, lambda: _warnings(period))


def _submitted(period):
    return Inovasi.objects.alive().for_period(period).exclude(status=Inovasi.Status.DRAFT)


def _warnings(period):
    checks = {
        "mandatory_evidence": _missing_mandatory_evidence(period),
        "short_design": _short_design(period),
        "dates": _dates_outside_rules(period),
    }
    return {name: _listed(found) for name, found in checks.items()}


def _listed(queryset_or_ids):
    found = list(queryset_or_ids.order_by("opd__name", "name").values_list("pk", "name", "opd__name"))
    return len(found), found[:SHOWN]


def _missing_mandatory_evidence(period):
    with_evidence = Evidence.objects.filter(answer__inovasi=OuterRef(OuterRef("pk")), answer__indicator=OuterRef("pk"))
    missing = Indicator.objects.filter(
        period=OuterRef("period"), scope=Indicator.Scope.SID, is_mandatory=True, is_archived=False
    ).exclude(Exists(with_evidence))
    return _submitted(period).filter(Exists(missing))


def _short_design(period):
    # Word counts in Python: the same rule as the form's, on every database.
    found = _submitted(period).only("pk", *Inovasi.RANCANG_BANGUN_FIELDS)
    short = [i.pk for i in found if i.rancang_bangun_words < MIN_RANCANG_BANGUN_WORDS]
    return Inovasi.objects.filter(pk__in=short)


def _dates_outside_rules(period):
    # The stage's dates and the period's window are the rules of inovasi.dates, as filters.
    year_end = datetime.date(period.year, 12, 31)
    wrong = Q(tahapan=None) | stage_dates_wrong() | outside_window(period) | Q(implementation_date__lt=F("trial_date"))
    wrong |= Q(trial_date__gt=year_end) | Q(implementation_date__gt=year_end)
    return _submitted(period).filter(wrong)
