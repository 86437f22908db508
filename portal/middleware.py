from django.conf import settings
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
