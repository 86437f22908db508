import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from django.db.models import Q

from portal.accounts.access import access_for
from portal.accounts.backends import demo_account_refused
from portal.accounts.middleware import AUTH_TIME_KEY, LAST_SEEN_KEY
from portal.accounts.models import User
from portal.audit.log import record


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are provisioned by the Bappeda admin; nobody signs themselves up.
        return False

    def login(self, request, user):
        super().login(request, user)
        now = time.time()
        request.session[AUTH_TIME_KEY] = now
        request.session[LAST_SEEN_KEY] = now

    def pre_authenticate(self, request, **credentials):
        """Count failed sign-ins per account, however it is named (username or e-mail, any case):
        allauth keys the limit by the typed identifier, which gave each account two budgets."""
        super().pre_authenticate(request, **_account_credentials(credentials))

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        # allauth hands back users the backend refused (to show "inactive"); a refused
        # demo account must fail like a wrong password instead.
        if user is not None and demo_account_refused(user):
            self.authentication_failed(request, **credentials)
            return None
        return user


class PortalMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        # A role that requires TOTP may not switch it off; the admin can reset it instead.
        if authenticator.type == authenticator.Type.TOTP and access_for(authenticator.user).requires_mfa:
            return False
        return super().can_delete_authenticator(authenticator)


class PortalUserSessionsAdapter(DefaultUserSessionsAdapter):
    def end_sessions(self, sessions):
        """Ending sessions on /accounts/sessions/ is audited, one entry per ended session."""
        sessions = list(sessions)
        request = context.request
        for session in sessions:
            actor = request.user if request is not None else None
            record("session_ended", actor=actor, obj=session, after={"ip": session.ip}, request=request)
        super().end_sessions(sessions)


def _account_credentials(credentials):
    """The credentials with the identifier replaced by the account it names (for rate-limit keys).

    An identifier that names no account stays as typed: guesses at unknown names are limited
    per name and per IP, like before.
    """
    if credentials.get("email"):
        named = Q(email__iexact=credentials["email"])
    else:
        named = Q(username__iexact=credentials.get("username") or "")
    account = User.objects.filter(named).only("pk").first()
    if account is None:
        return credentials
    return {"username": f"account-{account.pk}"}
