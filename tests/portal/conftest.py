import pytest

from tests.portal.url_cases import build_records_of_every_kind


@pytest.fixture
def records_of_every_kind(personas):
    """The personas plus one record of every kind, owned by OPD A (see tests/portal/url_cases.py)."""
    return build_records_of_every_kind(personas)
