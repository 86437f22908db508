"""Saving a profile together with its other-urusan list as one change in the history."""

from django.db import transaction

from inovasi.completeness import refresh_completeness
from inovasi.models import PROFILE_HISTORY


@transaction.atomic
def save_profile(inovasi, *, m2m=None):
    """Save `inovasi`, then run `m2m` (which sets its many-to-many fields), recording ONE history row.

    simple-history would otherwise write a row for the save and one more per m2m change,
    so a single edit would show up as two or three changes, the first with stale urusan.
    """
    created = inovasi.pk is None
    inovasi.skip_history_when_saving = True
    try:
        inovasi.save()
        if m2m:
            m2m(inovasi)
    finally:
        del inovasi.skip_history_when_saving
    PROFILE_HISTORY.create_historical_record(inovasi, "+" if created else "~")
    refresh_completeness(inovasi)
    return inovasi
