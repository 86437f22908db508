"""What other layers need to know when a period is saved, without importing them."""

import time

from django.core.cache import cache

# The leadership page's cached panels hold every year's official result (the years chart); a
# period saved (an official result entered, say) starts a new stamp, so the panels are drawn again.
PERIODS_STAMP_KEY = "catalogue:periods-stamp"


def periods_stamp():
    return cache.get(PERIODS_STAMP_KEY, 0)


def new_periods_stamp(**_kwargs):
    cache.set(PERIODS_STAMP_KEY, time.time_ns(), None)
