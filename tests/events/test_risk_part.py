"""An OPD that missed the year's bimtek scores for it in the mentoring risk, shown as one of the parts."""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from inovasi.risk import MISSED_BIMTEK, opd_risks
from portal.events.models import Event
from portal.events.rules import opds_missing_bimtek
from tests.events.builders import attend, make_event
from tests.inovasi.factories import current_period, make_inovasi


def _label():
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext("Missed this year's bimtek")


def _part(risks, opd):
    return next(dict(risk.parts).get(_label(), 0) for risk in risks if risk.opd == opd)


def _held_in(year):
    return timezone.make_aware(datetime(year, 3, 2, 9, 0))


def test_an_invited_opd_nobody_of_which_attended_scores_the_part(personas):
    period = current_period()
    starts = _held_in(period.year)
    bimtek = make_event(personas.opd_a, personas.opd_b, starts=starts, hours=3)
    attend(bimtek, personas.kepala_a, personas.opd_a)  # OPD A came (its kepala), OPD B did not
    after = starts + timedelta(days=1)
    with translation.override(settings.LANGUAGE_CODE):
        risks = opd_risks(period, now=after)
    assert _part(risks, personas.opd_b) == MISSED_BIMTEK == 2
    assert _part(risks, personas.opd_a) == 0
    assert opds_missing_bimtek(period.year, after) == {personas.opd_b.pk}


def test_only_an_ended_bimtek_of_that_year_counts_and_a_role_invitation_covers_every_opd(personas):
    period = current_period()
    starts = _held_in(period.year)
    make_event(personas.opd_a, starts=starts, hours=3, kind=Event.Kind.SOSIALISASI)  # not a bimtek
    make_event(personas.opd_a, starts=_held_in(period.year - 1), hours=3)  # last year's
    make_event(personas.opd_a, starts=starts + timedelta(days=30), hours=3)  # not held yet
    assert opds_missing_bimtek(period.year, starts + timedelta(days=1)) == set()
    by_role = make_event(roles=["operator"], starts=starts, hours=3)
    attend(by_role, personas.operator_b, personas.opd_b)
    assert opds_missing_bimtek(period.year, starts + timedelta(days=1)) == {personas.opd_a.pk}


def test_the_mentoring_page_shows_the_part(client, personas):
    period = current_period()
    make_inovasi(personas.opd_a, personas.operator_a, period)
    make_inovasi(personas.opd_b, personas.operator_b, period)
    starts = timezone.now() - timedelta(days=2)
    if starts.year != period.year:  # the page reads the real clock: hold the bimtek in the period's year
        starts = _held_in(period.year)
    make_event(personas.opd_b, starts=starts, hours=3)
    client.force_login(personas.pendamping)
    content = client.get(reverse("mentoring-index")).content.decode()
    assert f"{escape(_label())} (+{MISSED_BIMTEK})" in content


def test_the_part_costs_a_fixed_number_of_queries(personas, django_assert_num_queries):
    period = current_period()
    starts = _held_in(period.year)
    after = starts + timedelta(days=40)
    make_event(personas.opd_a, roles=["kepala_opd"], starts=starts, hours=3)
    with django_assert_num_queries(4):  # events, invited OPDs, role members, then the OPDs not attended
        first = opds_missing_bimtek(period.year, after)
    for day in range(1, 4):
        make_event(personas.opd_b, roles=["operator"], starts=starts + timedelta(days=day), hours=3)
    with django_assert_num_queries(4):
        assert opds_missing_bimtek(period.year, after) == first | {personas.opd_b.pk}
