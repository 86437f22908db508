"""The shared evidence library: one upload serving many innovations, on PostgreSQL with exact results."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inovasi.exports.zip import opd_archive, opd_file_bytes
from inovasi.models import Answer, Evidence, Inovasi, SharedDocument
from inovasi.shared_documents import attach_shared_document, attach_shared_document_to_many
from portal.accounts.access import access_for
from portal.audit.models import AuditEntry
from portal.notices.models import Notice
from portal.refusals import WrongState
from scoring import recompute
from scoring.models import DirtyMark, InovasiScore
from tests.inovasi.factories import (
    MINIMAL_PDF,
    add_evidence,
    add_shared_document,
    current_period,
    make_inovasi,
    media_files,
    png_bytes,
    sid_indicator,
)

S = Inovasi.Status
V = Answer.Verification
PDF_V2 = MINIMAL_PDF.replace(b"MediaBox[0 0 10 10]", b"MediaBox[0 0 20 20]")


@pytest.fixture
def library(personas):
    """The personas, the open period, indicator 16 (Regulasi, PDF only) and 30 innovations: 20 of OPD A,
    10 of OPD B, each claiming level 3 on indicator 16 without evidence yet."""
    w = personas
    w.period = current_period()
    w.indicator = sid_indicator(w.period, 16)
    w.inovasi_a = [make_inovasi(w.opd_a, w.operator_a, w.period, name=f"Inovasi A{n:02}") for n in range(20)]
    w.inovasi_b = [make_inovasi(w.opd_b, w.operator_b, w.period, name=f"Inovasi B{n:02}") for n in range(10)]
    w.all = w.inovasi_a + w.inovasi_b
    for inovasi in w.all:
        Answer.objects.create(inovasi=inovasi, indicator=w.indicator, level=3)
    return w


def _pdf(content=MINIMAL_PDF, name="sk-walikota.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _city_document(w, client):
    """Bappeda's admin uploads the SK Wali Kota through the library page."""
    client.force_login(w.admin)
    response = client.post(
        reverse("shared-document-add"),
        {"owner": "kota", "subject": "SK Wali Kota Inovasi 2026", "document_number": "188/12/2026", "file": _pdf()},
    )
    assert response.status_code == 302, response.content[:300]
    return SharedDocument.objects.get()


def _attach_all(w, client, document):
    response = client.post(
        reverse("shared-document-attach", args=[document.pk]),
        {"indicator": w.indicator.pk, "inovasi": [inovasi.pk for inovasi in w.all]},
    )
    assert response.status_code == 302, response.content[:300]


def test_one_upload_serves_thirty_innovations_and_counts_as_their_evidence(client, library):
    w = library
    files_before = media_files()
    document = _city_document(w, client)
    _attach_all(w, client, document)

    assert SharedDocument.objects.count() == 1
    assert len(media_files()) == len(files_before) + 1  # one stored file for thirty innovations
    attachments = Evidence.objects.filter(shared=document)
    assert attachments.count() == 30
    assert set(attachments.values_list("answer__inovasi", flat=True)) == {inovasi.pk for inovasi in w.all}
    assert set(attachments.values_list("file", "url", "kind", "subject")) == {
        ("", "", "pdf", "SK Wali Kota Inovasi 2026")
    }

    # Twins: one with its own PDF, one with the level but no evidence at all.
    own = make_inovasi(w.opd_a, w.operator_a, w.period, name="Kembar bukti sendiri")
    add_evidence(own, w.indicator, w.operator_a, level=3)
    bare = make_inovasi(w.opd_a, w.operator_a, w.period, name="Kembar tanpa bukti")
    Answer.objects.create(inovasi=bare, indicator=w.indicator, level=3)

    recompute.run(w.period.pk, full=True)
    claimed = dict(InovasiScore.objects.filter(period=w.period).values_list("inovasi_id", "claimed"))
    assert claimed[own.pk] > claimed[bare.pk]
    assert {claimed[inovasi.pk] for inovasi in w.all} == {claimed[own.pk]}
    for inovasi in w.all:
        inovasi.refresh_from_db()
    assert {inovasi.completeness for inovasi in w.all} == {own.completeness}


def test_replacing_resets_the_thirty_verdicts_and_tells_each_opd_once(client, library):
    w = library
    document = _city_document(w, client)
    _attach_all(w, client, document)
    Answer.objects.filter(inovasi__in=w.all).update(
        verification=V.OK, verified_level=3, verified_by=w.pendamping, verified_at=timezone.now()
    )
    DirtyMark.objects.all().delete()
    last_notice = Notice.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    client.force_login(w.pendamping)
    response = client.post(
        reverse("shared-document-replace", args=[document.pk]),
        {"subject": "SK Wali Kota Inovasi 2026 (perubahan)", "file": _pdf(PDF_V2, "sk-perubahan.pdf")},
    )
    assert response.status_code == 302, response.content[:300]

    answers = Answer.objects.filter(inovasi__in=w.all, indicator=w.indicator)
    assert list(answers.values_list("verification", "verified_level").distinct()) == [(V.PENDING, None)]
    document.refresh_from_db()
    assert (document.original_name, document.subject) == ("sk-perubahan.pdf", "SK Wali Kota Inovasi 2026 (perubahan)")
    assert document.file.read() == PDF_V2
    assert set(Evidence.objects.filter(shared=document).values_list("subject", flat=True)) == {document.subject}
    new_notices = Notice.objects.filter(pk__gt=last_notice)
    assert sorted(new_notices.values_list("recipient__username", flat=True)) == ["operator_a", "operator_b"]
    body_a = new_notices.get(recipient=w.operator_a).body
    assert "Inovasi A00" in body_a and "Inovasi A19" in body_a and "Inovasi B00" not in body_a
    assert DirtyMark.objects.filter(period=w.period).exists()  # the scores are recomputed
    entry = AuditEntry.objects.get(action="shared_document.replace")
    assert (entry.actor, entry.after["innovations"]) == (w.pendamping, 30)


def test_a_replacement_an_attached_indicator_does_not_accept_is_refused(client, library):
    w = library
    document = _city_document(w, client)
    _attach_all(w, client, document)
    response = client.post(
        reverse("shared-document-replace", args=[document.pk]),
        {"subject": "Foto", "file": SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")},
    )
    assert response.status_code == 400
    document.refresh_from_db()
    assert document.kind == "pdf" and document.file.read() == MINIMAL_PDF


def test_removal_is_refused_while_attached_to_a_sent_innovation(client, library):
    w = library
    document = _city_document(w, client)
    _attach_all(w, client, document)
    Inovasi.objects.filter(pk=w.inovasi_b[0].pk).update(status=S.SENT)
    audit_before = AuditEntry.objects.count()

    response = client.post(reverse("shared-document-delete", args=[document.pk]))
    assert response.status_code == 409
    assert "sudah dikirim" in response.content.decode() or "already sent" in response.content.decode()
    assert SharedDocument.objects.filter(pk=document.pk).exists()
    assert Evidence.objects.filter(shared=document).count() == 30
    assert AuditEntry.objects.filter(action="shared_document.delete").count() == 0
    assert AuditEntry.objects.count() == audit_before

    Inovasi.objects.filter(pk=w.inovasi_b[0].pk).update(status=S.RETURNED)
    assert client.post(reverse("shared-document-delete", args=[document.pk])).status_code == 302
    assert not SharedDocument.objects.exists()
    assert not Evidence.objects.filter(answer__inovasi__in=w.all).exists()
    entry = AuditEntry.objects.get(action="shared_document.delete")
    assert len(entry.before["answers"]) == 30
    w.inovasi_a[0].refresh_from_db()
    assert w.inovasi_a[0].completeness < 100


def test_another_opds_document_is_a_404_and_cannot_be_attached(client, library):
    w = library
    own_a = add_shared_document(w.period, w.opd_a, w.operator_a, subject="SK Tim Pengelola Dinas A")
    city = add_shared_document(w.period, None, w.admin, subject="RKPD 2026")
    client.force_login(w.operator_b)
    for name in ("shared-document-detail", "shared-document-download", "shared-document-attach"):
        method = client.post if name == "shared-document-attach" else client.get
        assert method(reverse(name, args=[own_a.pk])).status_code == 404, name
    for name in ("shared-document-replace", "shared-document-delete"):
        assert client.post(reverse(name, args=[own_a.pk]), {"subject": "x", "file": _pdf()}).status_code == 404
    page = client.get(reverse("shared-documents")).content.decode()
    assert "RKPD 2026" in page and "SK Tim Pengelola Dinas A" not in page
    inovasi_b = w.inovasi_b[0]
    url = reverse("inovasi-shared-attach", args=[inovasi_b.pk, w.indicator.pk])
    assert client.post(url, {"document": own_a.pk}).status_code == 302  # not offered: nothing attached
    assert not Evidence.objects.filter(shared=own_a).exists()
    with pytest.raises(PermissionDenied):
        attach_shared_document(own_a, w.indicator, inovasi_b, actor=w.operator_b)
    with pytest.raises(PermissionDenied):  # not even the admin puts OPD A's document on OPD B's innovation
        attach_shared_document(own_a, w.indicator, inovasi_b, actor=w.admin)
    # The city's document is theirs to attach, and then readable through their own evidence.
    assert client.post(url, {"document": city.pk}).status_code == 302
    attachment = Evidence.objects.get(shared=city)
    response = client.get(reverse("evidence-download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    # Only the owner side changes a document: operator A may not replace the city's.
    client.force_login(w.operator_a)
    assert client.post(reverse("shared-document-delete", args=[city.pk])).status_code == 403


def test_a_file_disguised_as_a_pdf_is_refused(client, library):
    w = library
    files_before = media_files()
    client.force_login(w.operator_a)
    disguised = SimpleUploadedFile("sk.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(
        reverse("shared-document-add"), {"owner": str(w.opd_a.pk), "subject": "SK", "file": disguised}
    )
    assert response.status_code == 400
    assert not SharedDocument.objects.exists()
    assert media_files() == files_before
    assert AuditEntry.objects.filter(action="shared_document.add").count() == 0


def test_the_zip_export_holds_the_shared_file_in_each_innovations_folder(client, library):
    w = library
    document = add_shared_document(w.period, None, w.admin)
    attach_shared_document_to_many(document, w.indicator, w.inovasi_a[:3], actor=w.admin)
    access = access_for(w.operator_a)
    assert opd_file_bytes(access, w.opd_a, w.period) == 3 * len(MINIMAL_PDF)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(opd_archive(access, w.opd_a, w.period))))
    shared = sorted(name for name in archive.namelist() if name.endswith("sk-walikota.pdf"))
    expected = sorted(
        f"{inovasi.pk} - {inovasi.name}/16 - Regulasi Inovasi Daerah/sk-walikota.pdf" for inovasi in w.inovasi_a[:3]
    )
    assert shared == expected
    assert {archive.read(name) for name in shared} == {MINIMAL_PDF}


def test_the_indicator_page_offers_the_library_and_shows_the_badge(client, library):
    w = library
    document = add_shared_document(w.period, None, w.admin, subject="SK Wali Kota 2026")
    client.force_login(w.operator_a)
    inovasi = w.inovasi_a[0]
    page = client.get(reverse("inovasi-indicators", args=[inovasi.pk])).content.decode()
    assert reverse("inovasi-shared-attach", args=[inovasi.pk, w.indicator.pk]) in page
    assert f'value="{document.pk}"' in page
    url = reverse("inovasi-shared-attach", args=[inovasi.pk, w.indicator.pk])
    assert client.post(url, {"document": document.pk}).status_code == 302
    page = client.get(reverse("inovasi-indicators", args=[inovasi.pk])).content.decode()
    attachment = Evidence.objects.get(shared=document)
    assert reverse("evidence-download", args=[attachment.pk]) in page
    assert "badge text-bg-info" in page and "SK Wali Kota 2026" in page
    # Attached once per indicator: a second time is refused (409) and changes nothing.
    with pytest.raises(WrongState):
        attach_shared_document(document, w.indicator, inovasi, actor=w.operator_a)
    assert Evidence.objects.filter(shared=document).count() == 1


def test_each_library_action_writes_its_audit_row(client, library):
    w = library
    document = _city_document(w, client)
    _attach_all(w, client, document)
    attachment = Evidence.objects.filter(shared=document, answer__inovasi=w.inovasi_a[0]).get()
    client.force_login(w.operator_a)
    assert client.post(reverse("evidence-delete", args=[attachment.pk])).status_code == 302
    client.force_login(w.admin)
    assert (
        client.post(
            reverse("shared-document-replace", args=[document.pk]), {"subject": "SK baru", "file": _pdf(PDF_V2)}
        ).status_code
        == 302
    )
    assert client.post(reverse("shared-document-delete", args=[document.pk])).status_code == 302
    actions = list(
        AuditEntry.objects.filter(action__startswith="shared_document.").order_by("pk").values_list("action", "actor")
    )
    assert actions == [
        ("shared_document.add", w.admin.pk),
        *[("shared_document.attach", w.admin.pk)] * 30,
        ("shared_document.detach", w.operator_a.pk),
        ("shared_document.replace", w.admin.pk),
        ("shared_document.delete", w.admin.pk),
    ]
    assert not Evidence.objects.filter(pk=attachment.pk).exists()


def test_attaching_from_the_card_answers_in_place_and_a_bad_choice_says_so_in_the_card(client, library):
    from tests.pages import card, card_message

    w = library
    document = add_shared_document(w.period, None, w.admin, subject="SK Wali Kota 2026")
    client.force_login(w.operator_a)
    inovasi = w.inovasi_a[0]
    url = reverse("inovasi-shared-attach", args=[inovasi.pk, w.indicator.pk])
    htmx = {"HTTP_HX_REQUEST": "true"}
    refused = client.post(url, {"document": "0"}, **htmx)
    assert refused.status_code == 400 and not Evidence.objects.filter(shared=document).exists()
    assert card_message(refused.content.decode(), w.indicator) == "Pilih salah satu dokumen bersama yang tersedia."
    response = client.post(url, {"document": document.pk}, **htmx)
    html = response.content.decode()
    assert response.status_code == 200
    assert card_message(html, w.indicator) == f"Dokumen bersama telah dilampirkan pada indikator {w.indicator.number}."
    attachment = Evidence.objects.get(shared=document)
    assert reverse("evidence-download", args=[attachment.pk]) in card(html, w.indicator)
    # Without JavaScript the message lands in the card too, on the page the browser is sent back to.
    client.post(url, {"document": "0"})
    page = client.get(reverse("inovasi-indicators", args=[inovasi.pk])).content.decode()
    assert "alert alert-danger" in card(page, w.indicator)
