"""'Ajukan kembali': an earlier period's innovation becomes a new draft of the current period."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from inovasi.access import check_window, may_edit
from inovasi.models import Inovasi
from inovasi.profile import save_profile
from portal.accounts.access import access_for
from portal.accounts.models import User
from portal.audit.log import record
from portal.catalogue.models import Period
from portal.refusals import WrongState

# Evidence and levels belong to the year they were judged in, so they are not copied.
COPIED_FIELDS = [name for name in Inovasi.PROFILE_FIELDS if name not in ("urusan_lain", "development_note")]


def carry_forward(
    earlier: Inovasi, period: Period, *, user: User, note: str, request: HttpRequest | None = None
) -> Inovasi:
    """The new draft of `period`, copied from `earlier`, with the audit row `inovasi.carry_forward`.

    Who may: whoever may change `earlier` (its OPD's operator, or the admin), inside the window
    of `period`. The draft, its history row and the audit row commit together.
    """
    access = access_for(user)
    if period.pk == earlier.period_id or not may_edit(access, earlier):
        raise PermissionDenied
    check_window(access, period)
    with transaction.atomic():
        inovasi = _copy(earlier, period, user=user, note=note)
        record("inovasi.carry_forward", actor=user, obj=inovasi, after={"from": earlier.pk}, request=request)
    return inovasi


def _copy(earlier: Inovasi, period: Period, *, user: User, note: str) -> Inovasi:
    if earlier.successors.alive().filter(period=period).exists():
        raise WrongState(_("This innovation has already been carried forward into %(period)s.") % {"period": period})
    inovasi = Inovasi(
        period=period,
        opd=earlier.opd,
        predecessor=earlier,
        development_note=note,
        created_by=user,
        **{name: getattr(earlier, name) for name in COPIED_FIELDS},
    )
    urusan_lain = list(earlier.urusan_lain.all())
    return save_profile(inovasi, m2m=lambda saved: saved.urusan_lain.set(urusan_lain))
