"""The events' pages: the list, an event (with the organiser's attendance tools), the QR screen, the check-in
page the QR leads to, materials, the attendance list and the certificates (PDF)."""

import base64
import io

import qrcode
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.uploads import MAX_UPLOAD_SIZES, MB, download_name, served_content_type
from portal.audit.log import record
from portal.events import rules
from portal.events.access import (
    event_for,
    events_for,
    invited_users,
    is_invited,
    material_for,
    organised_event_for,
    organises,
    own_attendance,
)
from portal.events.materials import add_material
from portal.events.models import Attendance

QR_REFRESH_SECONDS = 30  # the screen reloads itself (Refresh header, no script) well inside a window


@login_required
def event_list(request):
    events = events_for(request.user).prefetch_related("invited_opds")
    now = timezone.now()
    return render(
        request,
        "events/list.html",
        {
            "upcoming": rules.upcoming_for(events, now),
            "past": events.filter(ends_at__lt=now).order_by("-starts_at"),
            "organises": organises(request.user),
        },
    )


@login_required
def event_detail(request, pk):
    event = event_for(request, pk)
    context = {
        "event": event,
        "materials": event.materials.all(),
        "attendance": own_attendance(request.user, event),
        "invited": is_invited(request.user, event),
        "organises": organises(request.user),
        "material_max_mb": MAX_UPLOAD_SIZES["pdf"] // MB,
    }
    if context["organises"]:
        attendances = event.attendances.select_related("user", "opd")
        present = {attendance.user_id for attendance in attendances}
        context["attendances"] = attendances
        context["absent"] = [user for user in invited_users(event) if user.pk not in present]
    return render(request, "events/detail.html", context)


def qr_data_uri(url):
    image = qrcode.make(url, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@login_required
def event_screen(request, pk):
    """The organiser's screen: the QR code of the check-in page, renewed every window (reloads itself)."""
    event = organised_event_for(request, pk)
    is_open = rules.is_open_for_checkin(event)
    context = {"event": event, "is_open": is_open, "count": event.attendances.count()}
    if is_open:
        context["checkin_url"] = request.build_absolute_uri(rules.checkin_path(event))
        context["qr"] = qr_data_uri(context["checkin_url"])
    response = render(request, "events/screen.html", context)
    if is_open:
        response["Refresh"] = str(QR_REFRESH_SECONDS)
    return response


@login_required
def event_checkin(request, pk, code):
    """Where the QR leads: an invited user confirms (POST) and is checked in; a bad code says why."""
    event = event_for(request, pk)
    if not is_invited(request.user, event):
        raise Http404
    error, attendance = None, own_attendance(request.user, event)
    if attendance is None:
        try:
            rules.check_code(event, code)
            if request.method == "POST":
                attendance, _created = rules.check_in(event, request.user, code, request)
        except rules.Refused as refused:
            error = refused.message
    status = 400 if error and request.method == "POST" else 200
    return render(
        request, "events/checkin.html", {"event": event, "attendance": attendance, "error": error}, status=status
    )


@login_required
@require_POST
def event_mark(request, pk):
    event = organised_event_for(request, pk)
    user_pk = request.POST.get("user", "")
    user = get_user_model().objects.filter(pk=int(user_pk)).first() if user_pk.isdigit() else None
    try:
        attendance, created = rules.mark_present(event, user, request.user, request)
    except rules.Refused as refused:
        messages.error(request, refused.message)
    else:
        if created:
            messages.success(request, _("%(name)s is marked present.") % {"name": attendance.user})
        else:
            messages.info(request, _("%(name)s was already present.") % {"name": attendance.user})
    return redirect("event-detail", pk=event.pk)


@login_required
@require_POST
def event_material_add(request, pk):
    """Bappeda attaches a material on the event's page; a refused file changes nothing and says why."""
    event = organised_event_for(request, pk)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Choose a PDF or an image to upload as material."))
        return redirect("event-detail", pk=event.pk)
    try:
        material = add_material(event, uploaded, request.user, request)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("“%(name)s” was added to the materials.") % {"name": material})
    return redirect("event-detail", pk=event.pk)


@login_required
def event_material(request, pk):
    material = material_for(request, pk)
    if not material.file:
        raise Http404
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=download_name(material.original_name or "materi", material.file.name),
        content_type=served_content_type(material.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def render_pdf(template, context):
    from weasyprint import CSS, HTML  # heavy: loaded only when a PDF is made

    stylesheet = CSS(filename=finders.find("events/print.css"))
    return HTML(string=render_to_string(template, context)).write_pdf(stylesheets=[stylesheet])


def _pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def attendance_rows(event):
    return list(Attendance.objects.filter(event=event).select_related("user", "opd").order_by("checked_in_at", "id"))


@login_required
def event_attendance_pdf(request, pk):
    """The printable attendance list: exactly the people checked in, with a column for their signature."""
    event = organised_event_for(request, pk)
    content = render_pdf("events/attendance_pdf.html", {"event": event, "rows": attendance_rows(event)})
    record("export.event_attendance", actor=request.user, obj=event, request=request)
    return _pdf_response(content, f"daftar-hadir-{event.pk}.pdf")


@login_required
def event_certificate(request, pk):
    """The signed-in attendee's own certificate; nobody else's, and none without attendance."""
    event = event_for(request, pk)
    attendance = own_attendance(request.user, event)
    if attendance is None:
        raise Http404
    content = render_pdf("events/certificate_pdf.html", {"event": event, "attendance": attendance})
    return _pdf_response(content, f"sertifikat-{event.pk}.pdf")
