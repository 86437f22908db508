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
from portal.catalogue.models import Period, ReferenceOption
from portal.refusals import WrongState

# Evidence and levels belong to the year they were judged in, so they are not copied. A HAKI or an award
# stays the innovation's, so those documents are (the two rows then name one stored file, never deleted).
M2M_FIELDS = ("urusan_lain", "asta_cita")
COPIED_FIELDS = [
    *(name for name in Inovasi.PROFILE_FIELDS if name not in (*M2M_FIELDS, "development_note")),
    "haki_document",
    "award_document",
]


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
    unasked = earlier.unasked_fields(period)  # only the items the new period's form asks for
    inovasi = Inovasi(
        period=period,
        opd=earlier.opd,
        predecessor=earlier,
        development_note=note,
        created_by=user,
        **{name: _in_list_of(period, getattr(earlier, name)) for name in COPIED_FIELDS if name not in unasked},
    )
    urusan_lain = list(earlier.urusan_lain.all())
    asta_cita = [] if "asta_cita" in unasked else [_in_list_of(period, o) for o in earlier.asta_cita.all()]

    def set_m2m(saved):
        saved.urusan_lain.set(urusan_lain)
        saved.asta_cita.set([option for option in asta_cita if option])

    return save_profile(inovasi, m2m=set_m2m)


def _in_list_of(period, value):
    """`value`, with an option of another year's own list swapped for the same code in `period`'s list
    (catalogue.copy gives each year its copy), or None when `period` has no such option."""
    if not isinstance(value, ReferenceOption) or value.period_id in (None, period.pk):
        return value
    return ReferenceOption.objects.filter(period=period, kind=value.kind, code=value.code, is_active=True).first()
