from types import SimpleNamespace

import pytest
from django.core.cache import cache

from tests.clients import PortalClient
from tests.personas import Personas
from tests.workers import RedisServer, publishing_to, start_worker, stop_worker


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters and TOTP replay marks live in Redis: each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    """pytest-django's client, signing in as the real flow does (see tests/clients.py)."""
    return PortalClient()


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
    from tests.catalogue_seed import load_migrated_catalogue

    load_migrated_catalogue()


@pytest.fixture
def worker_services(tmp_path):
    """A Redis of the test's own (so it can be stopped) as the broker, a Celery worker on it, and
    this process publishing to it. A test may replace `.worker` (say, after killing it): the
    worker there at the end is the one stopped."""
    server = RedisServer(tmp_path)
    server.start()
    found = SimpleNamespace(redis=server, worker=start_worker(server.url), tmp=tmp_path)
    try:
        with publishing_to(server.url):
            yield found
    finally:
        stop_worker(found.worker)
        server.stop()
