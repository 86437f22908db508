"""Indicator cards: one form per indicator (level, note, basis and optionally one evidence item), saved in place.

Shared by an innovation's indicators (SID) and the region's (SPD). With htmx the save answers with the card
alone (its message inside, focused) and the parts that follow from it out of band; without JavaScript it
redirects back to the card (success) or re-renders the page with the card's errors (400), focused on load.
The rules themselves (who may, verdict reset, completeness, audit) are inovasi.answers' set_claim and
add_evidence; this module only decides which of them a submitted card asks for.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from inovasi.answers import add_evidence, evidence_from_form, one_completeness_refresh, set_claim
from inovasi.completeness import IndicatorState
from inovasi.forms import AnswerForm, EvidenceForm
from inovasi.models import Answer, CommentThread, Evidence, Inovasi
from portal.catalogue.models import Indicator

# A message meant for one card (the no-JavaScript path carries it through the messages framework).
CARD_TAG = "in-card"
EVIDENCE_FIELDS = ("subject", "document_number", "document_date", "url")
# A card message's alert colour and its level in the messages framework, both ways.
MESSAGE_LEVELS = {"success": messages.SUCCESS, "info": messages.INFO, "danger": messages.ERROR}
ALERT_COLOURS = {level: colour for colour, level in MESSAGE_LEVELS.items()}


@dataclass
class CardMessage:
    level: str  # a Bootstrap alert colour: success, info or danger
    text: str


@dataclass
class CardSave:
    """The outcome of one submitted card: saved (forms None) or refused with its bound forms."""

    message: CardMessage
    answer_form: AnswerForm | None = None
    evidence_form: EvidenceForm | None = None

    @property
    def saved(self) -> bool:
        return self.answer_form is None


@dataclass
class Row:
    """What a card and its jump-list entry show for one indicator."""

    state: IndicatorState
    save_url: str
    evidence: list[Evidence]
    answer_form: AnswerForm
    evidence_form: EvidenceForm
    open_threads: int = 0
    message: CardMessage | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # the shared-document offer, where there is one

    @property
    def indicator(self) -> Indicator:
        return self.state.indicator  # type: ignore[return-value]

    @property
    def verdict(self) -> str:
        """The reviewer's verdict, once there is one (empty while waiting)."""
        answer = self.state.answer
        if answer is None or answer.verification == Answer.Verification.PENDING:
            return ""
        return answer.get_verification_display()


def _wants_evidence(request) -> bool:
    return bool(request.FILES.get("file")) or any(request.POST.get(name, "").strip() for name in EVIDENCE_FIELDS)


def _claim_of(indicator: Indicator, inovasi: Inovasi | None) -> dict[str, Any] | None:
    return Answer.objects.filter(indicator=indicator, inovasi=inovasi).values("level", "note", "basis").first()


def save_card(request, indicator: Indicator, inovasi: Inovasi | None) -> CardSave:
    """Validate the whole card first; then, in one transaction, the claim if it changed and the evidence if given.

    Bad input changes nothing: a valid level is not saved while the evidence beside it is refused. A post
    without a level (an evidence-only form) leaves the claim as it is.
    """
    wants_evidence = _wants_evidence(request)
    asks_claim = "level" in request.POST or not wants_evidence
    answer_form = AnswerForm(request.POST, indicator=indicator) if asks_claim else None
    evidence_form = EvidenceForm(request.POST, request.FILES, indicator=indicator) if wants_evidence else None
    valid = [form.is_valid() for form in (answer_form, evidence_form) if form is not None]  # every form's errors
    if not all(valid):
        text = _("Indicator %(number)s was not saved. Correct the fields marked below; choose the file again.")
        return CardSave(
            CardMessage("danger", text % {"number": indicator.number}),
            answer_form or AnswerForm(initial=_claim_of(indicator, inovasi), indicator=indicator),
            evidence_form or EvidenceForm(indicator=indicator),
        )
    claim = {"note": "", "basis": "", **answer_form.cleaned_data} if answer_form else None
    changed = claim is not None and _claim_of(indicator, inovasi) != claim
    with transaction.atomic(), one_completeness_refresh():
        if changed:
            set_claim(indicator, inovasi, actor=request.user, request=request, **claim)
        if evidence_form is not None:
            add_evidence(indicator, inovasi, evidence_from_form(evidence_form), actor=request.user, request=request)
    return CardSave(_saved_message(indicator, changed, evidence_form is not None))


def _saved_message(indicator: Indicator, claim_changed: bool, evidence_added: bool) -> CardMessage:
    number = {"number": indicator.number}
    if claim_changed and evidence_added:
        return CardMessage("success", _("Indicator %(number)s was saved and its evidence added.") % number)
    if evidence_added:
        return CardMessage("success", _("The evidence for indicator %(number)s was added.") % number)
    if claim_changed:
        return CardMessage("success", _("Indicator %(number)s was saved.") % number)
    return CardMessage("info", _("Indicator %(number)s had no changes to save.") % number)


def carry_message(request, indicator: Indicator, message: CardMessage) -> None:
    """Hand the card's message to the page the browser is redirected to (no JavaScript)."""
    level = MESSAGE_LEVELS.get(message.level, messages.INFO)
    messages.add_message(request, level, message.text, extra_tags=f"{CARD_TAG} card-{indicator.pk}")


def carried_messages(request) -> dict[int, CardMessage]:
    """The card messages waiting for this page, by indicator id (reading them marks them shown)."""
    found = {}
    for message in messages.get_messages(request):
        tags = message.extra_tags.split()
        if CARD_TAG in tags:
            pk = int(next(tag for tag in tags if tag.startswith("card-")).removeprefix("card-"))
            found[pk] = CardMessage(ALERT_COLOURS.get(message.level, "info"), message.message)
    return found


def open_threads(inovasi: Inovasi | None) -> dict[int, int]:
    """Open comment threads per indicator of the innovation (none for the region)."""
    if inovasi is None:
        return {}
    rows = (
        CommentThread.objects.filter(inovasi=inovasi, resolved_at__isnull=True)
        .values("indicator_id")
        .annotate(count=Count("pk"))
    )
    return {row["indicator_id"]: row["count"] for row in rows}


def card_rows(
    states: list[IndicatorState],
    evidence: dict[int, list[Evidence]],
    save_url,
    *,
    threads: dict[int, int] | None = None,
    outcome: tuple[Indicator, CardSave] | None = None,
    carried: dict[int, CardMessage] | None = None,
) -> list[Row]:
    """One Row per state; the card of `outcome` keeps its bound forms and message, others show `carried` ones."""
    threads, carried = threads or {}, carried or {}
    rows = []
    for state in states:
        indicator: Indicator = state.indicator  # type: ignore[assignment]
        rows.append(
            Row(
                state=state,
                save_url=save_url(indicator),
                evidence=evidence.get(indicator.pk, []),
                answer_form=AnswerForm(initial=_initial(state), indicator=indicator),
                evidence_form=EvidenceForm(indicator=indicator),
                open_threads=threads.get(indicator.pk, 0),
                message=carried.get(indicator.pk),
            )
        )
        if outcome and outcome[0].pk == indicator.pk:
            _apply(rows[-1], outcome[1])
    return rows


def _apply(row: Row, outcome: CardSave) -> None:
    row.message = outcome.message
    if not outcome.saved:
        row.answer_form, row.evidence_form = outcome.answer_form, outcome.evidence_form  # type: ignore[assignment]


def _initial(state: IndicatorState) -> dict[str, Any]:
    answer = state.answer
    return {"level": state.level, "note": answer.note if answer else "", "basis": answer.basis if answer else ""}
