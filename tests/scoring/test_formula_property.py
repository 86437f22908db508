"""The SQL of scoring.calculate gives what scoring.formula gives, on random periods.

Each example writes a period of its own (random constants, a few SID and SPD indicators, up to 9
innovations in any status with random answers, evidence and verdicts) into PostgreSQL, then holds
the database's results, fresh and as a recompute stores them, equal to the pure module's.
"""

import pytest
from hypothesis import event, example, given, settings

from portal.catalogue.models import Basis
from scoring import calculate, dirty, recompute, store
from scoring.models import CityScore
from tests.scoring import builders

pytestmark = pytest.mark.django_db


def _where(n, edge):
    return "below" if n < edge else "at" if n == edge else "above"


@settings(max_examples=60, deadline=None)
@given(spec=builders.periods())
@example(spec=builders.equal_raises())
def test_the_database_computes_what_the_formula_says(spec):
    with builders.rolled_back():
        built = builders.build(spec)
        expected = builders.expected(built)
        n = expected.projections[Basis.CLAIMED].n
        event(f"n {_where(n, spec.divisor_floor)} the divisor floor, {_where(n, spec.count_cap)} the count cap")

        # Per innovation: the whole period (one hash join on evidence) and named ones (a probe each).
        assert {row.inovasi_id: row for row in calculate.innovation_rows(built.period)} == expected.rows
        named = calculate.innovation_rows(built.period, [i.pk for i in built.inovasi])
        assert {row.inovasi_id: row for row in named} == expected.rows
        assert calculate.rules_for(built.period) == expected.rules
        assert built.period.total_maximum == expected.rules.total_maximum  # the admin's figure, computed apart
        assert calculate.spd_total(built.period) == expected.spd

        # The city, computed fresh and as a full recompute stores it.
        assert calculate.fresh(built.period).projections == expected.projections
        recompute.run(built.period.pk, full=True)
        assert_stored(built, expected)

        # One innovation changes status: the incremental run rebuilds from the stored groups.
        moved = builders.moved_first(built)
        for inovasi in moved.inovasi[:1]:
            dirty.mark_inovasi(inovasi, "status")
            assert recompute.run(moved.period.pk).mode == "incremental"
        assert_stored(moved, builders.expected(moved))


def assert_stored(built, expected):
    assert store.stored_innovation_values(built.period) == expected.rows
    stored = {c.basis: store.projection_values(c) for c in CityScore.objects.filter(period=built.period)}
    assert stored == {basis: store.projection_values(p) for basis, p in expected.projections.items()}
