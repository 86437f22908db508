"""The path to the next band of both projections, from the period's stored inputs, as stored JSON.

Run by the recompute after the innovation rows and groups are up to date (three queries: the
stored innovation rows, the SID levels per indicator, the names); pages only read the JSON kept
in `ScoreState.targets["path"]`. The arithmetic is `scoring.path`'s.
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection

from inovasi.models import Answer, Inovasi
from portal.accounts.models import Opd
from portal.catalogue.models import Basis, Period
from scoring import formula, path
from scoring.calculate import Reference, Result
from scoring.models import InovasiScore

LEVERS_KEPT = 10  # indicator levers and OPD levers stored per projection, each (the other kinds are few)
SUBJECTS_KEPT = 12  # innovations or OPDs named (and linked) per lever

# Per answer to a SID indicator of a stored row that counts and is not rejected, with evidence and a
# level above 0 on some basis: the level that counts in the claimed and in the verified projection
# (0 where it does not). Every other answer counts 0 on both, as an unanswered indicator does.
# The evidence is one hash join (not a lookup per answer): this reads every answer of the period.
LEVELS_SQL = """
SELECT an.indicator_id, an.inovasi_id,
       CASE WHEN s.in_claimed THEN an.level ELSE 0 END,
       CASE WHEN s.in_verified AND an.verification <> %s THEN COALESCE(an.verified_level, 0) ELSE 0 END
FROM inovasi_answer an
JOIN scoring_inovasiscore s ON s.inovasi_id = an.inovasi_id
JOIN (SELECT DISTINCT answer_id FROM inovasi_evidence) e ON e.answer_id = an.id
WHERE s.period_id = %s AND NOT s.rejected AND an.indicator_id IN ({indicators})
  AND (an.level > 0 OR an.verified_level > 0)
"""


class _Stored(NamedTuple):
    inovasi_id: int
    opd_id: int
    in_claimed: bool
    in_verified: bool
    rejected: bool
    claimed: Decimal
    lever_gain: Decimal
    yandas: int


def _levels(
    period: Period, bobot: Mapping[int, Decimal], live: Mapping[str, Sequence[int]]
) -> dict[str, list[path.IndicatorLevels]]:
    """{basis: levels per active SID indicator over that basis's `live` innovations (ids, ascending)}.

    An unanswered indicator counts 0; `below` names the SUBJECTS_KEPT lowest innovations.
    """
    counted: dict[str, dict[int, dict[int, int]]] = {
        basis: {indicator_id: {} for indicator_id in bobot} for basis in (Basis.CLAIMED, Basis.VERIFIED)
    }
    if bobot:
        sql = LEVELS_SQL.format(indicators=", ".join(["%s"] * len(bobot)))
        with connection.cursor() as cursor:
            cursor.execute(sql, [Answer.Verification.PENDING, period.pk, *sorted(bobot)])
            for indicator_id, inovasi_id, claimed, verified in cursor.fetchall():
                if claimed:
                    counted[Basis.CLAIMED][indicator_id][inovasi_id] = claimed
                if verified:
                    counted[Basis.VERIFIED][indicator_id][inovasi_id] = verified
    levels: dict[str, list[path.IndicatorLevels]] = {}
    for basis, per_indicator in counted.items():
        levels[basis] = []
        for indicator_id in sorted(bobot):
            level_of = per_indicator[indicator_id]  # only the live innovations' rows are read
            at_top = sum(1 for level in level_of.values() if level >= formula.TOP_LEVEL)
            below = _lowest(live[basis], level_of, SUBJECTS_KEPT)
            levels[basis].append(
                path.IndicatorLevels(indicator_id, bobot[indicator_id], sum(level_of.values()), at_top, below)
            )
    return levels


def _lowest(live: Sequence[int], level_of: Mapping[int, int], limit: int) -> tuple[int, ...]:
    """The first `limit` innovations below the top level, lowest level first, then by id.

    Level by level over the ids in order, stopping at `limit`: a national period's tens of thousands of
    innovations are not sorted once per indicator.
    """
    found: list[int] = []
    for wanted in range(formula.TOP_LEVEL):
        for pk in live:
            if level_of.get(pk, 0) == wanted:
                found.append(pk)
                if len(found) == limit:
                    return tuple(found)
    return tuple(found)


def paths(period: Period, reference: Reference, result: Result, groups: Iterable[formula.Group]) -> dict[str, Any]:
    """{basis: the plan and grouped levers of that projection, as JSON with the names pages show}."""
    rules, groups = reference.rules, list(groups)
    stored = [
        _Stored(*row)
        for row in InovasiScore.objects.filter(period=period)
        .order_by("inovasi_id")
        .values_list("inovasi_id", "opd_id", "in_claimed", "in_verified", "rejected", "claimed", "lever_gain", "yandas")
    ]
    live_of = {
        basis: [r for r in stored if not r.rejected and (r.in_claimed if basis == Basis.CLAIMED else r.in_verified)]
        for basis in (Basis.CLAIMED, Basis.VERIFIED)
    }
    levels = _levels(
        period, reference.catalogue.bobot, {b: [r.inovasi_id for r in rows] for b, rows in live_of.items()}
    )
    indicators = len(reference.catalogue.bobot)
    opds_without: list[int] = list(result.targets.get("opds_without", []))
    plans: dict[str, tuple[path.Plan, list[tuple[path.Lever, Decimal]]]] = {}
    for basis in (Basis.CLAIMED, Basis.VERIFIED):
        projection = result.projections[basis]
        live = live_of[basis]
        situation = path.Situation(
            projection.spd, projection.maturity_sum, projection.n, projection.yandas_covered, len(live), indicators
        )
        mask = formula.city_mask(groups, basis)
        levers = path.indicator_levers(levels[basis], len(live))
        if basis == Basis.CLAIMED:
            raises: dict[int, list[tuple[int, Decimal]]] = {}
            for r in live:
                raises.setdefault(r.opd_id, []).append((r.inovasi_id, Decimal(r.lever_gain)))
            levers += path.opd_levers(raises)
        else:
            waiting = [r for r in stored if r.in_claimed and not r.in_verified and not r.rejected]
            their_mask = mask
            for r in waiting:
                their_mask |= r.yandas
            newly = formula.covered_count(their_mask) - formula.covered_count(mask)
            claimed = sum((Decimal(r.claimed) for r in waiting), formula.ZERO)
            levers += path.verify_lever(claimed, [r.inovasi_id for r in waiting], newly, indicators)
        missing = formula.missing(reference.basic, mask)
        levers += path.new_innovation_levers(situation, missing, opds_without, rules)
        contributions = [(row.indicator_id, row.bobot * row.level_sum, len(live)) for row in levels[basis]]
        found = path.plan(situation, levers, rules, contributions)
        gains = sorted(
            ((lever, lever.gain(situation, rules)) for lever in levers),
            key=lambda item: (-item[1], item[0].kind, item[0].key),
        )
        plans[basis] = (found, _kept([(lever, gain) for lever, gain in gains if gain > 0]))
    return _as_json(plans, reference)


def _kept(levers: Sequence[tuple[path.Lever, Decimal]]) -> list[tuple[path.Lever, Decimal]]:
    """The biggest indicator and OPD levers, and every lever of the other kinds (few), in gain order."""
    seen: dict[str, int] = {}
    kept = []
    for item in levers:
        kind = item[0].kind
        seen[kind] = seen.get(kind, 0) + 1
        if kind not in (path.INDICATOR, path.OPD) or seen[kind] <= LEVERS_KEPT:
            kept.append(item)
    return kept


def _as_json(
    plans: Mapping[str, tuple[path.Plan, Sequence[tuple[path.Lever, Decimal]]]],
    reference: Reference,
) -> dict[str, Any]:
    """The plans with the names of what each lever concerns (one query for innovations and OPDs)."""
    shown: list[path.Lever] = []
    for found, levers in plans.values():
        shown += [lever for lever, _gain in levers]
        shown += [step.lever for step in found.steps]
    opd_ids = {lever.key for lever in shown if lever.kind == path.OPD}
    opd_ids |= {pk for lever in shown if lever.kind == path.OPDS_WITHOUT for pk in lever.subjects[:SUBJECTS_KEPT]}
    inovasi_ids = {
        pk
        for lever in shown
        if lever.kind in (path.INDICATOR, path.OPD, path.VERIFY)
        for pk in lever.subjects[:SUBJECTS_KEPT]
    }
    opd_names = {
        pk: short or name
        for pk, short, name in Opd.objects.filter(pk__in=opd_ids).values_list("pk", "short_name", "name")
    }
    inovasi_names = dict(Inovasi.objects.filter(pk__in=inovasi_ids).values_list("pk", "name"))

    def lever_json(lever: path.Lever, gain: Decimal) -> dict[str, Any]:
        described: dict[str, Any] = {
            "kind": lever.kind,
            "key": lever.key,
            "work": lever.work,
            "count": lever.count,
            "gain": _text(gain),
        }
        if lever.kind == path.INDICATOR:
            number, name = reference.indicator_names.get(lever.key, ("", ""))
            described |= {"number": number, "name": name, "to_level": formula.TOP_LEVEL}
        elif lever.kind == path.OPD:
            described["name"] = opd_names.get(lever.key, "")
        names = {path.OPDS_WITHOUT: opd_names, path.URUSAN: reference.urusan_names}.get(lever.kind, inovasi_names)
        described["subjects"] = [
            {"id": pk, "name": names.get(pk, "")} for pk in lever.subjects[:SUBJECTS_KEPT] if pk in names
        ]
        # An indicator lever keeps only its first subjects; its count says how many it concerns.
        described["more"] = max(max(lever.count, len(lever.subjects)) - len(described["subjects"]), 0)
        return described

    found_json: dict[str, Any] = {}
    for basis, (found, levers) in plans.items():
        found_json[basis] = {
            "iid": _text(found.iid),
            "band": found.band,
            "target_band": found.target_band,
            "edge": _text(found.edge) if found.edge is not None else None,
            "reached": found.reached,
            "full_iid": _text(found.full_iid) if found.full_iid is not None else None,
            "steps": [
                {"lever": lever_json(step.lever, step.gain), "gain": _text(step.gain), "iid": _text(step.iid)}
                for step in found.steps
            ],
            "protectors": [
                {"lever": lever_json(p.lever, p.loss), "loss": _text(p.loss), "iid": _text(p.iid)}
                for p in found.protectors
            ],
            "levers": [lever_json(lever, gain) for lever, gain in levers],
            "work": sum(step.lever.work for step in found.steps),
        }
    return found_json


def _text(value: Decimal) -> str:
    """Stored precision (4 decimals); pages print 2."""
    return str(value.quantize(Decimal("0.0001")))
