"""Session lifetime and account policy, enforced on every request before any view runs."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.access import access_for

AUTH_TIME_KEY = "portal_auth_time"
LAST_SEEN_KEY = "portal_last_seen"
# Refreshing last-seen at most this often keeps a session write off most requests.
LAST_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """Log out after SESSION_IDLE_TIMEOUT without a request or SESSION_ABSOLUTE_TIMEOUT in total."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._enforce(request, time.time())
        return self.get_response(request)

    def _enforce(self, request, now):
        session = request.session
        auth_time = session.setdefault(AUTH_TIME_KEY, now)
        last_seen = session.get(LAST_SEEN_KEY, now)
        idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT
        expired = now - auth_time > settings.SESSION_ABSOLUTE_TIMEOUT
        if idle or expired:
            logout(request)
            messages.info(request, _("Your session has ended. Please sign in again."))
            return
        if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN_KEY not in session:
            session[LAST_SEEN_KEY] = now


def _path_names(*names):
    return tuple(reverse(name) for name in names)


class AccountPolicyMiddleware:
    """Before any other page: an expired password must be changed, and a role that
    requires two-factor authentication must have TOTP enrolled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not self._exempt(request.path):
            response = self._redirect_for_policy(request)
            if response:
                return response
        return self.get_response(request)

    def _exempt(self, path):
        always_open = (*_path_names("account_logout", "set_language", "health"), f"/{settings.STATIC_URL.lstrip('/')}")
        return path.startswith(always_open)

    def _redirect_for_policy(self, request):
        user = request.user
        if password_expired(user) and not request.path.startswith(reverse("account_change_password")):
            messages.warning(request, _("Your password has expired. Please choose a new one."))
            return redirect("account_change_password")
        access = access_for(user)
        if access.requires_mfa and not access.has_totp and not request.path.startswith(_mfa_paths()):
            messages.warning(request, _("Your role requires two-factor authentication. Please activate it first."))
            return redirect("mfa_activate_totp")
        return None


def _mfa_paths():
    return _path_names("mfa_activate_totp", "mfa_index", "account_reauthenticate")


def password_expired(user):
    max_age = settings.PASSWORD_MAX_AGE_DAYS
    if not max_age:
        return False
    changed = user.password_changed_at
    return changed is None or timezone.now() - changed > timedelta(days=max_age)
