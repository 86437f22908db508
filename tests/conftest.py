import pytest
from django.core.cache import cache

from tests.personas import Personas


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters and TOTP replay marks live in Redis: each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def personas(db):
    """Named people of two OPDs and every Bappeda role (see tests/personas.py)."""
    return Personas.create()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files of one test never reach the next test or the project folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalogue(transactional_db):
    """The migration-seeded catalogue, for tests that commit for real.

    A transactional test starts from whatever the previous one left: possibly a flushed,
    empty database. Loading the (idempotent) catalogue again makes the test independent of
    the order; serialized_rollback is not used because it fails when the rows are still there.
    """
    from django.apps import apps

    from scoring.catalogue_data import load_catalogue

    load_catalogue(apps)
