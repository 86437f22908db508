"""Which rejected innovations divide the city's SID (issue 14 item 1), through a real recompute.

BSKDN divides by every innovation *reported*, a nationally rejected one included (it adds 0).
One Bappeda rejected was never reported: it is in neither projection.
"""

from decimal import Decimal as D

import pytest

from inovasi.models import Inovasi
from portal.catalogue.models import Basis
from scoring import recompute
from scoring.models import CityScore
from tests.inovasi.factories import make_inovasi
from tests.scoring.world import S, answer, build, with_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def world_without_floor(personas):
    """The hand-worked world with k = 1, so that n, not the floor, divides."""
    built = build(personas)
    built.period.sid_divisor_floor = 1
    built.period.save()
    return built


def _add_w(world, status, outcome=""):
    """W (OPD A): 16 level 3, 9 points claimed were it to count."""
    w = make_inovasi(world.opd_a, world.operator_a, world.period, name="W")
    answer(w, 16, 3, world.operator_a)
    Inovasi.objects.filter(pk=w.pk).update(national_outcome=outcome)
    return with_status(w, status)


def _projections(period):
    recompute.run(period.pk, full=True)
    return {
        score.basis: (score.maturity_sum, score.n, score.divisor, score.sid)
        for score in CityScore.objects.filter(period=period)
    }


def test_the_world_alone(world_without_floor):
    # Claimed: X 17 + Y 3 + Z 0 (rejected nationally) over n = 3; verified: X 14 + Z 0 over n = 2.
    assert _projections(world_without_floor.period) == {
        Basis.CLAIMED: (D(20), 3, 3, D("6.6667")),
        Basis.VERIFIED: (D(14), 2, 2, D("7.0000")),
    }


def test_a_locally_rejected_innovation_changes_neither_projection(world_without_floor):
    _add_w(world_without_floor, S.REJECTED)
    # Before the fix W counted in n of both: 20 / 4 = 5 and 14 / 3 = 4.6667.
    assert _projections(world_without_floor.period) == {
        Basis.CLAIMED: (D(20), 3, 3, D("6.6667")),
        Basis.VERIFIED: (D(14), 2, 2, D("7.0000")),
    }


def test_a_national_rejection_after_sending_counts_in_n_and_adds_nothing(world_without_floor):
    _add_w(world_without_floor, S.SENT, Inovasi.NationalOutcome.REJECTED)
    assert _projections(world_without_floor.period) == {
        Basis.CLAIMED: (D(20), 4, 4, D("5.0000")),
        Basis.VERIFIED: (D(14), 3, 3, D("4.6667")),
    }


def test_a_sent_innovation_not_yet_judged_nationally_counts_with_its_maturity(world_without_floor):
    _add_w(world_without_floor, S.SENT)
    # W's verified level is 0 (not reviewed), so it adds 9 claimed and 0 verified.
    assert _projections(world_without_floor.period) == {
        Basis.CLAIMED: (D(29), 4, 4, D("7.2500")),
        Basis.VERIFIED: (D(14), 3, 3, D("4.6667")),
    }
