"""Whether this session has passed a second factor (TOTP or a recovery code).

The Django admin asks it on every request: a password alone never opens `/admin/`, whatever the
user's flags say. The mark is set from allauth's signals when a code is used at sign-in or at
re-authentication, and when TOTP is activated (activation itself checks a valid code).
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_used
from django.dispatch import receiver

SESSION_KEY = "portal_second_factor_user"
SECOND_FACTOR_TYPES = {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


def mark_passed(session, user):
    """Remember in `session` that `user` passed a second factor (tied to the user: a login as
    someone else in the same browser does not inherit it)."""
    session[SESSION_KEY] = str(user.pk)


def has_passed(request):
    user = request.user
    return user.is_authenticated and request.session.get(SESSION_KEY) == str(user.pk)


@receiver(authenticator_used, dispatch_uid="portal_second_factor_used")
@receiver(authenticator_added, dispatch_uid="portal_second_factor_added")
def _on_second_factor(sender, request, user, authenticator, **kwargs):
    if request is not None and authenticator.type in SECOND_FACTOR_TYPES:
        mark_passed(request.session, user)
