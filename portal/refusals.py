"""Refusals that carry their own message and status: wrong state (409) or closed window (403).

Domain code raises them; RefusalMiddleware turns them into a page that says why and
changes nothing, so views need no try/except around every action.
"""

from django.shortcuts import render


class Refused(Exception):
    status = 403

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class EntryClosed(Refused):
    """The period's data-entry window is not open for this user."""


class BadInput(Refused):
    """The request's data cannot be used as sent (400)."""

    status = 400


class WrongState(Refused):
    """The record is not in a state that allows this action (409 Conflict)."""

    status = 409


class RefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refused):
            return None
        # An in-place action gets the alert alone, shown by portal/htmx.js in the message slot of the part acted on.
        template = "includes/refusal_alert.html" if getattr(request, "htmx", False) else "refused.html"
        return render(request, template, {"message": exception.message}, status=exception.status)
