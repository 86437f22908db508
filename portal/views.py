"""Site-wide views: the health probe and the error pages."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def health(request):
    """200 only when the database and, when configured, Redis answer."""
    checks = {"database": _check(_ping_database)}
    if settings.REDIS_URL:
        checks["redis"] = _check(_ping_redis)
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


def _check(probe):
    try:
        probe()
    except Exception:
        # The probe's caller only needs up or down; the reason goes to the log.
        logger.exception("Health probe %s failed", probe.__name__)
        return "error"
    return "ok"


def _ping_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _ping_redis():
    cache._cache.get_client().ping()


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Rendered without the request: its context processors may need the database that failed.
    return HttpResponseServerError(loader.render_to_string("500.html"))
