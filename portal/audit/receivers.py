"""Sign-in and account-security events, which Django and allauth announce as signals."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from portal.audit.log import record


@receiver(auth_signals.user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record("login", actor=user, obj=user, request=request)


@receiver(auth_signals.user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record("logout", actor=user, obj=user, request=request)


@receiver(auth_signals.user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Credentials arrive with the password already masked by Django; keep only the login name.
    login = credentials.get("username") or credentials.get("email") or ""
    record("login_failed", actor_name=str(login)[:150], request=request)


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def _password_changed(sender, request, user, **kwargs):
    record("password_changed", actor=user, obj=user, request=request)


@receiver(account_signals.password_reset)
def _password_reset(sender, request, user, **kwargs):
    record("password_reset", actor=user, obj=user, request=request)


@receiver(mfa_signals.authenticator_added)
def _mfa_added(sender, request, user, authenticator, **kwargs):
    record(f"mfa_added:{authenticator.type}", actor=user, obj=user, request=request)


@receiver(mfa_signals.authenticator_removed)
def _mfa_removed(sender, request, user, authenticator, **kwargs):
    record(f"mfa_removed:{authenticator.type}", actor=user, obj=user, request=request)


@receiver(mfa_signals.authentication_failed)
def _mfa_failed(sender, request, user, **kwargs):
    record("mfa_failed", actor_name=user.get_username(), obj=user, request=request)


@receiver(mfa_signals.authenticator_reset)
def _mfa_reset(sender, request, user, authenticator, **kwargs):
    record(f"mfa_reset:{authenticator.type}", actor=user, obj=user, request=request)


@receiver(account_signals.email_added)
def _email_added(sender, request, user, email_address, **kwargs):
    record("email_added", actor=user, obj=email_address, request=request)


@receiver(account_signals.email_removed)
def _email_removed(sender, request, user, email_address, **kwargs):
    record("email_removed", actor=user, obj=email_address, request=request)


@receiver(account_signals.email_changed)
def _email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    before = {"email": from_email_address.email} if from_email_address else None
    record("email_primary_changed", actor=user, obj=to_email_address, before=before, request=request)
