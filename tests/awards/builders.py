"""Awards, stored OPD scores and the sample award records the URL sweep points at."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from portal.awards.models import Award, Category, Result
from portal.awards.rules import ensure_criteria
from portal.catalogue.models import Period
from scoring.models import OpdScore


def opd_score(period, opd, *, score, rank, verified_sum=0, verified_n=0):
    """A stored OPD ranking row, as the recompute would leave it."""
    defaults = {
        "claimed_sum": Decimal(score),
        "claimed_n": verified_n,
        "verified_sum": Decimal(verified_sum),
        "verified_n": verified_n,
        "score": Decimal(score),
        "rank": rank,
        "sid_points": Decimal(0),
        "sid_share": Decimal(0),
    }
    return OpdScore.objects.update_or_create(period=period, opd=opd, defaults=defaults)[0]


def make_award(period, *, jurors=(), shortlist=()):
    award = Award.objects.create(period=period, signatory_name="Dr. Contoh Kepala")
    ensure_criteria(award)
    award.jurors.set(jurors)
    award.shortlist.set(shortlist)
    return award


def add_award_records(personas):
    """An open award of the current period (pendamping judges, OPD A shortlisted) and a decided 2023 one."""
    personas.award = make_award(Period.objects.current(), jurors=[personas.pendamping], shortlist=[personas.opd_a])
    past = make_award(Period.objects.get(year=2023))
    personas.award_result = Result.objects.create(
        award=past,
        opd=personas.opd_a,
        category=Category.PERANGKAT_DAERAH,
        rank=1,
        category_rank=1,
        parts={},
        total=Decimal(1),
        winner=True,
    )
    Award.objects.filter(pk=past.pk).update(decided_on=date(2024, 1, 15), jury_closed_at=timezone.now())
    return personas
