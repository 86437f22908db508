"""The review workflow: the one place that changes an innovation's status.

A move not listed in RULES is refused (409). Each rule says who may make it and what it
needs; `transition` checks them, updates the row only if its status is still the one we
read (so two reviewers acting at once cannot both win), and writes the StatusChange row
that the history, the review queue and the notifications read.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from inovasi import notify
from inovasi.access import check_window, may_edit
from inovasi.completeness import Item, checklist, indicator_states
from inovasi.dates import eligibility_problem
from inovasi.models import Inovasi, StatusChange
from inovasi.reconcile import difference_problem, unjudged_problem
from inovasi.revisions import take_revision
from inovasi.signals import scores_affected
from portal.accounts.access import Access, access_for
from portal.accounts.models import User
from portal.audit.log import record
from portal.refusals import BadInput, WrongState

S = Inovasi.Status


class Incomplete(BadInput):
    """The innovation misses items that submission requires (400)."""


class NoteRequired(BadInput):
    pass


class NotEligible(WrongState):
    """The period does not take the innovation as it stands (its implementation date, inovasi.dates): 409."""


class NotReconciled(WrongState):
    """A verdict is missing, or a claim still differs from its verified level (inovasi.reconcile): 409."""


def _is_operator(access: Access, inovasi: Inovasi) -> bool:
    return may_edit(access, inovasi)


def _is_reviewer(access: Access, inovasi: Inovasi) -> bool:
    return access.can_review


def _sends_nationally(access: Access, inovasi: Inovasi) -> bool:
    return access.can_send_nationally


def _endorses(access: Access, inovasi: Inovasi) -> bool:
    return access.can_endorse(inovasi.opd)


def _with_endorsement(inovasi: Inovasi) -> bool:
    """The period's rule: submissions go to the kepala OPD first."""
    return inovasi.period.kepala_endorsement


def _without_endorsement(inovasi: Inovasi) -> bool:
    return not inovasi.period.kepala_endorsement


PRIMARY, SECONDARY, DANGER = "btn-primary", "btn-outline-secondary", "btn-outline-danger"


@dataclass(frozen=True)
class Rule:
    allowed: Callable[[Access, Inovasi], bool]
    label: str | Promise  # the button's text (lazily translated)
    style: str = PRIMARY  # the button's Bootstrap class
    needs_note: bool = False
    needs_complete: bool = False
    needs_window: bool = False
    needs_sent_on: bool = False
    needs_eligible: bool = False  # the period takes it: implemented in its window, or development explained
    needs_verdicts: bool = False  # every indicator with a level has a verdict
    needs_reconciled: bool = False  # every claim equals its verified level (what is exported)
    applies: Callable[[Inovasi], bool] | None = None  # a rule of the period decides whether the move exists
    confirm: bool = False  # undoes the OPD's work: asked on its own page first (GET on the move's URL)


SUBMIT = gettext_lazy("Submit for review")
TO_KEPALA = gettext_lazy("Submit to the kepala OPD for endorsement")
WITHDRAW = gettext_lazy("Withdraw to draft")
RULES: dict[tuple[str, str], Rule] = {
    (S.DRAFT, S.SUBMITTED): Rule(
        _is_operator, SUBMIT, needs_complete=True, needs_window=True, applies=_without_endorsement
    ),
    (S.DRAFT, S.AWAITING_ENDORSEMENT): Rule(
        _is_operator, TO_KEPALA, needs_complete=True, needs_window=True, applies=_with_endorsement
    ),
    (S.AWAITING_ENDORSEMENT, S.DRAFT): Rule(_is_operator, WITHDRAW, SECONDARY, confirm=True),
    (S.AWAITING_ENDORSEMENT, S.SUBMITTED): Rule(_endorses, gettext_lazy("Endorse and send to Bappeda")),
    (S.AWAITING_ENDORSEMENT, S.RETURNED): Rule(
        _endorses, gettext_lazy("Return to the operator"), SECONDARY, needs_note=True
    ),
    (S.SUBMITTED, S.DRAFT): Rule(_is_operator, WITHDRAW, SECONDARY, confirm=True),
    (S.SUBMITTED, S.IN_REVIEW): Rule(_is_reviewer, gettext_lazy("Start the review")),
    (S.IN_REVIEW, S.RETURNED): Rule(_is_reviewer, gettext_lazy("Return for revision"), needs_note=True),
    (S.RETURNED, S.SUBMITTED): Rule(
        _is_operator, SUBMIT, needs_complete=True, needs_window=True, applies=_without_endorsement
    ),
    (S.RETURNED, S.AWAITING_ENDORSEMENT): Rule(
        _is_operator, TO_KEPALA, needs_complete=True, needs_window=True, applies=_with_endorsement
    ),
    (S.IN_REVIEW, S.APPROVED): Rule(_is_reviewer, gettext_lazy("Approve"), needs_verdicts=True),
    (S.IN_REVIEW, S.REJECTED): Rule(_is_reviewer, gettext_lazy("Reject"), DANGER, needs_note=True),
    (S.APPROVED, S.READY): Rule(
        _sends_nationally, gettext_lazy("Mark ready to send"), needs_eligible=True, needs_reconciled=True
    ),
    (S.READY, S.SENT): Rule(_sends_nationally, gettext_lazy("Mark as sent"), needs_sent_on=True),
}


@dataclass(frozen=True)
class Move:
    """A move the user may make now, as the review page offers it: pages render these, never raw statuses."""

    target: str  # the status it leads to
    label: str | Promise  # the button's text (lazily translated)
    style: str  # the button's Bootstrap class
    needs_note: bool  # a note for the OPD is required
    needs_sent_on: bool  # the date it was entered in the national application is required
    refusal: str = ""  # why `transition` would refuse it now (shown beside the button); empty when it would not
    confirm: bool = False  # the button is a link to the move's confirmation page (GET on its URL)

    @classmethod
    def of(cls, target: str, rule: Rule, refusal: str = "") -> "Move":
        return cls(target, rule.label, rule.style, rule.needs_note, rule.needs_sent_on, refusal, rule.confirm)


# The targets whose moves are confirmed on their own page first (withdrawing to draft).
CONFIRMED_TARGETS = frozenset(to for (_source, to), rule in RULES.items() if rule.confirm)


def move_to_confirm(inovasi: Inovasi, to: str, *, actor: User) -> Move:
    """The move the confirmation page asks about, refused as `transition` would refuse it now (409 when the
    status has no such move, 403 when the actor may not make it, the window where the rule needs it)."""
    access = access_for(actor)
    rule = _rule_for(inovasi, to)
    if not rule.allowed(access, inovasi):
        raise PermissionDenied
    if rule.needs_window:
        check_window(access, inovasi.period)
    return Move.of(to, rule, _refusal(rule, inovasi))


class StaleRecord(WrongState):
    """Someone else moved the innovation between our read and our write."""


def allowed_moves(access: Access, inovasi: Inovasi) -> list[Move]:
    """The Moves this user may make on the innovation now (the review page's buttons)."""
    return [Move.of(to, rule, _refusal(rule, inovasi)) for to, rule in _open_rules(access, inovasi)]


def submission_move(access: Access, inovasi: Inovasi) -> Move | None:
    """The move that hands the innovation in (to Bappeda, or to its kepala first) if this user may make it now.

    Without its refusal: the page offering it shows what is missing itself (the checklist it already read).
    """
    return next((Move.of(to, rule) for to, rule in _open_rules(access, inovasi) if rule.needs_complete), None)


def _open_rules(access: Access, inovasi: Inovasi) -> Iterator[tuple[str, Rule]]:
    """(target, rule) of each move this user may make from the innovation's status now."""
    window_open = access.can_bypass_entry_window or inovasi.period.entry_is_open()
    for (source, to), rule in RULES.items():
        if (
            source == inovasi.status
            and _applies(rule, inovasi)
            and rule.allowed(access, inovasi)
            and (window_open or not rule.needs_window)
        ):
            yield to, rule


def _applies(rule: Rule, inovasi: Inovasi) -> bool:
    return rule.applies is None or rule.applies(inovasi)


def transition(
    inovasi: Inovasi,
    to: str,
    *,
    actor: User,
    note: str = "",
    sent_on: date | None = None,
    request: HttpRequest | None = None,
) -> StatusChange:
    """Move `inovasi` to `to` and return the StatusChange.

    In order: refuse a move RULES does not list (409) or the actor may not make (403);
    check the note, window, eligibility (409) and completeness the rule asks for; then in one transaction update
    the row only if its status is unchanged, snapshot a revision on submission, write the
    StatusChange, the history row, the notices and the audit row `inovasi.transition`
    (`request` only gives it the IP address).
    """
    access = access_for(actor)
    rule = _rule_for(inovasi, to)
    if not rule.allowed(access, inovasi):
        raise PermissionDenied
    _check_needs(rule, access, inovasi, note)
    with transaction.atomic():
        _claim(inovasi, to, sent_on)
        scores_affected.send(Inovasi, inovasi=inovasi, reason="status")
        # What the OPD submitted: a snapshot each time it leaves the OPD's hands for review.
        revision = take_revision(inovasi, actor) if inovasi.status in Inovasi.EDITABLE_STATUSES else None
        change = StatusChange.objects.create(
            inovasi=inovasi, from_status=inovasi.status, to_status=to, actor=actor, note=note.strip(), revision=revision
        )
        inovasi.status = to  # an event (the StatusChange above), not a field diff: no history row
        record(
            "inovasi.transition",
            actor=actor,
            obj=inovasi,
            before={"status": change.from_status},
            after={"status": to},
            request=request,
        )
        # Inbox rows in this transaction; their e-mails are queued only once it commits.
        notify.status_changed(change)
    return change


def _rule_for(inovasi: Inovasi, to: str) -> Rule:
    rule = RULES.get((inovasi.status, to))
    if rule is None or not _applies(rule, inovasi):
        raise WrongState(
            _("An innovation that is %(current)s cannot become %(target)s.")
            % {"current": inovasi.get_status_display(), "target": S(to).label}
        )
    return rule


def _not_eligible(rule: Rule, inovasi: Inovasi) -> str:
    """Why the period does not take the innovation, for a rule that needs it to (empty otherwise)."""
    return eligibility_problem(inovasi) if rule.needs_eligible else ""


def _not_reconciled(rule: Rule, inovasi: Inovasi) -> str:
    """A missing verdict or a claim above its verified level, for a rule that needs none (empty otherwise)."""
    if rule.needs_verdicts:
        return unjudged_problem(inovasi)
    return difference_problem(inovasi) if rule.needs_reconciled else ""


def _refusal(rule: Rule, inovasi: Inovasi) -> str:
    """Why `transition` would refuse the rule's move now, as the button shows it (empty: it would not)."""
    return _not_eligible(rule, inovasi) or _not_reconciled(rule, inovasi) or _incomplete(rule, inovasi)


def missing_items(inovasi: Inovasi) -> list[Item]:
    """The checklist's items not yet done, in the checklist's order."""
    return [item for item in checklist(inovasi, indicator_states(inovasi)) if not item.done]


def _incomplete(rule: Rule, inovasi: Inovasi) -> str:
    """How much is missing, for a rule that needs a complete innovation (empty otherwise)."""
    if not rule.needs_complete:
        return ""
    count = len(missing_items(inovasi))
    return (
        ngettext(
            "Not complete yet: %(count)s item is missing (see the indicators page).",
            "Not complete yet: %(count)s items are missing (see the indicators page).",
            count,
        )
        % {"count": count}
        if count
        else ""
    )


def _check_needs(rule: Rule, access: Access, inovasi: Inovasi, note: str) -> None:
    if rule.needs_note and not note.strip():
        raise NoteRequired(_("Write a note that tells the OPD why."))
    if rule.needs_window:
        check_window(access, inovasi.period)
    problem = _not_eligible(rule, inovasi)
    if problem:
        raise NotEligible(problem)
    problem = _not_reconciled(rule, inovasi)
    if problem:
        raise NotReconciled(problem)
    if rule.needs_complete:
        missing = [item.label for item in missing_items(inovasi)]
        if missing:
            raise Incomplete(_("Complete these items before submitting: %(items)s.") % {"items": "; ".join(missing)})


def _claim(inovasi: Inovasi, to: str, sent_on: date | None) -> None:
    """Conditional update: succeeds only while the status is still the one this request read."""
    extra = {"sent_on": sent_on or timezone.localdate()} if to == S.SENT else {}
    changed = Inovasi.objects.filter(pk=inovasi.pk, status=inovasi.status).update(
        status=to, updated_at=timezone.now(), **extra
    )
    if changed != 1:
        raise StaleRecord(_("This innovation was just changed by someone else. Reload the page and try again."))
    for name, value in extra.items():
        setattr(inovasi, name, value)


def record_national_outcome(
    inovasi: Inovasi,
    *,
    actor: User,
    outcome: str,
    score: Decimal | None,
    request: HttpRequest | None = None,
) -> None:
    """After sending: what the national verification decided, kept beside our own numbers.

    The row, its dirty mark and the audit row `inovasi.national_outcome` commit together.
    """
    if not access_for(actor).can_send_nationally:
        raise PermissionDenied
    if inovasi.status != S.SENT:
        raise WrongState(_("The national outcome can be recorded only after the innovation was sent."))
    inovasi.national_outcome, inovasi.national_score = outcome, score
    with transaction.atomic():  # the save, its dirty mark and its audit row commit together
        inovasi.save(update_fields=["national_outcome", "national_score", "updated_at"])
        record(
            "inovasi.national_outcome",
            actor=actor,
            obj=inovasi,
            after={"outcome": outcome, "score": score},
            request=request,
        )
