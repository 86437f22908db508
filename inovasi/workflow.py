"""The review workflow: the one place that changes an innovation's status.

A move not listed in RULES is refused (409). Each rule says who may make it and what it
needs; `transition` checks them, updates the row only if its status is still the one we
read (so two reviewers acting at once cannot both win), and writes the StatusChange row
that the history, the review queue and the notifications read.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi import notify
from inovasi.access import check_window, may_edit
from inovasi.completeness import checklist, indicator_states
from inovasi.models import PROFILE_HISTORY, Inovasi, StatusChange
from inovasi.revisions import take_revision
from portal.accounts.access import access_for
from portal.refusals import BadInput, WrongState
from scoring import dirty

S = Inovasi.Status


class Incomplete(BadInput):
    """The innovation misses items that submission requires (400)."""


class NoteRequired(BadInput):
    pass


def _is_operator(access, inovasi):
    return may_edit(access, inovasi)


def _is_reviewer(access, inovasi):
    return access.can_review


def _is_admin(access, inovasi):
    return access.is_admin


@dataclass(frozen=True)
class Rule:
    allowed: object  # (access, inovasi) -> bool
    needs_note: bool = False
    needs_complete: bool = False
    needs_window: bool = False


RULES = {
    (S.DRAFT, S.SUBMITTED): Rule(_is_operator, needs_complete=True, needs_window=True),
    (S.SUBMITTED, S.DRAFT): Rule(_is_operator),
    (S.SUBMITTED, S.IN_REVIEW): Rule(_is_reviewer),
    (S.IN_REVIEW, S.RETURNED): Rule(_is_reviewer, needs_note=True),
    (S.RETURNED, S.SUBMITTED): Rule(_is_operator, needs_complete=True, needs_window=True),
    (S.IN_REVIEW, S.APPROVED): Rule(_is_reviewer),
    (S.IN_REVIEW, S.REJECTED): Rule(_is_reviewer, needs_note=True),
    (S.APPROVED, S.READY): Rule(_is_admin),
    (S.READY, S.SENT): Rule(_is_admin),
}


class StaleRecord(WrongState):
    """Someone else moved the innovation between our read and our write."""


def allowed_moves(access, inovasi):
    """The targets this user may move the innovation to now (for the buttons)."""
    window_open = access.is_admin or inovasi.period.entry_is_open()
    return [
        to
        for (source, to), rule in RULES.items()
        if source == inovasi.status and rule.allowed(access, inovasi) and (window_open or not rule.needs_window)
    ]


def transition(inovasi, to, *, actor, note="", sent_on=None):
    """Move `inovasi` to `to` and return the StatusChange.

    In order: refuse a move RULES does not list (409) or the actor may not make (403);
    check the note, completeness and window the rule asks for; update the row only if its
    status is unchanged; snapshot a revision on submission; write the StatusChange and the
    history row.
    """
    access = access_for(actor)
    rule = _rule_for(inovasi, to)
    if not rule.allowed(access, inovasi):
        raise PermissionDenied
    _check_needs(rule, access, inovasi, note)
    with transaction.atomic():
        _claim(inovasi, to, sent_on)
        dirty.mark_inovasi(inovasi, "status")
        revision = take_revision(inovasi, actor) if to == S.SUBMITTED else None
        change = StatusChange.objects.create(
            inovasi=inovasi, from_status=inovasi.status, to_status=to, actor=actor, note=note.strip(), revision=revision
        )
        inovasi.status = to
        inovasi._history_user = actor  # also right outside a request (shell, Celery)
        PROFILE_HISTORY.create_historical_record(inovasi, "~")
        # Inbox rows in this transaction; their e-mails are queued only once it commits.
        notify.status_changed(change)
    return change


def _rule_for(inovasi, to):
    rule = RULES.get((inovasi.status, to))
    if rule is None:
        raise WrongState(
            _("An innovation that is %(current)s cannot become %(target)s.")
            % {"current": inovasi.get_status_display(), "target": S(to).label}
        )
    return rule


def _check_needs(rule, access, inovasi, note):
    if rule.needs_note and not note.strip():
        raise NoteRequired(_("Write a note that tells the OPD why."))
    if rule.needs_window:
        check_window(access, inovasi.period)
    if rule.needs_complete:
        missing = [item.label for item in checklist(inovasi, indicator_states(inovasi)) if not item.done]
        if missing:
            raise Incomplete(_("Complete these items before submitting: %(items)s.") % {"items": "; ".join(missing)})


def _claim(inovasi, to, sent_on):
    """Conditional update: succeeds only while the status is still the one this request read."""
    extra = {"sent_on": sent_on or timezone.localdate()} if to == S.SENT else {}
    changed = Inovasi.objects.filter(pk=inovasi.pk, status=inovasi.status).update(
        status=to, updated_at=timezone.now(), **extra
    )
    if changed != 1:
        raise StaleRecord(_("This innovation was just changed by someone else. Reload the page and try again."))
    for name, value in extra.items():
        setattr(inovasi, name, value)


def record_national_outcome(inovasi, *, actor, outcome, score):
    """After sending: what the national verification decided, kept beside our own numbers."""
    if not access_for(actor).is_admin:
        raise PermissionDenied
    if inovasi.status != S.SENT:
        raise WrongState(_("The national outcome can be recorded only after the innovation was sent."))
    inovasi.national_outcome, inovasi.national_score = outcome, score
    with transaction.atomic():  # the save and its dirty mark commit together
        inovasi.save(update_fields=["national_outcome", "national_score", "updated_at"])
