"""Sosialisasi and bimtek: who sees an event, the rotating check-in code, marking, the PDFs, materials, notices."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from portal.audit.models import AuditEntry
from portal.events import rules
from portal.events.access import events_for, invited_users
from portal.events.admin import EventForm
from portal.events.materials import add_material
from portal.events.models import Attendance, Material
from portal.notices.models import Kind, Notice
from tests.events.builders import attend, make_event
from tests.inovasi.factories import MINIMAL_PDF
from tests.pdf_text import pdf_text
from tests.personas import make_user

pytestmark = pytest.mark.django_db


def says(response, message):
    """Whether the page shows `message` as the portal speaks it (Indonesian, the default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return escape(str(message)) in response.content.decode()


def checkin_url(event, code=None):
    return reverse("event-checkin", kwargs={"pk": event.pk, "code": code or rules.current_code(event)})


# --- who sees what -----------------------------------------------------------------------------------


def test_an_event_is_seen_by_its_invited_opds_people_and_bappeda_only(personas):
    event = make_event(personas.opd_a)
    by_role = make_event(roles=["pimpinan"], title="Sosialisasi pimpinan")
    seen = {name: set(events_for(personas.by_name(name))) for name in ("operator_a", "kepala_a", "operator_b")}
    assert seen == {"operator_a": {event}, "kepala_a": {event}, "operator_b": set()}
    assert set(events_for(personas.pimpinan)) == {by_role}
    assert set(events_for(personas.pendamping)) == set(events_for(personas.admin)) == {event, by_role}
    assert set(invited_users(event)) == {personas.operator_a, personas.kepala_a}


# --- the check-in code and page ------------------------------------------------------------------------


def test_the_qr_screen_shows_a_png_of_the_current_check_in_page(client, personas):
    event = make_event(personas.opd_a)
    client.force_login(personas.pendamping)
    before = checkin_url(event)
    response = client.get(reverse("event-screen", args=[event.pk]))
    after = checkin_url(event)  # the code's minute may turn during the request: either is right
    assert response.status_code == 200
    assert b'src="data:image/png;base64,' in response.content
    assert before.encode() in response.content or after.encode() in response.content
    assert response["Refresh"] == "30"


def test_an_invited_user_checks_in_through_the_page_once_and_it_is_audited(client, personas):
    event = make_event(personas.opd_a)
    client.force_login(personas.operator_a)
    page = client.get(checkin_url(event))
    assert page.status_code == 200 and Attendance.objects.count() == 0  # the GET changes nothing
    response = client.post(checkin_url(event))
    assert response.status_code == 200 and b"data-checked-in" in response.content
    attendance = Attendance.objects.get()
    assert (attendance.user, attendance.opd, attendance.method) == (personas.operator_a, personas.opd_a, "qr")
    assert AuditEntry.objects.filter(action="event.check_in", object_id=str(attendance.pk)).count() == 1
    client.post(checkin_url(event))  # again (a second scan): still one row, one audit entry
    assert Attendance.objects.count() == 1
    assert AuditEntry.objects.filter(action="event.check_in").count() == 1


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("123-abc", rules.INVALID_CODE),
        ("nonsense", rules.INVALID_CODE),
        ("", None),  # not even a URL: 404 below
    ],
)
def test_a_wrong_code_is_refused_with_a_message_and_nothing_changes(client, personas, code, message):
    event = make_event(personas.opd_a)
    client.force_login(personas.operator_a)
    if not code:
        assert client.post(f"/kegiatan/{event.pk}/hadir//").status_code == 404
        return
    response = client.post(checkin_url(event, code))
    assert response.status_code == 400
    assert says(response, message)
    assert Attendance.objects.count() == 0


def test_another_events_code_is_refused(client, personas):
    event, other = make_event(personas.opd_a), make_event(personas.opd_a, title="Lain")
    client.force_login(personas.operator_a)
    response = client.post(checkin_url(event, rules.current_code(other)))
    assert response.status_code == 400 and says(response, rules.INVALID_CODE)
    assert Attendance.objects.count() == 0


def test_an_expired_code_is_refused_and_the_previous_windows_is_still_taken(client, personas):
    event = make_event(personas.opd_a)
    now = timezone.now()
    old = rules.current_code(event, now - timedelta(seconds=3 * rules.WINDOW_SECONDS))
    previous = rules.current_code(event, now - timedelta(seconds=rules.WINDOW_SECONDS))
    with pytest.raises(rules.Refused) as refused:
        rules.check_code(event, old, now)
    assert refused.value.message == str(rules.EXPIRED)
    rules.check_code(event, previous, now)  # the screen showed it a moment ago: taken
    client.force_login(personas.operator_a)
    response = client.post(checkin_url(event, old))
    assert response.status_code == 400 and says(response, rules.EXPIRED)
    assert Attendance.objects.count() == 0


def test_the_code_expires_with_the_event_and_does_not_work_before_it_opens(client, personas):
    ended = make_event(personas.opd_a, starts=timezone.now() - timedelta(hours=3), hours=2)
    client.force_login(personas.operator_a)
    response = client.post(checkin_url(ended))
    assert response.status_code == 400 and says(response, rules.ENDED)
    later = make_event(personas.opd_a, starts=timezone.now() + timedelta(days=1))
    response = client.post(checkin_url(later))
    assert response.status_code == 400 and says(response, rules.NOT_OPEN)
    assert Attendance.objects.count() == 0
    client.force_login(personas.pendamping)
    screen = client.get(reverse("event-screen", args=[ended.pk]))
    assert b"data:image/png" not in screen.content and "Refresh" not in screen


def test_an_uninvited_user_gets_404_and_a_full_event_refuses(client, personas):
    event = make_event(personas.opd_a, capacity=1)
    client.force_login(personas.operator_b)
    assert client.post(checkin_url(event)).status_code == 404
    attend(event, personas.kepala_a, personas.opd_a)
    client.force_login(personas.operator_a)
    response = client.post(checkin_url(event))
    assert response.status_code == 400 and says(response, str(rules.FULL) % {"capacity": 1})
    assert Attendance.objects.count() == 1


# --- the organiser marks attendance --------------------------------------------------------------------


def test_bappeda_marks_an_invited_user_present_and_only_an_invited_one(client, personas):
    event = make_event(personas.opd_a)
    client.force_login(personas.pendamping)
    response = client.post(reverse("event-mark", args=[event.pk]), {"user": personas.kepala_a.pk}, follow=True)
    assert response.status_code == 200
    attendance = Attendance.objects.get()
    assert (attendance.user, attendance.method, attendance.recorded_by) == (
        personas.kepala_a,
        "organiser",
        personas.pendamping,
    )
    assert AuditEntry.objects.filter(action="event.mark_present", actor=personas.pendamping).count() == 1
    for bad in (personas.operator_b.pk, "x", ""):
        response = client.post(reverse("event-mark", args=[event.pk]), {"user": bad}, follow=True)
        assert says(response, rules.CHOOSE_INVITED)
    assert Attendance.objects.count() == 1


def test_an_operator_cannot_mark_attendance(client, personas):
    event = make_event(personas.opd_a)
    client.force_login(personas.operator_a)
    assert client.post(reverse("event-mark", args=[event.pk]), {"user": personas.operator_a.pk}).status_code == 404
    assert Attendance.objects.count() == 0


# --- the PDFs ------------------------------------------------------------------------------------------


def test_the_attendance_pdf_lists_exactly_the_checked_in_people_with_a_signature_column(client, personas):
    event = make_event(personas.opd_a, personas.opd_b)
    absent = make_user("operator_a2", "operator", personas.opd_a)
    absent.full_name = "Orang Tidak Hadir"
    absent.save()
    for user in (personas.operator_a, personas.operator_b):
        rules.check_in(event, user, rules.current_code(event))
    client.force_login(personas.pendamping)
    response = client.get(reverse("event-attendance-pdf", args=[event.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    names = {str(user) for user in invited_users(event)}
    listed = {name for name in names if name in text}
    assert listed == {str(personas.operator_a), str(personas.operator_b)}
    assert "Dinas Uji A" in text and "Puskesmas Uji B" in text
    with translation.override(settings.LANGUAGE_CODE):
        assert translation.gettext("Signature") in text
    assert AuditEntry.objects.filter(action="export.event_attendance").count() == 1


def test_an_attendee_downloads_a_certificate_and_nobody_else_does(client, personas):
    event = make_event(personas.opd_a)
    attend(event, personas.operator_a, personas.opd_a)
    client.force_login(personas.operator_a)
    response = client.get(reverse("event-certificate", args=[event.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert str(personas.operator_a) in text and event.title in text
    client.force_login(personas.kepala_a)  # invited, not present
    assert client.get(reverse("event-certificate", args=[event.pk])).status_code == 404


# --- materials -----------------------------------------------------------------------------------------


def test_materials_are_checked_by_content_and_stored_under_a_generated_name(personas):
    event = make_event(personas.opd_a)
    fake = SimpleUploadedFile("materi.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    with pytest.raises(ValidationError):
        add_material(event, fake, personas.pendamping)
    assert not Material.objects.exists() and not AuditEntry.objects.filter(action="event.material_add").exists()
    good = SimpleUploadedFile("Materi Bimtek.pdf", MINIMAL_PDF, content_type="application/pdf")
    material = add_material(event, good, personas.pendamping)
    assert material.original_name == "Materi Bimtek.pdf"
    assert material.file.name.startswith("eventmaterial/") and material.file.name.endswith(".pdf")
    assert "Materi" not in material.file.name
    entry = AuditEntry.objects.get(action="event.material_add")
    assert (entry.actor, entry.object_id) == (personas.pendamping, str(material.pk))


def test_bappeda_adds_a_material_on_the_event_page_and_a_wrong_file_says_what_to_upload(client, personas):
    event = make_event(personas.opd_a)
    client.force_login(personas.pendamping)
    page = client.get(reverse("event-detail", args=[event.pk])).content.decode()
    assert reverse("event-material-add", args=[event.pk]) in page and "paling besar 10 MB" in page
    fake = SimpleUploadedFile("materi.pdf", b"GIF89a not a pdf at all", content_type="application/pdf")
    response = client.post(reverse("event-material-add", args=[event.pk]), {"file": fake}, follow=True)
    assert not Material.objects.exists()
    assert "Materi kegiatan" in response.content.decode() and "PDF" in response.content.decode()
    response = client.post(reverse("event-material-add", args=[event.pk]), {}, follow=True)
    assert says(response, "Pilih PDF atau gambar yang akan diunggah sebagai materi.")
    good = SimpleUploadedFile("Paparan.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = client.post(reverse("event-material-add", args=[event.pk]), {"file": good}, follow=True)
    assert says(response, "“Paparan.pdf” ditambahkan ke materi.")
    assert [m.original_name for m in Material.objects.filter(event=event)] == ["Paparan.pdf"]


def test_an_opd_user_cannot_add_a_material(client, personas):
    event = make_event(personas.opd_a)
    client.force_login(personas.operator_a)  # invited, not an organiser
    good = SimpleUploadedFile("Paparan.pdf", MINIMAL_PDF, content_type="application/pdf")
    assert client.post(reverse("event-material-add", args=[event.pk]), {"file": good}).status_code == 404
    assert not Material.objects.exists()


def test_a_material_downloads_only_for_those_who_see_the_event(client, personas):
    event = make_event(personas.opd_a)
    material = Material.objects.create(event=event, original_name="poly.html")
    material.file.save("upload.pdf", ContentFile(MINIMAL_PDF))
    client.force_login(personas.operator_a)
    response = client.get(reverse("event-material", args=[material.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "poly.pdf" in response["Content-Disposition"]
    client.force_login(personas.operator_b)
    assert client.get(reverse("event-material", args=[material.pk])).status_code == 404


# --- creating (admin form), notices and the home page ----------------------------------------------------


def test_the_event_form_refuses_bad_input_with_a_message(personas):
    now = timezone.now()
    data = {"title": "Bimtek", "kind": "bimtek", "starts_at": now, "ends_at": now - timedelta(hours=1)}
    form = EventForm(data=data)
    assert not form.is_valid()
    with translation.override(settings.LANGUAGE_CODE):
        assert str(translation.gettext("An event must end after it starts.")) in form.non_field_errors()
    form = EventForm(data={**data, "ends_at": now + timedelta(hours=1), "place": "Aula", "roles": ["operator"]})
    assert form.is_valid(), form.errors
    assert form.save().invited_roles == ",operator,"


def test_the_invited_get_an_event_notice_through_the_usual_channel(personas):
    event = make_event(personas.opd_a)
    rules.notify_invited(event)
    notices = Notice.objects.filter(kind=Kind.EVENT)
    assert {notice.recipient for notice in notices} == {personas.operator_a, personas.kepala_a}
    assert all(notice.url == reverse("event-detail", args=[event.pk]) for notice in notices)
    assert event.title in notices.first().subject


def test_the_opd_home_page_lists_upcoming_events(client, personas):
    upcoming = make_event(personas.opd_a, starts=timezone.now() + timedelta(days=3), title="Bimtek minggu depan")
    make_event(personas.opd_b, starts=timezone.now() + timedelta(days=3), title="Bimtek OPD lain")
    client.force_login(personas.operator_a)
    content = client.get(reverse("home")).content.decode()
    assert upcoming.title in content and "Bimtek OPD lain" not in content


def test_the_check_in_model_refuses_a_second_row_for_one_person(personas):
    event = make_event(personas.opd_a)
    attend(event, personas.operator_a)
    with pytest.raises(ValidationError):
        Attendance(event=event, user=personas.operator_a, method="qr").validate_constraints()
