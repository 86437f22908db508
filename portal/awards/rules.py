"""The award's rules, one function each; the portal's views and the Django admin both call them.

- The table: every OPD in the period's stored OPD ranking (scoring.OpdScore) is a candidate; its
  total is Σ weight × value over the award's criteria, the values read from stored data (scores,
  status changes, mentoring follow-ups, jury scores). Ties go to the better OPD-ranking rank,
  then the name. The default weights (the OPD ranking score × 1, every other criterion × 0)
  reproduce the OPD ranking exactly.
- The jury: jurors score shortlisted OPDs until the admin closes the jury.
- The decision freezes the table (`Result` rows) with its date; nothing of the award changes after.

Every change is audited by `portal.audit.log.record` inside its own transaction.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from inovasi.models import FollowUp, Inovasi, StatusChange
from portal.audit.log import record
from portal.awards.access import is_juror, manages_awards
from portal.awards.models import (
    RUBRIC_MAX,
    Award,
    AwardFrozen,
    Category,
    Criterion,
    JuryScore,
    Result,
    category_of,
)
from scoring.models import OpdScore

DEFAULT_WEIGHTS = {Criterion.Kind.OPD_SCORE: Decimal(1)}
SUBMITTED = (Inovasi.Status.AWAITING_ENDORSEMENT, Inovasi.Status.SUBMITTED)
HUNDRED = Decimal(100)
MAX_WEIGHT = Decimal("9999")


class AwardRefused(Exception):
    """An action the award's state or the input does not allow; the message says why, in the UI's language."""


@dataclass
class Row:
    opd: object
    category: str
    opd_rank: int
    parts: dict = field(default_factory=dict)  # kind → (value, weight, points)
    total: Decimal = Decimal(0)
    rank: int = 0
    category_rank: int = 0

    def ordered_parts(self):
        """(label, value, weight, points) in the criteria's order."""
        return [(label, *self.parts[kind]) for kind, label in Criterion.Kind.choices if kind in self.parts]

    def get_category_display(self):
        return Category(self.category).label


# Criteria.


def ensure_criteria(award):
    """Give the award one criterion of every kind, with the default weights where missing."""
    for kind in Criterion.Kind.values:
        if not award.criteria.filter(kind=kind).exists():
            Criterion.objects.create(award=award, kind=kind, weight=DEFAULT_WEIGHTS.get(kind, Decimal(0)))


def weights_of(award):
    """(kind, label, weight) of every criterion, the default weight where the award has none stored."""
    stored = {c.kind: c.weight for c in award.criteria.all()}
    return [
        (kind, label, stored.get(kind, DEFAULT_WEIGHTS.get(kind, Decimal(0)))) for kind, label in Criterion.Kind.choices
    ]


def parse_weights(data):
    """{kind: Decimal} from posted text (`weight_<kind>`); AwardRefused with the reason if any is invalid."""
    weights = {}
    for kind, label in Criterion.Kind.choices:
        text = str(data.get(f"weight_{kind}", "")).strip().replace(",", ".")
        try:
            weight = Decimal(text)
        except InvalidOperation:
            raise AwardRefused(_("The weight of %(criterion)s must be a number.") % {"criterion": label}) from None
        if not weight.is_finite() or weight < 0 or weight > MAX_WEIGHT:
            raise AwardRefused(
                _("The weight of %(criterion)s must be between 0 and 9999.") % {"criterion": label}
            ) from None
        weights[kind] = weight.quantize(Decimal("0.001"))
    return weights


def set_weights(award, weights, *, actor, request=None):
    """Change the criteria's weights (all kinds given); refused once the award is decided."""
    with transaction.atomic():
        award = _locked(award)
        _refuse_if_decided(award)
        ensure_criteria(award)
        before = {c.kind: str(c.weight) for c in award.criteria.all()}
        for kind, weight in weights.items():
            Criterion.objects.filter(award=award, kind=kind).update(weight=weight)
        after = {c.kind: str(c.weight) for c in award.criteria.all()}
        record("award.criteria", actor=actor, obj=award, before=before, after=after, request=request)


# The table.


def table(award):
    """The award's table, best first: the frozen rows once decided, else computed from stored data now."""
    if award.is_decided:
        return [_row_of(result) for result in award.results.select_related("opd").order_by("rank")]
    return compute(award)


def compute(award):
    weights = {kind: weight for kind, _label, weight in weights_of(award)}
    scores = list(OpdScore.objects.filter(period=award.period, opd__is_active=True).select_related("opd"))
    values = _values(award, [score.opd for score in scores])
    rows = []
    for score in scores:
        row = Row(opd=score.opd, category=category_of(score.opd), opd_rank=score.rank)
        raw = {
            Criterion.Kind.OPD_SCORE: score.score,
            Criterion.Kind.VERIFIED_MATURITY: score.verified_sum,
            Criterion.Kind.APPROVED: Decimal(score.verified_n),
            **{kind: by_opd.get(score.opd_id, Decimal(0)) for kind, by_opd in values.items()},
        }
        for kind in Criterion.Kind.values:
            weight = weights.get(kind, Decimal(0))
            value = Decimal(raw[kind])
            row.parts[kind] = (value, weight, value * weight)
            row.total += value * weight
        rows.append(row)
    rows.sort(key=lambda row: (-row.total, row.opd_rank, row.opd.name))
    _rank(rows)
    return rows


def _rank(rows):
    """Equal totals share a rank (as the OPD ranking's equal pairs do); so within each category."""
    seen = {}
    for index, row in enumerate(rows):
        previous = rows[index - 1] if index else None
        row.rank = previous.rank if previous and _same(previous, row) else index + 1
        category_rows = seen.setdefault(row.category, [])
        last = category_rows[-1] if category_rows else None
        row.category_rank = last.category_rank if last and _same(last, row) else len(category_rows) + 1
        category_rows.append(row)


def _same(a, b):
    return a.total == b.total and a.opd_rank == b.opd_rank


def _values(award, opds):
    """Timeliness, follow-up and jury values per OPD id (0–100 each)."""
    ids = [opd.pk for opd in opds]
    return {
        Criterion.Kind.TIMELINESS: _timeliness(award.period, ids),
        Criterion.Kind.FOLLOW_UP: _follow_up(award.period, ids),
        Criterion.Kind.JURY: jury_means(award),
    }


def _timeliness(period, opd_ids):
    """% of the OPD's innovations of the period whose first submission came before the window closed."""
    firsts = (
        StatusChange.objects.filter(
            inovasi__period=period,
            inovasi__opd_id__in=opd_ids,
            inovasi__deleted_at__isnull=True,
            to_status__in=SUBMITTED,
        )
        .values("inovasi_id", "inovasi__opd_id")
        .annotate(first=Min("created_at"))
    )
    counts = {}
    for row in firsts:
        on_time = period.entry_closes_at is None or row["first"] <= period.entry_closes_at
        total, timely = counts.get(row["inovasi__opd_id"], (0, 0))
        counts[row["inovasi__opd_id"]] = (total + 1, timely + int(on_time))
    return {opd: _percent(timely, total) for opd, (total, timely) in counts.items()}


def _follow_up(period, opd_ids):
    """% of the OPD's mentoring actions of the period that are done; 100 where none were asked."""
    counts = dict.fromkeys(opd_ids, (0, 0))
    for action in FollowUp.objects.filter(session__case__period=period, session__case__opd_id__in=opd_ids).values(
        "session__case__opd_id", "done_at"
    ):
        total, done = counts[action["session__case__opd_id"]]
        counts[action["session__case__opd_id"]] = (total + 1, done + int(action["done_at"] is not None))
    return {opd: _percent(done, total) if total else HUNDRED for opd, (total, done) in counts.items()}


def _percent(part, whole):
    return (Decimal(part) * HUNDRED / whole).quantize(Decimal("0.01")) if whole else Decimal(0)


def jury_means(award):
    """The mean of the jurors' rubric scores (0–100) per shortlisted OPD id."""
    sums = {}
    for score in award.jury_scores.all():
        total, count = sums.get(score.opd_id, (Decimal(0), 0))
        sums[score.opd_id] = (total + score.score, count + 1)
    return {opd: (total / count).quantize(Decimal("0.01")) for opd, (total, count) in sums.items()}


def _row_of(result):
    parts = {
        kind: tuple(Decimal(part[key]) for key in ("value", "weight", "points")) for kind, part in result.parts.items()
    }
    return Row(
        opd=result.opd,
        category=result.category,
        opd_rank=0,
        parts=parts,
        total=result.total,
        rank=result.rank,
        category_rank=result.category_rank,
    )


# The jury.


def scores_visible_to(award, user):
    """The jury scores a user may read: the admin all; a juror his own until the jury is closed, then all."""
    if manages_awards(user) or (award.jury_closed and is_juror(award, user)):
        return award.jury_scores.select_related("opd", "juror")
    if is_juror(award, user):
        return award.jury_scores.filter(juror=user).select_related("opd", "juror")
    return JuryScore.objects.none()


def parse_rubric(data):
    values = {}
    for name in JuryScore.RUBRIC:
        text = str(data.get(name, "")).strip()
        if not text.isascii() or not text.isdigit() or not 0 <= int(text) <= RUBRIC_MAX:
            raise AwardRefused(_("Every rubric item needs a whole number from 0 to 10."))
        values[name] = int(text)
    return values


def save_jury_score(award, juror, opd, values, *, request=None):
    """A juror's rubric for a shortlisted OPD; refused once the jury is closed."""
    with transaction.atomic():
        award = _locked(award)
        _refuse_if_decided(award)
        if award.jury_closed:
            raise AwardRefused(_("The jury is closed: scores can no longer be changed."))
        if not is_juror(award, juror):
            raise AwardRefused(_("Only the award's jurors score presentations."))
        if not award.shortlist.filter(pk=opd.pk).exists():
            raise AwardRefused(_("Only shortlisted OPDs are scored by the jury."))
        existing = JuryScore.objects.filter(award=award, juror=juror, opd=opd).first()
        before = {name: getattr(existing, name) for name in JuryScore.RUBRIC} if existing else None
        score, _created = JuryScore.objects.update_or_create(award=award, juror=juror, opd=opd, defaults=values)
        record("award.jury_score", actor=juror, obj=score, before=before, after=values, request=request)
    return score


def close_jury(award, *, actor, request=None):
    with transaction.atomic():
        award = _locked(award)
        _refuse_if_decided(award)
        if award.jury_closed:
            raise AwardRefused(_("The jury is already closed."))
        award.jury_closed_at = timezone.now()
        award.save(update_fields=["jury_closed_at"])
        record(
            "award.jury_closed",
            actor=actor,
            obj=award,
            after={"jury_closed_at": str(award.jury_closed_at)},
            request=request,
        )


# The decision.


def parse_decision_date(text):
    try:
        decided_on = parse_date(str(text).strip())
    except ValueError:
        decided_on = None
    if decided_on is None:
        raise AwardRefused(_("Enter the decision date as YYYY-MM-DD."))
    if decided_on > timezone.localdate():
        raise AwardRefused(_("The decision date cannot be in the future."))
    return decided_on


def decide(award, decided_on, *, actor, request=None):
    """Freeze the table with its decision date and name the winner of each category (its first, total above 0)."""
    with transaction.atomic():
        award = _locked(award)
        _refuse_if_decided(award)
        if not award.jury_closed:
            raise AwardRefused(_("Close the jury before deciding the award."))
        rows = compute(award)
        for row in rows:
            Result.objects.create(
                award=award,
                opd=row.opd,
                category=row.category,
                rank=row.rank,
                category_rank=row.category_rank,
                parts={
                    kind: {"value": str(value), "weight": str(weight), "points": str(points)}
                    for kind, (value, weight, points) in row.parts.items()
                },
                total=row.total,
                winner=row.category_rank == 1 and row.total > 0,
            )
        award.decided_on, award.decided_at, award.decided_by = decided_on, timezone.now(), actor
        award.save(update_fields=["decided_on", "decided_at", "decided_by"])
        winners = {str(r.opd_id): r.category for r in award.results.filter(winner=True)}
        record(
            "award.decided",
            actor=actor,
            obj=award,
            after={"decided_on": str(decided_on), "winners": winners},
            request=request,
        )
    return award


def winners(award):
    """The winners of a decided award, in the categories' order."""
    order = {category: index for index, category in enumerate(Category.values)}
    rows = award.results.filter(winner=True).select_related("opd")
    return sorted(rows, key=lambda result: order[result.category])


def _locked(award):
    return Award.objects.select_for_update().get(pk=award.pk)


def _refuse_if_decided(award):
    if award.is_decided:
        raise AwardRefused(_("The award was decided on %(date)s: its table is frozen.") % {"date": award.decided_on})


__all__ = ["AwardFrozen", "AwardRefused"]
