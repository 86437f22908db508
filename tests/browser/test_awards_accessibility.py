"""The award's pages under axe-core (WCAG 2.1 A/AA): the public *Penghargaan*, the juror's and the admin's page."""

from datetime import date

import pytest

from portal.awards import rules
from portal.catalogue.models import Period
from tests.awards.builders import make_award, opd_score
from tests.browser.helpers import axe, describe, duplicate_ids, serious, sign_in, unlabelled_controls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def awards(catalogue, personas):
    """A decided 2023 award with two winners and an open 2026 award judged by the pendamping."""
    p = personas
    past = make_award(Period.objects.get(year=2023), jurors=[p.pendamping])
    for opd, score, rank in ((p.opd_a, 50, 1), (p.opd_b, 40, 2)):
        opd_score(past.period, opd, score=score, rank=rank)
    rules.close_jury(past, actor=p.admin)
    rules.decide(past, date(2024, 1, 15), actor=p.admin)
    current = Period.objects.current()
    opd_score(current, p.opd_a, score=30, rank=1)
    return make_award(current, jurors=[p.pendamping], shortlist=[p.opd_a, p.opd_b])


def test_the_award_pages_have_no_serious_violations_and_every_control_labelled(awards, pages):
    checks = [
        ("public", None, False, "/penghargaan/"),
        ("juror", "pendamping", True, f"/penghargaan/kelola/{awards.pk}/"),
        ("admin", "admin", True, f"/penghargaan/kelola/{awards.pk}/"),
    ]
    problems = {}
    for name, who, totp, address in checks:
        page = pages.new(bypass_csp=True, viewport={"width": 1280, "height": 900})
        if who:
            sign_in(page, who, totp=totp)
        assert page.goto(address).status == 200, name
        pages.shot(page, name)
        found, label, unlabelled, duplicated = (
            serious(axe(page)),
            axe(page, "label"),
            unlabelled_controls(page),
            duplicate_ids(page),
        )
        if found or label or unlabelled or duplicated:
            problems[name] = (
                f"{describe(found)}\nlabel: {describe(label)}\nunlabelled: {unlabelled}\nduplicates: {duplicated}"
            )
    assert not problems, "\n\n".join(f"{name}:\n{text}" for name, text in problems.items())
