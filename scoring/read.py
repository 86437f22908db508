"""What pages read of the stored scores: never computed on a page view."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime

from inovasi.models import Inovasi
from portal.accounts.models import Opd
from portal.catalogue.models import Band, Basis, Period, Urusan
from scoring.models import CityScore, DirtyMark, InovasiScore, OpdScore, ScoreState


@dataclass(frozen=True)
class Freshness:
    """When the shown scores were computed, and whether a change is still waiting for its recompute."""

    computed_at: datetime | None
    recalculating: bool


def freshness(period: Period, state: ScoreState | None = None) -> Freshness:
    """`state`: the period's ScoreState when the caller has it already (None: read it here)."""
    if state is None:
        computed_at = ScoreState.objects.filter(period=period).values_list("computed_at", flat=True).first()
    else:
        computed_at = state.computed_at
    return Freshness(computed_at, DirtyMark.objects.filter(period=period).exists())


def inovasi_score(inovasi: Inovasi) -> InovasiScore | None:
    return InovasiScore.objects.filter(inovasi=inovasi).first()


def city_scores(period: Period) -> dict[str, CityScore]:
    """{basis: CityScore}, claimed first, with both bases present once computed."""
    found = {score.basis: score for score in CityScore.objects.filter(period=period)}
    return {basis: found[basis] for basis in (Basis.CLAIMED, Basis.VERIFIED) if basis in found}


def opd_ranking(period: Period, limit: int | None = None, scored_only: bool = False) -> list[OpdScore]:
    ranked = OpdScore.objects.filter(period=period).select_related("opd").order_by("rank", "opd__name")
    if scored_only:
        ranked = ranked.exclude(score=0)
    return list(ranked[:limit] if limit else ranked)


def split_unscored(ranking: list[OpdScore]) -> tuple[list[OpdScore], list[OpdScore]]:
    """(the OPDs with a score, those at 0): pages list the first and collapse the rest into one line."""
    return [row for row in ranking if row.score], [row for row in ranking if not row.score]


def targets(state: ScoreState | None) -> dict[str, Any]:
    """The stored targets, with the OPDs without an innovation and every basic-service urusan as rows."""
    found: dict[str, Any] = dict(state.targets) if state else {}
    if found:
        found["opds_without"] = list(Opd.objects.filter(pk__in=found["opds_without"]).order_by("name"))
        covered = set(found["yandas_covered"])
        found["yandas"] = [
            (urusan, urusan.pk in covered) for urusan in Urusan.objects.filter(group=Urusan.Group.PELAYANAN_DASAR)
        ]
    return found


def _path_time(stored: dict[str, Any], state: ScoreState | None) -> datetime | None:
    """When the path was computed, when that is before the scores shown (a big period's path follows
    its full runs only); None when it is as fresh as they are."""
    computed_at = parse_datetime(stored["computed_at"]) if stored.get("computed_at") else None
    if computed_at is None or state is None or state.computed_at is None or computed_at >= state.computed_at:
        return None
    return computed_at


def path(state: ScoreState | None) -> list[dict[str, Any]]:
    """The stored path to the next band (scoring.planning), claimed first, with the bands' labels."""
    stored: dict[str, Any] = (state.targets.get("path") or {}) if state else {}
    found = []
    for basis in (Basis.CLAIMED, Basis.VERIFIED):
        if basis in stored:
            plan = dict(stored[basis])
            plan["basis"] = basis
            plan["band_label"] = Band(plan["band"]).label
            plan["target_label"] = Band(plan["target_band"]).label if plan["target_band"] else None
            plan["computed_at"] = _path_time(stored, state)
            found.append(plan)
    return found
