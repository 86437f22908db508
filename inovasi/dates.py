"""An innovation's dates: which ones its stage has, and whether the period takes its implementation.

Two rules, each in one function:
- `stage_date_errors`: an *inisiatif* innovation has no trial or implementation date yet, one in
  *uji coba* has a trial date only, one in *penerapan* has both (domain reference §11). The profile
  form refuses what does not fit, and the completeness checklist asks the same.
- `eligibility_problem`: the period takes innovations implemented inside its window
  (`Period.eligible_from` .. `eligible_until`), or older ones that explain their development there.
  The move to *siap kirim* is refused while it finds a problem; the review page and the checklist
  show it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inovasi.models import Inovasi
from portal.catalogue.models import Period, ReferenceOption


@dataclass(frozen=True)
class StageDates:
    """The dates an innovation at one stage has: True = required, False = none yet."""

    trial: bool
    implementation: bool


# By the tahapan codes seeded with the catalogue (ReferenceOption kind "tahapan"). A stage an admin
# adds later with another code has no date rule until it is listed here.
STAGE_DATES = {
    "inisiatif": StageDates(trial=False, implementation=False),
    "uji_coba": StageDates(trial=True, implementation=False),
    "penerapan": StageDates(trial=True, implementation=True),
}
DATE_FIELDS = ("trial_date", "implementation_date")


def _expected(stage: ReferenceOption) -> dict[str, bool]:
    dates = STAGE_DATES[stage.code]
    return {"trial_date": dates.trial, "implementation_date": dates.implementation}


def stage_date_errors(
    stage: ReferenceOption | None, trial_date: datetime.date | None, implementation_date: datetime.date | None
) -> dict[str, str]:
    """Field name → why that date does not fit the stage; empty when the dates fit (or no stage rule applies)."""
    if stage is None or stage.code not in STAGE_DATES:
        return {}
    values = {"trial_date": trial_date, "implementation_date": implementation_date}
    missing = {
        "trial_date": _("An innovation at the %(stage)s stage needs its trial date."),
        "implementation_date": _("An innovation at the %(stage)s stage needs its implementation date."),
    }
    not_yet = {
        "trial_date": _(
            "An innovation at the %(stage)s stage has no trial date yet: leave it empty or change the stage."
        ),
        "implementation_date": _(
            "An innovation at the %(stage)s stage has no implementation date yet: leave it empty or change the stage."
        ),
    }
    errors = {}
    for name, required in _expected(stage).items():
        if required and values[name] is None:
            errors[name] = missing[name] % {"stage": stage.name}
        elif not required and values[name] is not None:
            errors[name] = not_yet[name] % {"stage": stage.name}
    return errors


def stage_dates_label(stage: ReferenceOption | None) -> str:
    """The checklist's item for the dates, saying what the stage asks for."""
    if stage is None or stage.code not in STAGE_DATES:
        return _("Trial and implementation dates")
    expected = _expected(stage)
    if expected["implementation_date"]:
        return _("Trial and implementation dates")
    if expected["trial_date"]:
        return _("Trial date (no implementation date yet at the %(stage)s stage)") % {"stage": stage.name}
    return _("No trial or implementation date yet (%(stage)s stage)") % {"stage": stage.name}


def stage_dates_fit(inovasi: Inovasi) -> bool:
    """The checklist's test: a stage is chosen and the dates follow it."""
    return inovasi.tahapan is not None and not stage_date_errors(
        inovasi.tahapan, inovasi.trial_date, inovasi.implementation_date
    )


def stage_dates_wrong() -> Q:
    """`stage_date_errors` as a filter over innovations, for the dashboards' data-quality warnings."""
    wrong = Q(pk__in=[])
    for code, dates in STAGE_DATES.items():
        for name, required in (("trial_date", dates.trial), ("implementation_date", dates.implementation)):
            wrong |= Q(tahapan__code=code, **{f"{name}__isnull": required})
    return wrong


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def window_text(period: Period) -> str:
    """The window in words, for help texts; empty when the period has none."""
    start, end = period.eligible_from, period.eligible_until
    if start and end:
        return _(
            "%(period)s takes innovations implemented from %(start)s to %(end)s; an innovation implemented "
            "earlier needs the explanation of its development in that time."
        ) % {"period": period.name, "start": _day(start), "end": _day(end)}
    if start:
        return _(
            "%(period)s takes innovations implemented from %(start)s; an innovation implemented earlier needs "
            "the explanation of its development since."
        ) % {"period": period.name, "start": _day(start)}
    if end:
        return _("%(period)s takes innovations implemented until %(end)s.") % {"period": period.name, "end": _day(end)}
    return ""


def eligibility_problem(inovasi: Inovasi) -> str:
    """Why the period does not take the innovation as it stands (empty when it does).

    Only an implementation date is judged: an innovation still at the inisiatif or uji coba stage
    has none. Implemented before the window: taken with the explanation of its development
    (`development_note`). Implemented after it: it belongs to a later assessment.
    """
    period, implemented = inovasi.period, inovasi.implementation_date
    if implemented is None:
        return ""
    start, end = period.eligible_from, period.eligible_until
    if start and implemented < start and not inovasi.development_note.strip():
        return _(
            "Implemented on %(date)s, before the window of %(period)s (%(window)s): fill in the explanation of "
            "the development in the profile to show how it has been developed since %(start)s, or correct "
            "the implementation date."
        ) % {"date": _day(implemented), "period": period.name, "window": _window_range(period), "start": _day(start)}
    if end and implemented > end:
        return _(
            "Implemented on %(date)s, after the window of %(period)s (%(window)s): it belongs to a later "
            "assessment. Correct the implementation date if it is wrong."
        ) % {"date": _day(implemented), "period": period.name, "window": _window_range(period)}
    return ""


def outside_window(period: Period) -> Q:
    """`eligibility_problem` as a filter over the period's innovations, for the dashboards' warnings."""
    wrong = Q(pk__in=[])
    if period.eligible_from:
        wrong |= Q(implementation_date__lt=period.eligible_from, development_note__regex=r"^\s*$")
    if period.eligible_until:
        wrong |= Q(implementation_date__gt=period.eligible_until)
    return wrong


def _window_range(period: Period) -> str:
    start, end = period.eligible_from, period.eligible_until
    return " – ".join(_day(day) if day else "…" for day in (start, end))
