"""An innovation's profile: create, edit, soft delete and restore, each a rule with its own audit row.

Each function checks who may act and whether the record may change now, then writes in ONE
transaction the change, the completeness and the audit row, so a failure leaves neither.
`request` is passed through to the audit row only (IP address).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from inovasi.access import check_window, ensure_editable, ensure_restorable, may_edit
from inovasi.completeness import refresh_completeness
from inovasi.models import PROFILE_HISTORY, Inovasi, InovasiPhoto
from inovasi.uploads import forget_upload, pending_upload
from portal.accounts.access import access_for
from portal.accounts.models import User
from portal.audit.log import changed_fields, record, snapshot

# Sets the saved innovation's many-to-many fields (the form's save_m2m, or a copy's urusan).
SetM2m = Callable[[Inovasi], object]


@transaction.atomic
def save_profile(inovasi: Inovasi, *, m2m: SetM2m | None = None) -> Inovasi:
    """Save `inovasi`, then run `m2m` (which sets its many-to-many fields), recording ONE history row.

    simple-history would otherwise write a row for the save and one more per m2m change,
    so a single edit would show up as two or three changes, the first with stale urusan.
    No permission check and no audit row: the functions below (and carry_forward) do both.
    """
    created = inovasi.pk is None
    inovasi.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        inovasi.save()
        if m2m:
            m2m(inovasi)
    finally:
        del inovasi.skip_history_when_saving  # type: ignore[attr-defined]
    PROFILE_HISTORY.create_historical_record(inovasi, "+" if created else "~")
    refresh_completeness(inovasi)
    return inovasi


def create_inovasi(
    inovasi: Inovasi, *, actor: User, m2m: SetM2m | None = None, request: HttpRequest | None = None
) -> Inovasi:
    """Store the new, unsaved `inovasi` (its OPD and period set) as a draft of `actor`: `inovasi.create`."""
    access = access_for(actor)
    if not may_edit(access, inovasi):
        raise PermissionDenied
    check_window(access, inovasi.period)
    inovasi.created_by = actor
    with _forgetting_documents_on_failure(inovasi), transaction.atomic():
        save_profile(inovasi, m2m=m2m)
        record("inovasi.create", actor=actor, obj=inovasi, request=request)
    return inovasi


def update_profile(
    inovasi: Inovasi, *, actor: User, m2m: SetM2m | None = None, request: HttpRequest | None = None
) -> Inovasi:
    """Save the changed profile of `inovasi`: `inovasi.update` with the fields that changed, before and after."""
    ensure_editable(access_for(actor), inovasi)
    with _forgetting_documents_on_failure(inovasi), transaction.atomic():
        before = snapshot(Inovasi.objects.select_for_update().get(pk=inovasi.pk))
        save_profile(inovasi, m2m=m2m)
        old, new = changed_fields(before, snapshot(Inovasi.objects.get(pk=inovasi.pk)))
        record("inovasi.update", actor=actor, obj=inovasi, before=old, after=new, request=request)
    return inovasi


@contextmanager
def _forgetting_documents_on_failure(inovasi: Inovasi) -> Iterator[None]:
    """The profile documents a save stores are removed again when its transaction fails: nothing points at them."""
    uploads = [pending_upload(getattr(inovasi, name)) for name in Inovasi.PROFILE_DOCUMENTS]
    try:
        yield
    except BaseException:
        for upload in uploads:
            forget_upload(upload)
        raise


def delete_inovasi(inovasi: Inovasi, *, actor: User, request: HttpRequest | None = None) -> Inovasi:
    """Soft delete: the row stays (the admin may restore it) with its deletion time, `inovasi.delete`."""
    ensure_editable(access_for(actor), inovasi)
    with transaction.atomic():  # the deletion, its dirty mark and its audit row commit together
        inovasi.deleted_at = timezone.now()
        inovasi._history_user = actor  # type: ignore[attr-defined]  # simple-history's user, also outside a request
        inovasi.save(update_fields=["deleted_at"])
        record("inovasi.delete", actor=actor, obj=inovasi, request=request)
    return inovasi


def restore_inovasi(inovasi: Inovasi, *, actor: User, request: HttpRequest | None = None) -> bool:
    """Bring back a soft-deleted innovation; return whether it was deleted at all.

    The one rule for both ways in: *Inovasi yang dihapus* (its OPD's operators, inside the period's
    entry window) and the Django admin's action (the admin, at any time). The restore, its dirty mark
    (the save's signal, as for the deletion) and the audit row `inovasi.restore` (`deleted_at` before
    and after) commit together; a second restore of the same row changes nothing.
    """
    ensure_restorable(access_for(actor), inovasi)
    with transaction.atomic():  # the restore, its dirty mark and its audit row commit together
        stored = Inovasi.objects.select_for_update().filter(pk=inovasi.pk).values_list("deleted_at", flat=True).get()
        if stored is None:
            inovasi.deleted_at = None
            return False
        inovasi.deleted_at = None
        inovasi._history_user = actor  # type: ignore[attr-defined]
        inovasi.save(update_fields=["deleted_at"])
        record(
            "inovasi.restore",
            actor=actor,
            obj=inovasi,
            before={"deleted_at": stored.isoformat()},
            after={"deleted_at": None},
            request=request,
        )
    return True


def add_photo(
    inovasi: Inovasi, photo: InovasiPhoto, *, actor: User, request: HttpRequest | None = None
) -> InovasiPhoto:
    """Attach an already checked photo (decoded as PNG/JPEG by its form): `photo.add`."""
    ensure_editable(access_for(actor), inovasi)
    upload = pending_upload(photo.image)
    try:
        with transaction.atomic():
            photo.inovasi = inovasi
            photo.save()
            record("photo.add", actor=actor, obj=photo, request=request)
    except BaseException:
        forget_upload(upload)
        raise
    return photo


def remove_photo(photo: InovasiPhoto, *, actor: User, request: HttpRequest | None = None) -> None:
    """Remove a photo of an editable innovation: `photo.delete`, written before the row goes."""
    ensure_editable(access_for(actor), photo.inovasi)
    with transaction.atomic():
        record("photo.delete", actor=actor, obj=photo, request=request)
        photo.delete()
