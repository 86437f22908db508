"""How complete an innovation is: the checklist the form shows and the percentage lists filter on."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from inovasi.models import Answer, Inovasi
from portal.catalogue.models import Indicator

MIN_RANCANG_BANGUN_WORDS = 300

PROFILE_ITEMS = [
    (_("Innovation name"), lambda i: bool(i.name)),
    (_("Stage"), lambda i: bool(i.tahapan_id)),
    (_("Initiator"), lambda i: bool(i.inisiator_id)),
    (_("Type"), lambda i: bool(i.jenis_id)),
    (_("Form"), lambda i: bool(i.bentuk_id)),
    (_("Theme"), lambda i: bool(i.tematik_id)),
    (_("Main urusan"), lambda i: bool(i.urusan_utama_id)),
    (_("Trial and implementation dates"), lambda i: bool(i.trial_date and i.implementation_date)),
    (_("Design (rancang bangun) of at least 300 words"), lambda i: i.rancang_bangun_words >= MIN_RANCANG_BANGUN_WORDS),
    (_("Objectives, benefits and results"), lambda i: bool(i.tujuan and i.manfaat and i.hasil)),
]


@dataclass(frozen=True)
class Item:
    label: str
    done: bool


@dataclass(frozen=True)
class IndicatorState:
    """What the form shows next to one indicator."""

    indicator: object
    answer: Answer | None
    evidence_count: int

    # The states (also the badge's CSS class, state-<state>) and what the form calls them.
    COMPLETE, MISSING_EVIDENCE, MANDATORY_MISSING, EMPTY = "complete", "missing_evidence", "mandatory_missing", "empty"
    LABELS = {
        COMPLETE: _("Complete"),
        MISSING_EVIDENCE: _("Level chosen, evidence missing"),
        MANDATORY_MISSING: _("Mandatory, not filled in"),
        EMPTY: _("Not filled in"),
    }

    @property
    def level(self):
        return self.answer.level if self.answer else 0

    @property
    def state(self):
        if self.level and self.evidence_count:
            return self.COMPLETE
        if self.level:
            return self.MISSING_EVIDENCE
        return self.MANDATORY_MISSING if self.indicator.is_mandatory else self.EMPTY

    @property
    def label(self):
        return self.LABELS[self.state]

    @property
    def counts(self):
        """A level counts only when its evidence is there."""
        return self.state == self.COMPLETE


def indicator_states(inovasi):
    """One IndicatorState per active SID indicator of the innovation's period, in order (2 queries)."""
    indicators = inovasi.period.indicators.filter(scope=Indicator.Scope.SID, is_archived=False).order_by("order")
    answers = {
        answer.indicator_id: answer
        for answer in Answer.objects.filter(inovasi=inovasi).annotate(evidence_count=Count("evidence"))
    }
    return [
        IndicatorState(indicator, answers.get(indicator.pk), getattr(answers.get(indicator.pk), "evidence_count", 0))
        for indicator in indicators
    ]


def checklist(inovasi, states):
    items = [Item(str(label), test(inovasi)) for label, test in PROFILE_ITEMS]
    for state in states:
        if state.indicator.is_mandatory or state.level:
            label = _("Indicator %(number)s with evidence") % {"number": state.indicator.number}
            items.append(Item(str(label), state.counts))
    return items


def percentage(items):
    return round(100 * sum(item.done for item in items) / len(items)) if items else 0


def refresh_completeness(inovasi):
    """Recompute and store the percentage after any change to the profile, answers or evidence."""
    value = percentage(checklist(inovasi, indicator_states(inovasi)))
    Inovasi.objects.filter(pk=inovasi.pk).update(completeness=value)
    inovasi.completeness = value
    return value
