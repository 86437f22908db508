"""The test client, signing users in the way the real sign-in leaves their session."""

from allauth.mfa.models import Authenticator
from django.test import Client

from portal.accounts import second_factor


class PortalClient(Client):
    """`force_login` of a user with TOTP enrolled marks the session as having passed it, as the
    real sign-in does (allauth asks such a user for the code before the login completes).
    A user without TOTP gets a password-only session, as in real life."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            session = self.session
            second_factor.mark_passed(session, user)
            session.save()
