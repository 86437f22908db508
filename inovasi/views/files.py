"""Files leave the portal only through these views, after the same access check as their record.

A file is typed by its content: the upload check stored it under the detected type's extension, and
that extension alone gives the Content-Type and the download name's extension. The name the user
gave is kept only as readable text (its stem), never to type the file.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inovasi.access import evidence_for, inovasi_for, photo_for, shared_document_for
from inovasi.confirm import Confirmation, confirmation_page
from inovasi.forms import PhotoForm
from inovasi.models import Inovasi
from inovasi.profile import add_photo, remove_photo
from inovasi.uploads import download_name, inline_response, served_content_type


def _attachment(field_file, readable_name):
    """Always a download, typed by the stored extension, never rendered or sniffed by the browser."""
    if not field_file:
        raise Http404
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=download_name(readable_name, field_file.name),
        content_type=served_content_type(field_file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def evidence_download(request, pk):
    document = evidence_for(request, pk).document  # a shared document's file, for its attachments
    return _attachment(document.file, document.original_name)


@login_required
def shared_document_download(request, pk):
    document = shared_document_for(request, pk)
    return _attachment(document.file, document.original_name)


@login_required
def inovasi_file(request, pk, which):
    inovasi = inovasi_for(request, pk)
    if which not in Inovasi.DOCUMENT_SLUGS:
        raise Http404
    return _attachment(getattr(inovasi, Inovasi.DOCUMENT_SLUGS[which]), f"{which}-{inovasi.pk}")


@login_required
def photo_view(request, pk):
    """Photos are shown inline (they were decoded as PNG/JPEG on upload), still behind access."""
    return inline_response(photo_for(request, pk).image)


@login_required
@require_POST
def photo_add(request, pk):
    inovasi = inovasi_for(request, pk, edit=True)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        add_photo(inovasi, form.save(commit=False), actor=request.user, request=request)
        messages.success(request, _("The photo was added."))
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("inovasi-detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def photo_delete(request, pk):
    """GET: the confirmation page (nothing changes); POST: the photo is removed."""
    photo = photo_for(request, pk, edit=True)
    if request.method == "GET":
        return confirmation_page(request, _photo_confirmation(photo))
    remove_photo(photo, actor=request.user, request=request)
    messages.success(request, _("The photo was removed."))
    return redirect("inovasi-detail", pk=photo.inovasi_id)


def _photo_confirmation(photo):
    inovasi = photo.inovasi
    return Confirmation(
        title=_("Remove this photo?"),
        what_heading=_("The photo that will be removed"),
        items=[(_("Caption"), photo.caption or "–"), (_("Innovation"), inovasi.name)],
        consequences=[_("The photo disappears from the innovation and from the public catalogue.")],
        confirm_label=_("Yes, remove"),
        cancel_url=reverse("inovasi-detail", kwargs={"pk": inovasi.pk}),
    )
