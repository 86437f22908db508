"""Refused requests are security events: every 403, and every 404 a signed-in user gets from a portal URL."""

from portal.audit.log import record

DENIED_STATUSES = (403, 404)


class SecurityEventMiddleware:
    """Writes `security.denied` with path, status, URL name and arguments, user and IP.

    A 404 counts only when the path named a portal URL (an object that is not the user's, or
    does not exist) and the user is signed in; anonymous users are sent to the login page instead.
    A 403 always counts, anonymous ones included (a missing CSRF token, say).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in DENIED_STATUSES and _is_event(request, response.status_code):
            _record_denied(request, response.status_code)
        return response


def _is_event(request, status):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return status == 403 or (signed_in and getattr(request, "resolver_match", None) is not None)


def _record_denied(request, status):
    match = request.resolver_match
    user = getattr(request, "user", None)
    details = {
        "path": request.path[:500],
        "method": request.method,
        "status": status,
        "url_name": match.view_name if match else "",
        "arguments": {key: str(value) for key, value in (match.kwargs if match else {}).items()},
    }
    record("security.denied", actor=user, after=details, request=request)
