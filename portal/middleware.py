import re

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import QueryDict, UnreadablePostError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLocaleMiddleware(LocaleMiddleware):
    """Indonesian unless the user picked another language with the switch.

    Many officers' browsers announce English; the portal still speaks Indonesian to them,
    so the Accept-Language header is deliberately not consulted.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = chosen in dict(settings.LANGUAGES) and translation.check_for_language(chosen)
        translation.activate(chosen if supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class DisallowedCharacters(SuspiciousOperation):
    """A query string or form field held a control character: refused with a 400, logged to django.security."""


# Links and search boxes never send a control character, not even a tab or a line break.
CONTROL_IN_QUERY = re.compile(r"[\x00-\x1f\x7f]")
# Text areas do send tabs and line breaks (TAB, LF, CR); nothing else below the space, nor DEL.
CONTROL_IN_FORM = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharacterMiddleware:
    """Refuses, once for the whole site, a request whose query string or form fields hold control characters.

    PostgreSQL cannot store NUL (in text or jsonb), so one reaching a filter, a form or the audit
    trail answered 500; the other controls have no place in typed text either. Only the decoded
    text fields are read: uploaded files (contents and names) are left to the upload checks.
    Runs after the locale middleware, so the 400 page is in the user's language, and before
    CSRF, authentication and the audit middleware, so none of them sees such a request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds(request.GET, CONTROL_IN_QUERY) or _holds(_form_fields(request), CONTROL_IN_FORM):
            raise DisallowedCharacters("Control character in the query string or a form field")
        return self.get_response(request)


def _form_fields(request):
    try:
        return request.POST  # empty unless a urlencoded or multipart POST
    except UnreadablePostError:
        # The client went away mid-upload: the CSRF middleware refuses such a request, as before.
        return QueryDict()


def _holds(fields, pattern):
    return any(pattern.search(text) for name, values in fields.lists() for text in (name, *values))


class PrivateResponsesMiddleware:
    """`Cache-Control: private, no-store` on every response but the anonymous public catalogue.

    Signed-in pages, evidence downloads and exports must not stay in a shared proxy or in the
    browser's cache of a shared office computer. The rule is "everything unless public" rather
    than "signed-in only": anonymous pages are no-store too, because the login and other allauth
    pages carry a CSRF token tied to the visitor's cookie and some hold one visitor's pending
    state (the second-factor step, a password-reset link), and a new page is private by default.
    Only the catalogue pages, the same for every anonymous visitor, may be cached. When the user
    is not known (a 400 answered before authentication), the response counts as private.

    Registered right after WhiteNoise, which answers static files itself (they stay cacheable),
    and outside every other middleware, so redirects and refusals they answer pass through it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _is_public_page(request) and not _forbids_storing(response):
            response["Cache-Control"] = NO_STORE
        return response


NO_STORE = "private, no-store"
PUBLIC_VIEWS = {"catalogue-list", "catalogue-detail", "catalogue-photo", "awards-public", "awards-piagam"}


def _is_public_page(request):
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)  # absent when a middleware answered before authentication
    return match is not None and match.view_name in PUBLIC_VIEWS and user is not None and not user.is_authenticated


def _forbids_storing(response):
    # A value that already says no-store (never_cache's, say) is at least as strict: kept as it is.
    directives = (part.split("=", 1)[0].strip().lower() for part in response.get("Cache-Control", "").split(","))
    return "no-store" in directives
