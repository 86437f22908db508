"""The demo's past award: decided through the rules on the seeded IGA 2025, its winners public with their piagam."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.awards import rules
from portal.awards.models import Award, Category
from tests.pdf_text import pdf_text


@pytest.mark.django_db
def test_the_demo_holds_a_decided_past_award_with_winners_per_category(client):
    call_command("seed_demo", stdout=io.StringIO())
    award = Award.objects.get(period__year=2025)

    assert award.is_decided and award.decided_on == date(2025, 12, 10)
    winners = {(result.category, result.opd.short_name) for result in rules.winners(award)}
    assert (Category.PUSKESMAS, "PKM Ngletih") in winners
    assert {category for category, _opd in winners} == set(Category.values)

    page = client.get(reverse("awards-public")).content.decode()
    assert "Puskesmas Ngletih" in page
    ngletih = award.results.get(opd__short_name="PKM Ngletih")
    text = " ".join(pdf_text(client.get(reverse("awards-piagam", args=[ngletih.pk])).content).split())
    assert "Puskesmas Ngletih" in text and "Puskesmas" in text and "2025" in text
