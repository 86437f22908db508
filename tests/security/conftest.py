import pytest

from tests.portal.url_cases import build_records_of_every_kind


@pytest.fixture
def records_of_every_kind(personas):
    """The URL sweep's sample records: the personas plus one record of every kind, owned by OPD A."""
    return build_records_of_every_kind(personas)
