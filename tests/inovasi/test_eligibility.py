"""The eligibility window of each period (Period.eligible_from .. eligible_until, inovasi.dates).

An approved innovation implemented before the window without the explanation of its development,
or after the window, cannot be marked *siap kirim*: the view answers 409 with the reason, nothing
changes, and the review page shows the same reason beside the move.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from inovasi.completeness import checklist
from inovasi.dates import eligibility_problem
from inovasi.models import Inovasi
from portal.catalogue.copy import copy_catalogue
from portal.catalogue.models import Period
from tests.inovasi.workflow_helpers import build_complete_draft, changes, set_status, state_of, verdicts_as_claimed

S = Inovasi.Status
BEFORE, INSIDE, AFTER = datetime.date(2023, 12, 31), datetime.date(2024, 1, 1), datetime.date(2026, 1, 1)


@pytest.fixture
def approved_innovation(personas):
    """The personas plus `.period` (IGA 2026, open) and `.inovasi`: complete, approved, implemented
    inside the window (2025-06-01), no development explanation."""
    found = build_complete_draft(personas)
    found.inovasi = set_status(verdicts_as_claimed(found.inovasi), S.APPROVED)
    return found


def with_dates(inovasi, implementation, note=""):
    Inovasi.objects.filter(pk=inovasi.pk).update(
        trial_date=min(implementation, datetime.date(2023, 6, 1)),
        implementation_date=implementation,
        development_note=note,
    )
    return Inovasi.objects.get(pk=inovasi.pk)


def mark_ready(client, approved_innovation):
    client.force_login(approved_innovation.admin)
    return client.post(reverse("inovasi-transition", args=[approved_innovation.inovasi.pk, S.READY]))


def problem_in_indonesian(inovasi):
    with translation.override("id"):
        return eligibility_problem(Inovasi.objects.get(pk=inovasi.pk))


def test_the_seeded_periods_hold_their_windows(db):
    windows = {period.year: (period.eligible_from, period.eligible_until) for period in Period.objects.all()}
    assert windows == {
        2023: (datetime.date(2021, 1, 1), datetime.date(2022, 12, 31)),
        2026: (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),
    }


def test_the_catalogue_fixture_seeds_the_same_windows(catalogue):
    assert sorted(Period.objects.values_list("year", "eligible_from", "eligible_until")) == [
        (2023, datetime.date(2021, 1, 1), datetime.date(2022, 12, 31)),
        (2026, datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),
    ]


def test_a_copied_catalogue_moves_the_window_with_the_year(db):
    copy = copy_catalogue(Period.objects.get(year=2026), 2027)
    assert (copy.eligible_from, copy.eligible_until) == (datetime.date(2025, 1, 1), datetime.date(2026, 12, 31))


@pytest.mark.parametrize(("implementation", "after"), [(BEFORE, False), (AFTER, True)])
def test_outside_the_window_without_explanation_siap_kirim_is_409_with_the_reason_and_changes_nothing(
    client, approved_innovation, implementation, after
):
    inovasi = with_dates(approved_innovation.inovasi, implementation)
    before = state_of(inovasi)
    response = mark_ready(client, approved_innovation)
    reason = problem_in_indonesian(inovasi)
    assert (response.status_code, response.templates[0].name) == (409, "refused.html")
    assert response.context["message"] == reason
    assert escape(reason) in response.content.decode()
    assert state_of(inovasi) == before
    assert changes(inovasi) == []
    # The reason names the window and what to do.
    with translation.override("en"):
        english = eligibility_problem(inovasi)
    assert "1 January 2024 – 31 December 2025" in english
    assert ("later assessment" if after else "explanation of the development") in english


def test_implemented_before_the_window_with_an_explanation_it_becomes_siap_kirim(client, approved_innovation):
    with_dates(approved_innovation.inovasi, BEFORE, note="Fitur pengaduan daring ditambahkan pada 2024.")
    response = mark_ready(client, approved_innovation)
    assert response.status_code == 302
    assert Inovasi.objects.get(pk=approved_innovation.inovasi.pk).status == S.READY


@pytest.mark.parametrize("implementation", [INSIDE, datetime.date(2025, 12, 31)])
def test_implemented_inside_the_window_it_becomes_siap_kirim_without_explanation(
    client, approved_innovation, implementation
):
    with_dates(approved_innovation.inovasi, implementation)
    assert mark_ready(client, approved_innovation).status_code == 302
    assert Inovasi.objects.get(pk=approved_innovation.inovasi.pk).status == S.READY


def test_after_the_window_an_explanation_does_not_help(client, approved_innovation):
    with_dates(approved_innovation.inovasi, AFTER, note="Dikembangkan lagi.")
    assert mark_ready(client, approved_innovation).status_code == 409
    assert Inovasi.objects.get(pk=approved_innovation.inovasi.pk).status == S.APPROVED


def test_an_innovation_without_an_implementation_date_is_not_judged_by_the_window(client, approved_innovation):
    Inovasi.objects.filter(pk=approved_innovation.inovasi.pk).update(implementation_date=None)
    assert mark_ready(client, approved_innovation).status_code == 302


def test_the_review_page_shows_the_reason_beside_the_move(client, approved_innovation):
    inovasi = with_dates(approved_innovation.inovasi, BEFORE)
    client.force_login(approved_innovation.admin)
    response = client.get(reverse("inovasi-review", args=[inovasi.pk]))
    reason = problem_in_indonesian(inovasi)
    (ready,) = response.context["moves"]
    assert (ready.target, ready.refusal) == (S.READY, reason)
    page = response.content.decode()
    assert f'id="refusal-{S.READY}" data-refusal="{S.READY}">{escape(reason)}</p>' in page
    assert f'disabled aria-describedby="refusal-{S.READY}"' in page


def test_inside_the_window_the_review_page_offers_the_move_without_a_reason(client, approved_innovation):
    client.force_login(approved_innovation.admin)
    response = client.get(reverse("inovasi-review", args=[approved_innovation.inovasi.pk]))
    assert [(move.target, move.refusal) for move in response.context["moves"]] == [(S.READY, "")]
    assert "data-refusal" not in response.content.decode()


def test_the_checklist_explains_the_window_and_names_the_problem(approved_innovation):
    with translation.override("en"):
        inside = checklist(approved_innovation.inovasi, [])[7].note
        outside = checklist(with_dates(approved_innovation.inovasi, BEFORE), [])[7].note
    assert inside == (
        "IGA 2026 takes innovations implemented from 1 January 2024 to 31 December 2025; an innovation "
        "implemented earlier needs the explanation of its development in that time."
    )
    assert outside.startswith("Implemented on 31 December 2023, before the window of IGA 2026")
