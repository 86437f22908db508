import pytest
from django.core.cache import cache

from tests.personas import Personas


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    # Speed: PBKDF2 costs ~0.25 s a hash; tests only need hashes to compare.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Rate-limit counters live in Redis: each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def personas(db):
    """Named people of two OPDs and every Bappeda role (see tests/personas.py)."""
    return Personas.create()
