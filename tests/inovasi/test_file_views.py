"""Files through the views: hostile PDFs are refused at upload, and every file is served as its content.

The name a user gave is only readable text: the Content-Type and the download name's extension come
from the stored file, whose extension the upload check took from the detected content.
"""

import io

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inovasi.models import Answer, Evidence, InovasiPhoto
from tests.inovasi import pdf_corpus as corpus
from tests.inovasi.factories import add_photo, current_period, make_inovasi, media_files, png_bytes, sid_indicator

# A PDF that is also an HTML page: a browser told "text/html" would run the script in the comment.
POLYGLOT = corpus.classic_pdf(
    corpus.base_objects(), preamble=b"%<html><body><script>alert(document.cookie)</script></body></html>\n"
)


@pytest.fixture
def operator_a_draft(client, personas):
    """A draft of OPD A (`.inovasi`), two indicators by the evidence they take, the client signed in as its operator."""
    period = current_period()
    personas.pdf_only = sid_indicator(period, 16)
    personas.pdf_or_image = sid_indicator(period, 25)
    assert personas.pdf_only.evidence_kinds == ["pdf"]
    assert personas.pdf_or_image.evidence_kinds == ["pdf", "image"]
    personas.inovasi = make_inovasi(personas.opd_a, personas.operator_a, period)
    client.force_login(personas.operator_a)
    return personas


def upload_evidence(client, operator_a_draft, content, name, indicator=None, content_type="application/pdf"):
    indicator = indicator or operator_a_draft.pdf_only
    url = reverse("inovasi-evidence-add", args=[operator_a_draft.inovasi.pk, indicator.pk])
    data = {"subject": "Bukti", "file": SimpleUploadedFile(name, content, content_type=content_type)}
    return client.post(url, data)


def error_codes(response, indicator):
    row = next(row for row in response.context["rows"] if row.indicator.pk == indicator.pk)
    return [error.code for errors in row.evidence_form.errors.as_data().values() for error in errors]


def download(client, evidence):
    return client.get(reverse("evidence-download", args=[evidence.pk]))


# --- hostile PDFs at the upload view -----------------------------------------------------------------

OBJECT_STREAM_SCRIPTS = {
    "ascii-hex-object-stream": lambda: corpus.script_in_object_stream(encode=corpus.ascii_hex),
    "note-obj-after-type-objstm": lambda: corpus.script_in_object_stream(stream_dictionary=b"/Type/ObjStm/Note(obj)"),
}


@pytest.mark.parametrize("case", sorted(OBJECT_STREAM_SCRIPTS))
def test_a_script_in_an_object_stream_is_refused_at_upload_and_leaves_nothing(client, operator_a_draft, case):
    response = upload_evidence(client, operator_a_draft, OBJECT_STREAM_SCRIPTS[case](), "laporan.pdf")
    assert response.status_code == 400
    assert error_codes(response, operator_a_draft.pdf_only) == ["active_content"]
    assert (Evidence.objects.count(), Answer.objects.count()) == (0, 0)
    assert media_files() == []


def test_an_encrypted_pdf_is_refused_at_upload_and_leaves_nothing(client, operator_a_draft):
    response = upload_evidence(client, operator_a_draft, corpus.encrypted(""), "terkunci.pdf")
    assert response.status_code == 400
    assert error_codes(response, operator_a_draft.pdf_only) == ["encrypted"]
    assert (Evidence.objects.count(), media_files()) == (0, [])


def test_the_polyglot_is_a_valid_pdf():
    with pikepdf.open(io.BytesIO(POLYGLOT)) as pdf:
        assert (pdf.check_pdf_syntax(), pdf.get_warnings(), len(pdf.pages)) == ([], [], 1)
    assert b"<script>" in POLYGLOT[:100]


def test_a_clean_pdf_with_object_streams_is_stored(client, operator_a_draft):
    content = corpus.pikepdf_document(object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert upload_evidence(client, operator_a_draft, content, "laporan.pdf").status_code == 302
    evidence = Evidence.objects.get()
    with evidence.file.open("rb") as stored:
        assert stored.read() == content


# --- downloads typed by content ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "download_name"),
    [
        ("poly.html", "poly.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.pdf"),
        ("Surat Keputusan.pdf", "Surat Keputusan.pdf"),
    ],
    ids=["html-name", "right-to-left-override", "pdf-name"],
)
def test_an_evidence_pdf_downloads_as_a_pdf_whatever_its_name(client, operator_a_draft, name, download_name):
    assert upload_evidence(client, operator_a_draft, POLYGLOT, name, content_type="text/html").status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.file.name.endswith(".pdf")
    response = download(client, evidence)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{download_name}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == POLYGLOT


def test_an_evidence_image_downloads_as_its_detected_type(client, operator_a_draft):
    response = upload_evidence(
        client, operator_a_draft, png_bytes(), "gambar.svg", operator_a_draft.pdf_or_image, "image/svg+xml"
    )
    assert response.status_code == 302
    response = download(client, Evidence.objects.get())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="gambar.png"'


def test_a_stored_file_of_another_extension_downloads_as_octet_stream(client, operator_a_draft):
    # Rows written outside the upload check (the admin, an import) are never typed by their name.
    upload_evidence(client, operator_a_draft, POLYGLOT, "laporan.pdf")
    evidence = Evidence.objects.get()
    evidence.file.save("halaman.html", ContentFile(POLYGLOT), save=False)
    evidence.original_name = "halaman\u202elmth.html"
    evidence.save()
    response = download(client, evidence)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="halamanlmth.html"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_profile_document_downloads_as_a_pdf(client, operator_a_draft):
    operator_a_draft.inovasi.budget_document.save("upload.pdf", ContentFile(POLYGLOT), save=True)
    response = client.get(reverse("inovasi-file", args=[operator_a_draft.inovasi.pk, "anggaran"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="anggaran-{operator_a_draft.inovasi.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_profile_document_of_another_extension_downloads_as_octet_stream(client, operator_a_draft):
    operator_a_draft.inovasi.business_profile.save("profil.html", ContentFile(POLYGLOT), save=True)
    response = client.get(reverse("inovasi-file", args=[operator_a_draft.inovasi.pk, "profil-bisnis"]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="profil-bisnis-{operator_a_draft.inovasi.pk}.html"'


def test_a_photo_is_served_inline_as_its_detected_type(client, operator_a_draft):
    photo = add_photo(operator_a_draft.inovasi)
    response = client.get(reverse("photo-view", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_photo_of_another_extension_is_served_as_octet_stream(client, operator_a_draft):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    photo = InovasiPhoto(inovasi=operator_a_draft.inovasi, caption="Foto")
    photo.image.save("foto.svg", ContentFile(svg), save=True)
    response = client.get(reverse("photo-view", args=[photo.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
