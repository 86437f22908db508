"""'Ajukan kembali': an earlier period's innovation becomes a new draft of the current period."""

from django.db import transaction

from inovasi.completeness import refresh_completeness
from inovasi.forms import PROFILE_FIELDS
from inovasi.models import Inovasi

# Evidence and levels belong to the year they were judged in, so they are not copied.
COPIED_FIELDS = [name for name in PROFILE_FIELDS if name not in ("urusan_lain", "development_note")]


@transaction.atomic
def carry_forward(earlier, period, *, user, note):
    inovasi = Inovasi(
        period=period,
        opd=earlier.opd,
        predecessor=earlier,
        development_note=note,
        created_by=user,
        **{name: getattr(earlier, name) for name in COPIED_FIELDS},
    )
    inovasi.save()
    inovasi.urusan_lain.set(earlier.urusan_lain.all())
    refresh_completeness(inovasi)
    return inovasi
