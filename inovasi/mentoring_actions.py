"""Pendampingan as actions: help requests, an OPD's case, its sessions and their follow-ups.

One function per change, called alike by the views, the shell and tasks. Each asks the access
helper whether the actor may act, then writes in ONE transaction: the change and its audit row.
A failure anywhere inside leaves neither.

`request` is passed through to the audit row only (IP address); nothing here reads it otherwise.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi.models import FollowUp, HelpRequest, MentoringCase, MentoringSession
from portal.accounts.access import access_for
from portal.audit.log import record
from portal.refusals import WrongState


def _ensure(allowed):
    if not allowed:
        raise PermissionDenied


# --- help requests ---------------------------------------------------------------------------------------------


def ask_for_help(opd, period, *, topic, inovasi=None, actor, request=None):
    """An operator's "minta pendampingan" for `opd` (on one of its innovations, or in general); return it."""
    _ensure(access_for(actor).can_ask_for_mentoring(opd))
    if inovasi is not None and (inovasi.opd_id != opd.pk or inovasi.period_id != period.pk):
        raise ValueError(f"Innovation {inovasi.pk} is not one of this OPD's in {period}.")
    with transaction.atomic():
        help_request = HelpRequest.objects.create(
            period=period, opd=opd, inovasi=inovasi, topic=topic, requested_by=actor
        )
        record("help_request.create", actor=actor, obj=help_request, request=request)
    return help_request


def update_help_request(help_request, status, *, actor, request=None):
    """A mentor moves a help request to `status` and becomes the one handling it."""
    _ensure(access_for(actor).can_mentor(help_request.opd))
    if status not in HelpRequest.Status.values:
        raise ValueError(f"{status!r} is not a help request status.")
    help_request.status, help_request.handled_by = status, actor
    with transaction.atomic():
        help_request.save(update_fields=["status", "handled_by"])
        record("help_request.update", actor=actor, obj=help_request, after={"status": status}, request=request)
    return help_request


def take_help_request(help_request, *, actor, request=None):
    return update_help_request(help_request, HelpRequest.Status.IN_PROGRESS, actor=actor, request=request)


def close_help_request(help_request, *, actor, request=None):
    return update_help_request(help_request, HelpRequest.Status.DONE, actor=actor, request=request)


# --- the OPD's case and its sessions ----------------------------------------------------------------------------


def open_case(opd, period, *, actor, request=None):
    """The OPD's case of `period`, opened (or reopened, if it was closed) by a mentor; return it."""
    _ensure(access_for(actor).can_mentor(opd))
    with transaction.atomic():
        return _open_case(opd, period, actor, request)


def _open_case(opd, period, actor, request):
    case, created = MentoringCase.objects.get_or_create(period=period, opd=opd, defaults={"opened_by": actor})
    case = MentoringCase.objects.select_for_update().get(pk=case.pk)
    reopened = case.closed_at is not None
    if reopened:
        case.closed_at = None
        case.save(update_fields=["closed_at"])
    if created or reopened:
        record("mentoring_case.open", actor=actor, obj=case, after={"reopened": reopened}, request=request)
    return case


def record_session(opd, period, *, held_on, mode, attendees, topic, notes="", actor, request=None):
    """A mentor records a session with `opd`; the session opens its case (or reopens a closed one)."""
    _ensure(access_for(actor).can_mentor(opd))
    with transaction.atomic():
        case = _open_case(opd, period, actor, request)
        session = MentoringSession.objects.create(
            case=case,
            held_on=held_on,
            mode=mode,
            attendees=attendees,
            topic=topic,
            notes=notes,
            recorded_by=actor,
        )
        record("mentoring_session.add", actor=actor, obj=session, request=request)
    return session


def close_case(case, *, actor, request=None):
    """The OPD's mentoring is complete (tuntas): refused while a follow-up action is still open."""
    _ensure(access_for(actor).can_mentor(case.opd))
    with transaction.atomic():
        locked = MentoringCase.objects.select_for_update().get(pk=case.pk)  # no follow-up is added meanwhile
        if locked.follow_ups_open():
            raise WrongState(_("Finish or close every follow-up action first."))
        case.closed_at = timezone.now()
        case.save(update_fields=["closed_at"])
        record("mentoring_case.close", actor=actor, obj=case, request=request)
    return case


# --- follow-up actions --------------------------------------------------------------------------------------------


def add_follow_up(session, *, action, owner, due_on, actor, request=None):
    """A mentor agrees a follow-up action at `session`: who does what by when."""
    _ensure(access_for(actor).can_mentor(session.case.opd))
    with transaction.atomic():
        MentoringCase.objects.select_for_update().get(pk=session.case_id)  # not while the case is being closed
        follow_up = FollowUp.objects.create(session=session, action=action, owner=owner, due_on=due_on)
        record("follow_up.add", actor=actor, obj=follow_up, request=request)
    return follow_up


def complete_follow_up(follow_up, *, actor, request=None):
    """Tick a follow-up off; return whether this call did (False: it was already done)."""
    _ensure(access_for(actor).can_complete_follow_up(follow_up.session.case.opd))
    now = timezone.now()
    with transaction.atomic():
        if not FollowUp.objects.filter(pk=follow_up.pk, done_at=None).update(done_at=now):
            return False
        follow_up.done_at = now
        record("follow_up.done", actor=actor, obj=follow_up, request=request)
    return True
