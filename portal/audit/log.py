"""Writing audit entries: one function, called wherever something worth auditing happens."""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.utils.functional import Promise

from portal.audit.models import AuditEntry


def snapshot(instance, exclude=("password",)):
    """The instance's own field values (no secrets), JSON-ready."""
    if instance is None:
        return None
    values = model_to_dict(instance, exclude=exclude)
    return {name: _plain(value) for name, value in values.items()}


def _plain(value):
    if isinstance(value, FieldFile):  # a stored file is audited by its (generated) storage name
        return value.name or ""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    return value


def changed_fields(before, after):
    """Only the fields that changed, so entries stay readable."""
    keys = (before or {}).keys() | (after or {}).keys()
    changed = sorted(key for key in keys if (before or {}).get(key) != (after or {}).get(key))
    return (
        {k: before.get(k) for k in changed} if before else None,
        {k: after.get(k) for k in changed} if after else None,
    )


def record(action, *, actor=None, obj=None, before=None, after=None, request=None, actor_name=""):
    """Insert one AuditEntry; `actor` may be None for anonymous events such as a failed login."""
    authenticated = actor is not None and actor.is_authenticated
    return AuditEntry.objects.create(
        actor=actor if authenticated else None,
        actor_name=storable(actor_name or (actor.get_username() if authenticated else "")),
        action=storable(action),
        object_type=obj._meta.label if obj is not None else "",
        object_id=storable(str(obj.pk)) if obj is not None else "",
        object_repr=storable(str(obj)[:200]) if obj is not None else "",
        before=storable(before),
        after=storable(after),
        ip=client_ip(request),
    )


# PostgreSQL's text and jsonb cannot hold NUL: one in a logged path or name made the insert, and
# with it the whole request, fail. U+FFFD keeps a visible mark where it was, at the same length.
NUL = "\x00"
NUL_STAND_IN = "\ufffd"


def storable(value):
    """`value` with every NUL in its strings (dict keys and nested items included) replaced."""
    if isinstance(value, str | Promise):
        return str(value).replace(NUL, NUL_STAND_IN)
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value


def client_ip(request):
    if request is None:
        return None
    from allauth.account.adapter import get_adapter  # honours ALLAUTH_TRUSTED_PROXY_COUNT

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured, ValueError):
        # A missing or malformed X-Forwarded-For must not stop the audited action.
        return None
