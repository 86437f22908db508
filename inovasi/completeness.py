"""How complete an innovation is: the checklist the form shows and the percentage lists filter on."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from inovasi.dates import eligibility_problem, stage_dates_fit, stage_dates_label, window_text
from inovasi.models import Answer, Inovasi
from portal.catalogue.models import Indicator, ProfileItem

MIN_RANCANG_BANGUN_WORDS = 300


@dataclass(frozen=True)
class Item:
    label: str
    done: bool
    note: str = ""  # an explanation shown under the item (the eligibility window on the dates)
    field: str = ""  # the profile field where it is filled in (a link to the form's control)
    indicator_pk: int | None = None  # or the indicator whose card fills it in


def _item(label, field, test):
    return lambda i: Item(str(label), test(i), field=field)


def _dates_item(inovasi):
    """The dates the stage asks for (inovasi.dates), with the period's window (or why it is not met)."""
    note = eligibility_problem(inovasi) or window_text(inovasi.period)
    return Item(stage_dates_label(inovasi.tahapan), stage_dates_fit(inovasi), note, field="trial_date")


PROFILE_ITEMS = [
    _item(_("Innovation name"), "name", lambda i: bool(i.name)),
    _item(_("Stage"), "tahapan", lambda i: bool(i.tahapan_id)),
    _item(_("Initiator"), "inisiator", lambda i: bool(i.inisiator_id)),
    _item(_("Type"), "jenis", lambda i: bool(i.jenis_id)),
    _item(_("Form"), "bentuk", lambda i: bool(i.bentuk_id)),
    _item(_("Theme"), "tematik", lambda i: bool(i.tematik_id)),
    _item(_("Main urusan"), "urusan_utama", lambda i: bool(i.urusan_utama_id)),
    _dates_item,
    _item(
        _("Design (rancang bangun) of at least 300 words"),
        Inovasi.RANCANG_BANGUN_FIELDS[0],
        lambda i: i.rancang_bangun_words >= MIN_RANCANG_BANGUN_WORDS,
    ),
    _item(_("Objectives, benefits and results"), "tujuan", lambda i: bool(i.tujuan and i.manfaat and i.hasil)),
]

# The items a year's form asks for (Period.profile_items) and required there; the HAKI and award
# documents are asked too, but an innovation without a HAKI or an award is complete.
ASKED_ITEMS = {
    ProfileItem.LOKASI: (
        "latitude",
        lambda i: i.latitude is not None and i.longitude is not None and bool(i.address.strip()),
    ),
    ProfileItem.KLASIFIKASI: ("klasifikasi", lambda i: bool(i.klasifikasi_id)),
    ProfileItem.ASTA_CITA: ("asta_cita", lambda i: i.pk is not None and i.asta_cita.exists()),
    ProfileItem.PROGRAM_PRIORITAS: ("program_prioritas", lambda i: bool(i.program_prioritas_id)),
}


def _profile_items(inovasi):
    asked = [
        Item(str(item.label), test(inovasi), field=field)
        for item, (field, test) in ASKED_ITEMS.items()
        if inovasi.period.asks(item)
    ]
    return [item(inovasi) for item in PROFILE_ITEMS] + asked


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
    items = _profile_items(inovasi)
    for state in states:
        if state.indicator.is_mandatory or state.level:
            label = _("Indicator %(number)s with evidence") % {"number": state.indicator.number}
            items.append(Item(str(label), state.counts, indicator_pk=state.indicator.pk))
    return items


def percentage(items):
    return round(100 * sum(item.done for item in items) / len(items)) if items else 0


def refresh_completeness(inovasi):
    """Recompute and store the percentage after any change to the profile, answers or evidence."""
    value = percentage(checklist(inovasi, indicator_states(inovasi)))
    Inovasi.objects.filter(pk=inovasi.pk).update(completeness=value)
    inovasi.completeness = value
    return value
