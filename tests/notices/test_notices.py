"""In-app notices and e-mail: written with the change, mailed only after commit, per preference."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from inovasi.models import Inovasi
from inovasi.workflow import transition
from portal.notices.digest import send_daily_digests, sweep_unsent
from portal.notices.models import Notice, Preference
from tests.inovasi.factories import sid_indicator
from tests.notices.builders import submittable


def _notices():
    return sorted(Notice.objects.values_list("recipient__username", "kind", "subject"))


def test_a_submission_notifies_the_reviewers_in_the_app_and_by_one_mail_each_after_commit(
    personas, django_capture_on_commit_callbacks
):
    inovasi = submittable(personas)
    with django_capture_on_commit_callbacks(execute=True):
        transition(inovasi, Inovasi.Status.SUBMITTED, actor=personas.operator_a)
        assert mail.outbox == []  # nothing leaves before the commit
    # The title in the app is what happened; only the mail's subject carries the portal's prefix.
    assert _notices() == [("pendamping", "submitted", "Layanan Uji Coba: Diajukan")]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["pendamping@example.test"], "[Portal IID] Layanan Uji Coba: Diajukan")
    ]
    assert Notice.objects.get().emailed_at is not None


def test_a_rolled_back_change_sends_nothing(personas, django_capture_on_commit_callbacks):
    inovasi = submittable(personas)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        transition(inovasi, Inovasi.Status.SUBMITTED, actor=personas.operator_a)
        raise RuntimeError("rolled back")
    assert (Notice.objects.count(), mail.outbox) == (0, [])


def _return(personas, inovasi, note="Lengkapi SK"):
    Inovasi.objects.filter(pk=inovasi.pk).update(status=Inovasi.Status.IN_REVIEW)
    inovasi.refresh_from_db()
    transition(inovasi, Inovasi.Status.RETURNED, actor=personas.pendamping, note=note)


def test_a_return_reaches_the_opd_with_the_note(personas, django_capture_on_commit_callbacks):
    inovasi = submittable(personas)
    with django_capture_on_commit_callbacks(execute=True):
        _return(personas, inovasi)
    assert sorted(m.to[0] for m in mail.outbox) == ["kepala_a@example.test", "operator_a@example.test"]
    assert "Catatan: Lengkapi SK" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0].mimetype == "text/html"


def test_email_off_keeps_the_inbox_notice_only(personas, django_capture_on_commit_callbacks):
    Preference.objects.create(user=personas.operator_a, kind="returned", email=False)
    inovasi = submittable(personas)
    with django_capture_on_commit_callbacks(execute=True):
        _return(personas, inovasi)
    assert [m.to for m in mail.outbox] == [["kepala_a@example.test"]]
    assert Notice.objects.filter(recipient=personas.operator_a).count() == 1


def test_a_digest_user_gets_one_mail_a_day_with_everything_and_never_twice(
    personas, django_capture_on_commit_callbacks
):
    for kind in ("returned", "status"):
        Preference.objects.create(user=personas.operator_a, kind=kind, digest=True)
    inovasi = submittable(personas)
    with django_capture_on_commit_callbacks(execute=True):
        _return(personas, inovasi)
        transition(inovasi, Inovasi.Status.SUBMITTED, actor=personas.admin)
        transition(inovasi, Inovasi.Status.IN_REVIEW, actor=personas.pendamping)
    assert [m.to for m in mail.outbox if m.to == ["operator_a@example.test"]] == []
    mail.outbox.clear()
    assert send_daily_digests() == 1
    assert send_daily_digests() == 0
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["operator_a@example.test"], "[Portal IID] 2 notifikasi baru hari ini")
    ]


def test_the_sweep_mails_a_notice_whose_task_was_lost_once(personas):
    # No on-commit callback ran (as when the broker was down): the notice is still unsent.
    inovasi = submittable(personas)
    transition(inovasi, Inovasi.Status.SUBMITTED, actor=personas.operator_a)
    assert sweep_unsent() == 0  # too fresh: its task may still be on the way
    Notice.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    assert (sweep_unsent(), sweep_unsent()) == (1, 0)
    assert [m.to for m in mail.outbox] == [["pendamping@example.test"]]


def test_a_comment_by_the_reviewer_reaches_the_opd_operator(client, personas, django_capture_on_commit_callbacks):
    inovasi = submittable(personas)
    client.force_login(personas.pendamping)
    indicator = sid_indicator(inovasi.period, 16)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("thread-start", args=[inovasi.pk, indicator.pk]), {"body": "SK belum bertanggal."})
    assert _notices() == [("operator_a", "comment", "Komentar baru pada Layanan Uji Coba, indikator 16")]


def test_the_inbox_counts_unread_and_opening_marks_read(client, personas):
    notice = Notice.objects.create(
        recipient=personas.operator_a, kind="status", subject="Uji", body="-", url="/inovasi/"
    )
    client.force_login(personas.operator_a)
    assert client.get(reverse("home")).context["unread_notices"] == 1
    response = client.get(reverse("notice-open", args=[notice.pk]))
    assert (response.status_code, response.url) == (302, "/inovasi/")
    assert client.get(reverse("home")).context["unread_notices"] == 0


def test_a_notice_never_redirects_outside_the_portal(client, personas):
    notice = Notice.objects.create(
        recipient=personas.operator_a, kind="status", subject="Uji", body="-", url="https://evil.example/"
    )
    client.force_login(personas.operator_a)
    assert client.get(reverse("notice-open", args=[notice.pk])).url == reverse("notice-inbox")


def test_preferences_are_saved_per_kind(client, personas):
    client.force_login(personas.operator_a)
    data = {f"{kind}_email": "on" for kind in ("submitted", "approved", "rejected", "status", "comment", "reminder")}
    data["returned_digest"] = "on"
    client.post(reverse("notice-preferences"), data)
    saved = {p.kind: (p.email, p.digest) for p in personas.operator_a.notice_preferences.all()}
    assert saved["returned"] == (False, True)
    assert saved["comment"] == (True, False)
    assert saved["event"] == (False, False)  # the sosialisasi and bimtek notices: chosen like any other kind
    assert len(saved) == 8
