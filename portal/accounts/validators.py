"""Password rules of Peraturan BSSN 4/2021 that Django does not ship."""

import re

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

CHARACTER_CLASSES = [
    (re.compile(r"[a-z]"), "lowercase letter"),
    (re.compile(r"[A-Z]"), "uppercase letter"),
    (re.compile(r"[0-9]"), "digit"),
    (re.compile(r"[^A-Za-z0-9]"), "symbol"),
]


class CharacterClassValidator:
    """At least one lowercase letter, uppercase letter, digit and symbol."""

    def validate(self, password, user=None):
        if not all(pattern.search(password) for pattern, _name in CHARACTER_CLASSES):
            raise ValidationError(self.get_help_text(), code="password_character_classes")

    def get_help_text(self):
        return _("Your password must contain an uppercase letter, a lowercase letter, a digit and a symbol.")


class NoTripleCharacterValidator:
    """No character three times in a row ("tidak ada perulangan karakter"); two is allowed."""

    pattern = re.compile(r"(.)\1\1")

    def validate(self, password, user=None):
        if self.pattern.search(password):
            raise ValidationError(self.get_help_text(), code="password_repeated_character")

    def get_help_text(self):
        return _("Your password must not repeat the same character three times in a row.")


class PasswordHistoryValidator:
    """None of the user's last `history` passwords may be used again.

    `password_changed` is Django's hook, called once the new hash is saved: it records
    the hash and the change time that the expiry rule reads.
    """

    def __init__(self, history=5):
        self.history = history

    def validate(self, password, user=None):
        if user is None or not user.pk:
            return
        for old_hash in self._recent_hashes(user):
            if check_password(password, old_hash):
                raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password, user):
        from portal.accounts.models import PasswordHistory, User

        now = timezone.now()
        PasswordHistory.objects.create(user=user, password=user.password)
        User.objects.filter(pk=user.pk).update(password_changed_at=now)
        user.password_changed_at = now
        stale = self._recent_ids(user)[self.history :]
        PasswordHistory.objects.filter(pk__in=stale).delete()

    def _recent_hashes(self, user):
        return user.password_history.values_list("password", flat=True)[: self.history]

    def _recent_ids(self, user):
        return list(user.password_history.values_list("pk", flat=True))

    def get_help_text(self):
        return _("Your password must differ from your last %(count)d passwords.") % {"count": self.history}
