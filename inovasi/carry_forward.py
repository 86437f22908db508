"""'Ajukan kembali': an earlier period's innovation becomes a new draft of the current period."""

from django.db import transaction
from django.utils.translation import gettext as _

from inovasi.forms import PROFILE_FIELDS
from inovasi.models import Inovasi
from inovasi.profile import save_profile
from portal.refusals import WrongState

# Evidence and levels belong to the year they were judged in, so they are not copied.
COPIED_FIELDS = [name for name in PROFILE_FIELDS if name not in ("urusan_lain", "development_note")]


@transaction.atomic
def carry_forward(earlier, period, *, user, note):
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
