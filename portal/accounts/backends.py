from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings


def demo_account_refused(user):
    """Demo accounts exist for newcomers and tests, never for a production portal."""
    return getattr(user, "is_demo", False) and not settings.DEBUG


class PortalAuthenticationBackend(AuthenticationBackend):
    """allauth's username-or-email login, refusing demo accounts outside development.

    Django asks `user_can_authenticate` both at login and when it loads the user of an
    existing session, so a demo session also stops working once DEBUG is off.
    """

    def user_can_authenticate(self, user):
        return not demo_account_refused(user) and super().user_can_authenticate(user)
