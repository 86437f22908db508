"""A past OPD terinovatif award (IGA 2025), run through the award's own rules: criteria, jury, decision."""

from datetime import date
from decimal import Decimal

from portal.accounts.models import User
from portal.awards import rules
from portal.awards.models import Award, Category, Criterion, JuryScore
from portal.catalogue.models import Period

YEAR = 2025
DECIDED_ON = date(2025, 12, 10)
JURORS = ("pendamping", "pimpinan")
# IGA 2025's verified maturity is not in the demo (its innovations were sent before the portal), so
# the approved count and the jury decide; the OPD ranking score keeps its place.
WEIGHTS = {Criterion.Kind.OPD_SCORE: Decimal(1), Criterion.Kind.APPROVED: Decimal(5), Criterion.Kind.JURY: Decimal(1)}
PER_CATEGORY = 2  # finalists per category presenting to the jury, besides the jury's favourites
FAVOURITES = ("Diskominfo", "PKM Ngletih", "DPMPTSP", "Bappeda", "Dispendik")  # presented best


def seed():
    """The decided award of IGA 2025; running it again changes nothing. Returns the award (None without the year)."""
    period = Period.objects.filter(year=YEAR).first()
    if period is None:
        return None
    existing = Award.objects.filter(period=period).first()
    if existing:
        return existing
    admin = User.objects.get(username="admin")
    award = Award.objects.create(period=period, signatory_name="Kepala Bappeda (demo)")
    rules.ensure_criteria(award)
    award.jurors.set(User.objects.filter(username__in=JURORS))
    weights = {kind: WEIGHTS.get(kind, Decimal(0)) for kind in Criterion.Kind.values}
    rules.set_weights(award, weights, actor=admin)
    finalists = _finalists(award)
    award.shortlist.set(finalists)
    for juror_index, juror in enumerate(award.jurors.order_by("username")):
        for opd in finalists:
            points = (9 if opd.short_name in FAVOURITES else 6) - juror_index
            rules.save_jury_score(award, juror, opd, dict.fromkeys(JuryScore.RUBRIC, points))
    rules.close_jury(award, actor=admin)
    return rules.decide(award, DECIDED_ON, actor=admin)


def _finalists(award):
    """The best OPDs of each category in the award's table before the jury, and the favourites."""
    chosen = {category: [] for category in Category.values}
    for row in rules.compute(award):
        best = len(chosen[row.category]) < PER_CATEGORY and row.total > 0
        if best or row.opd.short_name in FAVOURITES:
            chosen[row.category].append(row.opd)
    return [opd for opds in chosen.values() for opd in opds]
