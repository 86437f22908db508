"""An event's materials: uploaded by Bappeda on the event's page, checked by content (the admin only lists them)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from inovasi.uploads import check_upload
from portal.audit.log import record, snapshot
from portal.events.models import Material

MATERIAL_KINDS = ("pdf", "image")
SUBJECT = _("Event material")


def add_material(event, uploaded, by, request=None):
    """Check `uploaded` (PDF or image, by its content and size) and attach it to the event, audited.

    Raises ValidationError with an Indonesian message saying what to upload instead; nothing is stored then.
    """
    checked = check_upload(uploaded, MATERIAL_KINDS, subject=SUBJECT)
    with transaction.atomic():
        material = Material.objects.create(event=event, file=uploaded, original_name=checked.original_name)
        record("event.material_add", actor=by, obj=material, after=snapshot(material), request=request)
    return material
