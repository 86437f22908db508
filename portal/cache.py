"""The Redis cache, degraded to a miss when Redis is down, so an outage never becomes an error page.

Sessions are cached_db (the database keeps them), rate limits and the recompute coalescing
key are only optimisations: each of them must keep working without Redis, a little slower.
Every failure is logged; nothing is retried here (a page view must not wait for Redis).
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _degraded(fallback):
    def wrap(method):
        def call(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("Cache unavailable (%s); %s degraded", error.__class__.__name__, method.__name__)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        call.__name__ = method.__name__
        return call

    return wrap


def _default(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    # A failed add reports success: callers such as the recompute coalescing then go ahead
    # (and meet the broker's own outage, which they handle) instead of assuming someone else did.
    get = _degraded(_default)(RedisCache.get)
    add = _degraded(True)(RedisCache.add)
    set = _degraded(None)(RedisCache.set)
    touch = _degraded(False)(RedisCache.touch)
    delete = _degraded(False)(RedisCache.delete)
    get_many = _degraded({})(RedisCache.get_many)
    has_key = _degraded(False)(RedisCache.has_key)
    incr = _degraded(lambda key, delta=1, version=None: delta)(RedisCache.incr)
    set_many = _degraded([])(RedisCache.set_many)
    delete_many = _degraded(None)(RedisCache.delete_many)
    clear = _degraded(False)(RedisCache.clear)
