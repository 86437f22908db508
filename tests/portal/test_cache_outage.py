"""With Redis gone the cache degrades to misses: pages and the recompute queueing carry on."""

import logging

from portal.cache import ResilientRedisCache
from tests.workers import free_port


def unreachable_cache():
    # A port nobody listens on: every command fails at once with a connection error.
    url = f"redis://127.0.0.1:{free_port()}/0"
    return ResilientRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}})


def test_every_operation_degrades_to_a_miss_and_is_logged(caplog):
    cache = unreachable_cache()
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        assert cache.get("k", "fallback") == "fallback"
        assert cache.add("k", 1) is True  # callers go ahead as if nobody held the key
        cache.set("k", 1)
        assert cache.get_or_set("k", lambda: "computed") == "computed"
        assert (cache.get_many(["a", "b"]), cache.has_key("k"), cache.delete("k")) == ({}, False, False)
        assert cache.incr("k", 5) == 5
    assert len(caplog.records) >= 8
    assert "Cache unavailable (ConnectionError); get degraded" in caplog.text
