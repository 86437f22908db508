"""Issue 16, part 3: checking in to a bimtek with the QR code on the organiser's screen, in a real browser.

The pendamping opens the event's check-in screen (the QR is the PNG of the check-in page's address, shown
beside it); the operator opens that address, confirms and is checked in; a code from an earlier window is
refused with its message and changes nothing; axe finds nothing serious on the new pages.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.events import rules
from portal.events.models import Attendance
from portal.events.views import qr_data_uri
from tests.browser.helpers import axe, serious, sign_in
from tests.events.builders import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_checks_in_through_the_qr_page_and_an_expired_code_is_refused(catalogue, personas, pages):
    event = make_event(personas.opd_a, title="Bimtek pengisian indikator")

    screen = pages.new(bypass_csp=True)  # for axe only (injected by the test, never served)
    sign_in(screen, "pendamping", totp=True)
    screen.goto(f"/kegiatan/{event.pk}/layar/")
    link = screen.locator("[data-checkin-url]")
    url = link.get_attribute("href")
    assert f"/kegiatan/{event.pk}/hadir/" in url
    assert screen.locator("main img").get_attribute("src") == qr_data_uri(url)  # the QR encodes that address
    assert serious(axe(screen)) == []
    pages.shot(screen, "screen")

    phone = pages.new(bypass_csp=True, viewport={"width": 390, "height": 844})
    sign_in(phone, "operator_a")
    phone.goto(url)
    assert serious(axe(phone)) == []
    phone.locator("main form button[type=submit]").click()
    phone.locator("[data-checked-in]").wait_for()
    pages.shot(phone, "checked-in")
    attendance = Attendance.objects.get(event=event)
    assert (attendance.user, attendance.opd, attendance.method) == (personas.operator_a, personas.opd_a, "qr")

    late = pages.new()
    sign_in(late, "kepala_a")
    old = rules.checkin_path(event, timezone.now() - timedelta(seconds=5 * rules.WINDOW_SECONDS))
    late.goto(old)
    error = late.locator("[data-checkin-error]")
    error.wait_for()
    assert error.inner_text().strip() == str(rules.EXPIRED)  # the portal's language in both (Indonesian)
    assert late.locator("main form").count() == 0
    code = rules.current_code(event)
    wrong = f"/kegiatan/{event.pk}/hadir/{code[:-1]}{'1' if code.endswith('0') else '0'}/"  # never the code itself
    late.goto(wrong)
    late.locator("[data-checkin-error]").wait_for()
    assert Attendance.objects.filter(event=event).count() == 1

    screen.goto(f"/kegiatan/{event.pk}/")
    assert serious(axe(screen)) == []
    assert screen.locator("table", has_text=str(personas.operator_a)).count() == 1
