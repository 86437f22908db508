"""Profile documents that survive a refused submit of the profile form.

A browser drops the chosen files whenever the form comes back with errors. So when the profile form
is refused (a required field missing, a rancang bangun under 300 words), every document chosen in that
submit that passed its own content checks (`inovasi.uploads.check_upload`) is stored as a
`PendingUpload`: under a generated storage name, bound to the user who sent it and the OPD of the
profile. The form shows it again as "kept: name.pdf" with a remove box, its token in the hidden field
`<field>-kept`. The next valid submit takes it as if the file had been chosen again: it is checked
again, stored on the profile under a new generated name, and the pending row and file are removed.

A token is looked up only among the sender's own pending uploads for that OPD and field, younger than
`PENDING_UPLOAD_HOURS`: another user's token, or an expired one, is refused with a field error. One
pending upload per user, OPD and field: keeping a new one removes the older ones. The ones never used
are removed by `sweep` (Celery beat, hourly).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi.models import PendingUpload
from inovasi.uploads import check_upload

DEFAULT_HOURS = 24


def kept_name(field):
    """The hidden input carrying a kept document's token."""
    return f"{field}-kept"


def remove_name(field):
    """The checkbox that drops a kept document."""
    return f"{field}-kept-remove"


def max_age():
    return timedelta(hours=getattr(settings, "PENDING_UPLOAD_HOURS", DEFAULT_HOURS))


def usable(user, opd):
    """The pending uploads `user` may use on a profile of `opd` now."""
    return PendingUpload.objects.filter(user=user, opd=opd, created_at__gte=timezone.now() - max_age())


def _token(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class KeptDocuments:
    """The profile form's kept documents: what the post offers, what this submit uses, what it keeps."""

    def __init__(self, data, names, *, user, opd):
        self.user, self.opd = user, opd
        self.enabled = user is not None and user.is_authenticated
        posted = {name: data.get(kept_name(name)) for name in names} if data is not None and self.enabled else {}
        self.posted = {name: _token(value) for name, value in posted.items() if value}
        self.removed = {name for name in names if data is not None and data.get(remove_name(name))}
        self.found = {}  # field → the sender's PendingUpload the post names
        tokens = [token for token in self.posted.values() if token]
        if tokens:  # one query, only when the post carries a token
            for pending in usable(user, opd).filter(token__in=tokens, field__in=list(self.posted)):
                if self.posted.get(pending.field) == pending.token:
                    self.found[pending.field] = pending
        self.chosen = {}  # field → original name of a file chosen in this submit that passed its checks
        self.shown = {}  # field → PendingUpload the re-shown form offers as kept

    def clean(self, name, value, stored, kinds, subject=None):
        """The cleaned value of document field `name` (from its `clean_<name>`); `subject` names it in messages."""
        if value and value != stored:  # chosen in this submit
            self.chosen[name] = check_upload(value, kinds, subject).original_name
            return value
        if name in self.removed or name not in self.posted:
            return value  # none kept, or the kept one removed (the stored one may still be cleared: False)
        pending = self.found.get(name)
        if pending is None:
            raise ValidationError(
                _("The file kept from the earlier attempt is no longer available. Choose it again."),
                code="kept_missing",
            )
        with pending.file.open("rb") as stored_file:
            content = ContentFile(stored_file.read(), name=pending.file.name)
        check_upload(content, kinds, subject)  # checked again as if chosen again; renamed "upload.<extension>"
        return content

    def keep(self, cleaned_data):
        """After a refused submit: store the files that passed their checks, and say what to show as kept."""
        if not self.enabled:
            return
        for name, original_name in self.chosen.items():
            upload = cleaned_data.get(name)
            if not upload:
                continue
            older = usable(self.user, self.opd).filter(field=name)
            discard(list(older))
            self.shown[name] = PendingUpload.objects.create(
                user=self.user, opd=self.opd, field=name, file=upload, original_name=original_name
            )
        for name, pending in self.found.items():
            if name in self.shown:
                continue
            if name in self.removed:
                discard([pending])
            else:
                self.shown[name] = pending

    def finish(self):
        """After a saved submit: every kept file the post named was used, removed or replaced."""
        discard(self.found.values())


def discard(pendings):
    """Remove pending uploads: the rows now, their files once the transaction commits."""
    pendings = list(pendings)
    if not pendings:
        return
    files = [(pending.file.storage, pending.file.name) for pending in pendings if pending.file]
    PendingUpload.objects.filter(pk__in=[pending.pk for pending in pendings]).delete()

    def delete_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)


def sweep(now=None):
    """Remove the pending uploads older than PENDING_UPLOAD_HOURS; return how many."""
    cutoff = (now or timezone.now()) - max_age()
    old = list(PendingUpload.objects.filter(created_at__lt=cutoff))
    with transaction.atomic():
        discard(old)
    return len(old)
