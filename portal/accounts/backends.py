from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings


class PortalAuthenticationBackend(AuthenticationBackend):
    """allauth's username-or-email login, refusing demo accounts outside development.

    Django asks `user_can_authenticate` both at login and when it loads the user of an
    existing session, so a demo session also stops working once DEBUG is off.
    """

    def user_can_authenticate(self, user):
        if getattr(user, "is_demo", False) and not settings.DEBUG:
            return False
        return super().user_can_authenticate(user)
