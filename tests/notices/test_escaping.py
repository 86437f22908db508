"""Notices hold plain text and are escaped exactly once: by the inbox page and the HTML mail, never before."""

import pytest
from django.core import mail
from django.urls import reverse

from inovasi.models import Inovasi
from inovasi.workflow import transition
from portal.notices.digest import send_daily_digests
from portal.notices.models import Notice, Preference
from tests.inovasi.factories import current_period, make_inovasi, sid_indicator

WRITTEN = '<script>alert(1)</script> & "x"'
ESCAPED_ONCE = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"
NAME = 'Sehat & "Cepat" <Kediri>'
NAME_ESCAPED_ONCE = "Sehat &amp; &quot;Cepat&quot; &lt;Kediri&gt;"
# The notice's title; its mail's subject carries the prefix "[Portal IID] " before it.
SUBJECT = f"Komentar baru pada {NAME}, indikator 16"

# Who hears about a comment: the reviewer's reaches the OPD's operator, the operator's the reviewers.
RECIPIENT_OF = {"pendamping": "operator_a", "operator_a": "pendamping"}


@pytest.fixture
def inovasi(personas):
    return make_inovasi(personas.opd_a, personas.operator_a, current_period(), name=NAME)


def post_comment(client, personas, inovasi, author, capture):
    client.force_login(personas.by_name(author))
    indicator = sid_indicator(inovasi.period, 16)
    with capture(execute=True):
        response = client.post(reverse("thread-start", args=[inovasi.pk, indicator.pk]), {"body": WRITTEN})
    assert response.status_code == 302
    return Notice.objects.get()


def inbox_html(client, user):
    client.force_login(user)
    return client.get(reverse("notice-inbox")).content.decode()


@pytest.mark.parametrize("author", ["pendamping", "operator_a"])
def test_a_comment_notice_holds_the_plain_text(client, personas, inovasi, author, django_capture_on_commit_callbacks):
    notice = post_comment(client, personas, inovasi, author, django_capture_on_commit_callbacks)
    writer = personas.by_name(author).full_name
    assert (notice.recipient.username, notice.subject) == (RECIPIENT_OF[author], SUBJECT)
    assert notice.body == f'{writer} mengomentari indikator 16 pada "{NAME}":\n\n{WRITTEN}'


@pytest.mark.parametrize("author", ["pendamping", "operator_a"])
def test_the_inbox_escapes_the_comment_once(client, personas, inovasi, author, django_capture_on_commit_callbacks):
    notice = post_comment(client, personas, inovasi, author, django_capture_on_commit_callbacks)
    page = inbox_html(client, notice.recipient)
    assert page.count(ESCAPED_ONCE) == 1
    assert page.count(f"Komentar baru pada {NAME_ESCAPED_ONCE}, indikator 16") == 1
    assert "&amp;lt;" not in page and "&amp;amp;" not in page and "&amp;quot;" not in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("author", ["pendamping", "operator_a"])
def test_the_mail_has_the_plain_text_and_html_escaped_once(
    client, personas, inovasi, author, django_capture_on_commit_callbacks
):
    notice = post_comment(client, personas, inovasi, author, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert (message.to, message.subject) == ([notice.recipient.email], f"[Portal IID] {SUBJECT}")
    assert message.body.count(WRITTEN) == 1
    assert f'pada "{NAME}":' in message.body
    assert "&lt;" not in message.body and "&amp;" not in message.body and "&quot;" not in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert html.count(ESCAPED_ONCE) == 1
    assert html.count(f"pada &quot;{NAME_ESCAPED_ONCE}&quot;:") == 1
    assert "&amp;lt;" not in html and "&amp;amp;" not in html and "<script>alert(1)" not in html


def test_the_daily_digest_has_the_plain_text_and_html_escaped_once(
    client, personas, inovasi, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=personas.operator_a, kind="comment", digest=True)
    post_comment(client, personas, inovasi, "pendamping", django_capture_on_commit_callbacks)
    assert mail.outbox == []  # a digest notice waits for the daily mail
    assert send_daily_digests() == 1
    [message] = mail.outbox
    assert message.subject == "[Portal IID] 1 notifikasi baru hari ini"
    assert message.body.count(WRITTEN) == 1 and message.body.count(SUBJECT) == 1
    assert "&lt;" not in message.body and "&amp;" not in message.body
    [(html, _mimetype)] = message.alternatives
    assert html.count(ESCAPED_ONCE) == 1
    assert html.count(f"<strong>Komentar baru pada {NAME_ESCAPED_ONCE}, indikator 16</strong>") == 1
    assert "&amp;lt;" not in html and "&amp;amp;" not in html


def test_a_status_note_reaches_the_notice_and_mail_as_written(personas, inovasi, django_capture_on_commit_callbacks):
    Inovasi.objects.filter(pk=inovasi.pk).update(status=Inovasi.Status.IN_REVIEW)
    inovasi.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        transition(inovasi, Inovasi.Status.RETURNED, actor=personas.pendamping, note=WRITTEN)
    notice = Notice.objects.get(recipient=personas.operator_a)
    assert notice.subject == f"{NAME}: Dikembalikan untuk revisi"
    assert notice.body.endswith(f"Catatan: {WRITTEN}")
    message = next(message for message in mail.outbox if message.to == [personas.operator_a.email])
    assert message.subject == f"[Portal IID] {notice.subject}"
    assert message.body.count(f"Catatan: {WRITTEN}") == 1
    assert message.alternatives[0][0].count(f"Catatan: {ESCAPED_ONCE}") == 1


def test_a_subject_stays_one_line_whatever_the_name_holds(personas, django_capture_on_commit_callbacks):
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, current_period(), name="Sehat\r\nBcc: x@evil.test")
    Inovasi.objects.filter(pk=inovasi.pk).update(status=Inovasi.Status.IN_REVIEW)
    inovasi.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        transition(inovasi, Inovasi.Status.RETURNED, actor=personas.pendamping, note="Lengkapi SK")
    assert sorted(Notice.objects.values_list("subject", flat=True)) == [
        "Sehat Bcc: x@evil.test: Dikembalikan untuk revisi",
        "Sehat Bcc: x@evil.test: Dikembalikan untuk revisi",
    ]
    assert sorted(message.to[0] for message in mail.outbox) == ["kepala_a@example.test", "operator_a@example.test"]
