import time

from allauth.account.adapter import DefaultAccountAdapter

from portal.accounts.middleware import AUTH_TIME_KEY, LAST_SEEN_KEY


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts are provisioned by the Bappeda admin; nobody signs themselves up.
        return False

    def login(self, request, user):
        super().login(request, user)
        now = time.time()
        request.session[AUTH_TIME_KEY] = now
        request.session[LAST_SEEN_KEY] = now
