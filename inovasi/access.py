"""The one access helper for innovations, their answers and their evidence.

Reading: operators and kepala OPD see their own OPD, the city-wide roles see all;
anything else is a 404, so other OPDs' records do not even appear to exist.
Writing: the OPD's operator (or the Bappeda admin), in an editable state, inside the
period's entry window (the admin may act outside it).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from inovasi.models import Evidence, Inovasi, InovasiPhoto, SharedDocument
from portal.accounts.access import access_for
from portal.refusals import EntryClosed, WrongState


def may_edit(access, inovasi):
    return access.can_edit_records(inovasi.opd)


def can_edit_now(access, inovasi):
    """Whether edit controls should be offered: the same rules ensure_editable enforces."""
    open_for_user = access.can_bypass_entry_window or inovasi.period.entry_is_open()
    return may_edit(access, inovasi) and inovasi.is_editable_status and open_for_user


def check_window(access, period):
    if not access.can_bypass_entry_window and not period.entry_is_open():
        raise EntryClosed(_("The data-entry window of %(period)s is closed.") % {"period": period})


def ensure_editable(access, inovasi):
    if not may_edit(access, inovasi):
        raise PermissionDenied
    if not inovasi.is_editable_status:
        raise WrongState(
            _("This innovation is %(status)s and can no longer be changed.") % {"status": inovasi.get_status_display()}
        )
    check_window(access, inovasi.period)


def inovasi_for(request, pk, *, edit=False):
    """The innovation `pk` if the user may read it (404 otherwise); with edit=True also writable."""
    access = access_for(request.user)
    queryset = Inovasi.objects.visible_to(access).select_related("period", "opd", "bidang")
    inovasi = get_object_or_404(queryset, pk=pk)
    if edit:
        ensure_editable(access, inovasi)
    return inovasi


def ensure_restorable(access, inovasi):
    """Refuse unless the user may bring back `inovasi` now: its OPD's operator (or the admin), inside the
    period's entry window (the admin at any time)."""
    if not access.can_restore_records(inovasi.opd):
        raise PermissionDenied
    if not access.can_bypass_entry_window and not inovasi.period.entry_is_open():
        raise EntryClosed(
            _("%(name)s cannot be restored: the data-entry window of %(period)s is closed.")
            % {"name": inovasi.name, "period": inovasi.period}
        )


def can_restore_now(access, inovasi):
    """Whether to offer *Pulihkan*: the same rules ensure_restorable enforces."""
    open_for_user = access.can_bypass_entry_window or inovasi.period.entry_is_open()
    return access.can_restore_records(inovasi.opd) and open_for_user


def deleted_inovasi_for(request, pk):
    """The soft-deleted innovation `pk` if the user may see it (404 otherwise: another OPD's deleted records,
    like its live ones, do not even appear to exist)."""
    queryset = Inovasi.objects.deleted_visible_to(access_for(request.user)).select_related("period", "opd")
    return get_object_or_404(queryset, pk=pk)


def spd_editable(access, period):
    """Region-level (SPD) data is Bappeda's: only the admin fills it in."""
    if not access.can_manage_spd:
        raise PermissionDenied
    check_window(access, period)


def answer_scope_for(request, answer, *, edit=False):
    """Check access to an answer through what it belongs to: an innovation or the region."""
    access = access_for(request.user)
    if answer.inovasi_id:
        return inovasi_for(request, answer.inovasi_id, edit=edit)
    if not access.can_view_spd:
        raise Http404
    if edit:
        spd_editable(access, answer.indicator.period)
    return None


def evidence_for(request, pk, *, edit=False):
    evidence = get_object_or_404(Evidence.objects.select_related("answer__indicator__period"), pk=pk)
    answer_scope_for(request, evidence.answer, edit=edit)
    return evidence


def photo_for(request, pk, *, edit=False):
    photo = get_object_or_404(InovasiPhoto, pk=pk)
    inovasi_for(request, photo.inovasi_id, edit=edit)
    return photo


# --- shared documents (the evidence library) ------------------------------------------------------------------


def may_own_shared(access, opd):
    """Who keeps a shared document of `opd` (None: the city's): Bappeda's reviewers and admin for the city,
    the OPD's operators (and the admin who corrects them) for an OPD's own."""
    return access.can_review if opd is None else access.can_edit_records(opd)


def ensure_shared_editable(access, document):
    """Refuse unless the user is on the document's owner side, inside the period's entry window."""
    if not may_own_shared(access, document.opd):
        raise PermissionDenied
    check_window(access, document.period)


def shared_document_for(request, pk, *, edit=False):
    """The shared document `pk` if the user may read it (404 otherwise: another OPD's documents do not even
    appear to exist); with edit=True also changeable by them now."""
    access = access_for(request.user)
    if not access.can_list_innovations:
        raise Http404
    queryset = SharedDocument.objects.visible_to(access).select_related("period", "opd")
    document = get_object_or_404(queryset, pk=pk)
    if edit:
        ensure_shared_editable(access, document)
    return document
