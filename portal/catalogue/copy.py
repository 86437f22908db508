"""Copying a period's catalogue: BSKDN changes the rules each year, Bappeda starts from last year's."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.catalogue.models import Indicator, Period, ReferenceOption

CONSTANTS = [
    "sid_divisor_floor",
    "count_factor",
    "count_cap",
    "yandas_required",
    "band_very_innovative_above",
    "band_innovative_above",
    "rejected_count_in_n",
    "opd_ranking_basis",
    "yandas_rule",
    "kepala_endorsement",
    "profile_items",
]


def copy_catalogue(source, year):
    """A new period (preparing, not current) with the source's constants, active indicators and own lists."""
    if Period.objects.filter(year=year).exists():
        raise ValidationError(_("A period for %(year)d already exists.") % {"year": year})
    period = Period.objects.create(
        year=year,
        name=f"IGA {year}",
        rules_note=_("Copied from %(source)s; check every value against the guide of %(year)d.")
        % {"source": source, "year": year},
        **{name: getattr(source, name) for name in CONSTANTS},
        # The window moves with the year (T-2 .. T-1 of the assessment year T): check it like the rest.
        eligible_from=_moved(source.eligible_from, year - source.year),
        eligible_until=_moved(source.eligible_until, year - source.year),
    )
    Indicator.objects.bulk_create(
        Indicator(
            period=period,
            **{
                f.name: getattr(indicator, f.name)
                for f in Indicator._meta.concrete_fields
                if f.name not in ("id", "period")
            },
        )
        for indicator in source.indicators.filter(is_archived=False)
    )
    # The year's own reference lists (klasifikasi, Asta Cita ...) follow; the shared lists serve it already.
    ReferenceOption.objects.bulk_create(
        ReferenceOption(period=period, kind=option.kind, code=option.code, name=option.name, order=option.order)
        for option in source.reference_options.filter(is_active=True)
    )
    return period


def _moved(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)
