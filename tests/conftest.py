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
