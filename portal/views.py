"""Site-wide views: the health probe and the error pages."""

import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from portal.middleware import DisallowedCharacters

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


def error_400(request, exception=None):
    # Rendered without the request, like the 500 page: Django also answers 400 before the user is
    # known (a bad Host header, an oversized form, a control character), and the page's context
    # processors need the user.
    context = {"disallowed_characters": isinstance(exception, DisallowedCharacters)}
    return HttpResponseBadRequest(loader.render_to_string("400.html", context))


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


# The driver's own errors too: Django closes a result cursor outside its error wrapper
# (compiler.cursor_iter), so a connection that dies while a page iterates reaches us unwrapped.
DATABASE_OUTAGE = (
    OperationalError,
    InterfaceError,
    connection.Database.OperationalError,
    connection.Database.InterfaceError,
)
RETRY_AFTER_SECONDS = 30


def error_500(request):
    # Rendered without the request: its context processors may need the database that failed.
    if isinstance(sys.exc_info()[1], DATABASE_OUTAGE):
        # The database is down or restarting: say so, and when to come back (a load balancer reads it too).
        logger.error("Database unavailable while serving %s", request.path)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
