"""Answers and evidence through the views: what is stored, what is refused, and that refusals leave nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inovasi.models import Answer, Evidence, Inovasi
from portal.catalogue.models import Period
from tests.inovasi.factories import MINIMAL_PDF, current_period, make_inovasi, media_files, png_bytes, sid_indicator

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML_AFTER_PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"<html><script>alert(1)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
# Ten profile items and 2026's four asked items done, five mandatory indicators (16, 17, 32, 33, 35) open: 14 of 19.
PROFILE_ONLY = 74
# Indicator 16 answered with evidence as well: 15 of 19.
WITH_INDICATOR_16 = 79


@pytest.fixture
def operator_a_draft(client, personas):
    """A draft of OPD A (`.inovasi`), three indicators by the evidence they take; the client is its operator."""
    period = current_period()
    personas.period = period
    personas.pdf_only = sid_indicator(period, 16)
    personas.pdf_or_image = sid_indicator(period, 25)
    personas.video = sid_indicator(period, 35)
    assert personas.pdf_only.evidence_kinds == ["pdf"]
    assert personas.pdf_or_image.evidence_kinds == ["pdf", "image"]
    assert personas.video.evidence_kinds == ["video"]
    personas.inovasi = make_inovasi(personas.opd_a, personas.operator_a, period)
    client.force_login(personas.operator_a)
    return personas


def evidence_url(operator_a_draft, indicator):
    return reverse("inovasi-evidence-add", args=[operator_a_draft.inovasi.pk, indicator.pk])


def answer_url(operator_a_draft, indicator):
    return reverse("inovasi-answer", args=[operator_a_draft.inovasi.pk, indicator.pk])


def upload(content, name="Surat Keputusan Kepala Dinas.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def completeness(inovasi):
    return Inovasi.objects.values_list("completeness", flat=True).get(pk=inovasi.pk)


def failed_form(response, indicator):
    row = next(row for row in response.context["rows"] if row.indicator.pk == indicator.pk)
    return row.evidence_form


def error_codes(form):
    return {field: [error.code for error in errors] for field, errors in form.errors.as_data().items()}


def multipart(fields, filename, content, content_type="application/pdf"):
    """A hand-made multipart body: the test client would strip directories from the name itself."""
    boundary = "----batas-uji-coba"
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


# --- accepted evidence -------------------------------------------------------------------------------


def test_a_valid_pdf_is_stored_under_a_generated_name_and_completeness_is_refreshed(client, operator_a_draft):
    client.post(answer_url(operator_a_draft, operator_a_draft.pdf_only), {"level": 3})
    Inovasi.objects.filter(pk=operator_a_draft.inovasi.pk).update(completeness=0)  # stale, so a refresh shows
    data = {"subject": "SK Inovasi", "document_number": "800/12/2026", "file": upload(MINIMAL_PDF)}
    response = client.post(evidence_url(operator_a_draft, operator_a_draft.pdf_only), data)
    assert response.status_code == 302
    assert (
        response.url
        == reverse("inovasi-indicators", args=[operator_a_draft.inovasi.pk])
        + f"#indikator-{operator_a_draft.pdf_only.pk}"
    )
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.original_name, evidence.size, evidence.subject, evidence.document_number) == (
        "pdf",
        "Surat Keputusan Kepala Dinas.pdf",
        len(MINIMAL_PDF),
        "SK Inovasi",
        "800/12/2026",
    )
    assert (evidence.answer.inovasi, evidence.answer.indicator, evidence.uploaded_by, evidence.url) == (
        operator_a_draft.inovasi,
        operator_a_draft.pdf_only,
        operator_a_draft.operator_a,
        "",
    )
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.name.endswith(".pdf")
    assert "Surat" not in evidence.file.name
    assert "Keputusan" not in evidence.file.name
    with evidence.file.open("rb") as stored:
        assert stored.read() == MINIMAL_PDF
    assert completeness(operator_a_draft.inovasi) == WITH_INDICATOR_16


def test_evidence_for_an_unanswered_indicator_creates_its_answer_at_level_0(client, operator_a_draft):
    response = client.post(
        evidence_url(operator_a_draft, operator_a_draft.pdf_only), {"subject": "SK", "file": upload(MINIMAL_PDF)}
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.inovasi, answer.indicator, answer.level, answer.evidence.count()) == (
        operator_a_draft.inovasi,
        operator_a_draft.pdf_only,
        0,
        1,
    )
    assert completeness(operator_a_draft.inovasi) == PROFILE_ONLY


def test_a_png_for_an_indicator_taking_images_is_stored_as_an_image(client, operator_a_draft):
    content = png_bytes()
    data = {"subject": "Foto", "file": upload(content, name="foto kegiatan.png", content_type="image/png")}
    assert client.post(evidence_url(operator_a_draft, operator_a_draft.pdf_or_image), data).status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.original_name, evidence.size) == ("image", "foto kegiatan.png", len(content))
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.name.endswith(".png")
    assert "kegiatan" not in evidence.file.name


def test_a_name_with_directories_is_stored_under_a_generated_name(client, operator_a_draft):
    body, content_type = multipart({"subject": "SK"}, "../../x.pdf", MINIMAL_PDF)
    response = client.post(
        evidence_url(operator_a_draft, operator_a_draft.pdf_only), data=body, content_type=content_type
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "x.pdf"
    assert evidence.file.name.startswith("evidence/")
    assert ".." not in evidence.file.name
    assert media_files() == [evidence.file.name]


def test_a_video_link_is_stored_with_kind_video(client, operator_a_draft):
    data = {"subject": "Video inovasi", "url": "https://www.youtube.com/watch?v=abc"}
    assert client.post(evidence_url(operator_a_draft, operator_a_draft.video), data).status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.url, evidence.file.name, evidence.original_name) == (
        "video",
        "https://www.youtube.com/watch?v=abc",
        "",
        "",
    )
    assert media_files() == []


def test_a_web_link_for_an_indicator_taking_videos_and_links_is_stored_with_kind_url(client, operator_a_draft):
    # check_link tells video hosts from other sites when an indicator takes both kinds.
    operator_a_draft.video.evidence_kinds = ["video", "url"]
    operator_a_draft.video.save()
    data = {"subject": "Berita", "url": "https://opd.go.id/berita/inovasi"}
    assert client.post(evidence_url(operator_a_draft, operator_a_draft.video), data).status_code == 302
    assert Evidence.objects.get().kind == "url"


def test_a_link_is_refused_for_a_pdf_only_indicator(client, operator_a_draft):
    data = {"subject": "Link", "url": "https://opd.go.id/sk.pdf"}
    response = client.post(evidence_url(operator_a_draft, operator_a_draft.pdf_only), data)
    assert response.status_code == 400
    assert (Evidence.objects.count(), Answer.objects.count()) == (0, 0)


# --- refused uploads ---------------------------------------------------------------------------------


REFUSED = {
    "executable-named-pdf": ("pdf_only", EXECUTABLE, "laporan.pdf", {"__all__": ["type_not_allowed"]}),
    "html-after-png-header": ("pdf_or_image", HTML_AFTER_PNG_HEADER, "foto.png", {"__all__": ["corrupt"]}),
    "svg": ("pdf_or_image", SVG, "gambar.svg", {"__all__": ["type_not_allowed"]}),
    "over-the-limit": ("pdf_only", MINIMAL_PDF, "besar.pdf", {"__all__": ["too_large"]}),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_upload_answers_400_and_leaves_nothing(client, operator_a_draft, settings, case):
    indicator_name, content, name, expected_errors = REFUSED[case]
    indicator = getattr(operator_a_draft, indicator_name)
    settings.EVIDENCE_MAX_SIZE = {"pdf": len(MINIMAL_PDF) - 1, "image": 10 * 1024 * 1024}
    answers_before = list(Answer.objects.values_list("pk", flat=True))
    response = client.post(
        evidence_url(operator_a_draft, indicator), {"subject": "Bukti", "file": upload(content, name=name)}
    )
    assert response.status_code == 400
    assert error_codes(failed_form(response, indicator)) == expected_errors
    assert Evidence.objects.count() == 0
    assert list(Answer.objects.values_list("pk", flat=True)) == answers_before
    assert media_files() == []


def test_an_empty_file_answers_400_and_leaves_nothing(client, operator_a_draft):
    response = client.post(
        evidence_url(operator_a_draft, operator_a_draft.pdf_only), {"subject": "Bukti", "file": upload(b"")}
    )
    assert response.status_code == 400
    assert error_codes(failed_form(response, operator_a_draft.pdf_only))["file"] == ["empty"]
    assert (Evidence.objects.count(), Answer.objects.count()) == (0, 0)
    assert media_files() == []


def test_an_empty_file_gets_one_error_not_also_attach_a_file_or_a_link(client, operator_a_draft):
    response = client.post(
        evidence_url(operator_a_draft, operator_a_draft.pdf_only), {"subject": "Bukti", "file": upload(b"")}
    )
    assert error_codes(failed_form(response, operator_a_draft.pdf_only)) == {"file": ["empty"]}


def test_a_refused_upload_to_an_answered_indicator_keeps_the_answer_as_it_was(client, operator_a_draft):
    client.post(answer_url(operator_a_draft, operator_a_draft.pdf_only), {"level": 2, "note": "catatan"})
    answer = Answer.objects.get()
    response = client.post(
        evidence_url(operator_a_draft, operator_a_draft.pdf_only), {"subject": "Bukti", "file": upload(EXECUTABLE)}
    )
    assert response.status_code == 400
    assert list(Answer.objects.values_list("pk", "level", "note")) == [(answer.pk, 2, "catatan")]
    assert Evidence.objects.count() == 0
    assert media_files() == []


@pytest.mark.parametrize("which", ["2023", "spd", "archived"])
def test_an_indicator_outside_the_innovations_sid_catalogue_answers_404(client, operator_a_draft, which):
    if which == "2023":
        indicator = sid_indicator(Period.objects.get(year=2023), 16)
    elif which == "spd":
        indicator = operator_a_draft.period.indicators.get(scope="spd", number="1")
    else:
        indicator = operator_a_draft.pdf_or_image
        indicator.is_archived = True
        indicator.save()
    assert client.post(answer_url(operator_a_draft, indicator), {"level": 3}).status_code == 404
    response = client.post(evidence_url(operator_a_draft, indicator), {"subject": "SK", "file": upload(MINIMAL_PDF)})
    assert response.status_code == 404
    assert (Answer.objects.count(), Evidence.objects.count()) == (0, 0)
    assert media_files() == []


# --- answers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_the_answer_view_saves_the_level(client, operator_a_draft, level):
    response = client.post(answer_url(operator_a_draft, operator_a_draft.pdf_only), {"level": level, "note": "dari SK"})
    assert response.status_code == 302
    assert list(Answer.objects.values_list("inovasi", "indicator", "level", "note", "updated_by")) == [
        (operator_a_draft.inovasi.pk, operator_a_draft.pdf_only.pk, level, "dari SK", operator_a_draft.operator_a.pk)
    ]


@pytest.mark.parametrize("level", ["4", "-1", "tiga", ""])
def test_a_level_outside_0_to_3_is_refused_and_changes_nothing(client, operator_a_draft, level):
    client.post(answer_url(operator_a_draft, operator_a_draft.pdf_only), {"level": 2})
    client.post(answer_url(operator_a_draft, operator_a_draft.pdf_or_image), {"level": level})
    assert list(Answer.objects.values_list("indicator", "level")) == [(operator_a_draft.pdf_only.pk, 2)]
    client.post(answer_url(operator_a_draft, operator_a_draft.pdf_only), {"level": level})
    assert list(Answer.objects.values_list("indicator", "level")) == [(operator_a_draft.pdf_only.pk, 2)]


def test_changing_a_level_updates_the_one_answer(client, operator_a_draft):
    client.post(answer_url(operator_a_draft, operator_a_draft.pdf_only), {"level": 1})
    client.post(answer_url(operator_a_draft, operator_a_draft.pdf_only), {"level": 3})
    assert list(Answer.objects.values_list("indicator", "level")) == [(operator_a_draft.pdf_only.pk, 3)]


# --- download and delete -----------------------------------------------------------------------------


def test_download_returns_the_file_as_an_attachment(client, operator_a_draft):
    client.post(
        evidence_url(operator_a_draft, operator_a_draft.pdf_only),
        {"subject": "SK", "file": upload(MINIMAL_PDF, name="sk.pdf")},
    )
    evidence = Evidence.objects.get()
    response = client.get(reverse("evidence-download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="sk.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_downloading_a_link_evidence_answers_404(client, operator_a_draft):
    client.post(
        evidence_url(operator_a_draft, operator_a_draft.video), {"subject": "Video", "url": "https://youtu.be/abc"}
    )
    assert client.get(reverse("evidence-download", args=[Evidence.objects.get().pk])).status_code == 404


def test_delete_removes_the_row_and_refreshes_completeness(client, operator_a_draft):
    client.post(answer_url(operator_a_draft, operator_a_draft.pdf_only), {"level": 3})
    client.post(
        evidence_url(operator_a_draft, operator_a_draft.pdf_only), {"subject": "SK", "file": upload(MINIMAL_PDF)}
    )
    evidence = Evidence.objects.get()
    assert completeness(operator_a_draft.inovasi) == WITH_INDICATOR_16
    response = client.post(reverse("evidence-delete", args=[evidence.pk]))
    assert response.status_code == 302
    assert response.url == reverse("inovasi-indicators", args=[operator_a_draft.inovasi.pk])
    assert Evidence.objects.count() == 0
    assert list(Answer.objects.values_list("indicator", "level")) == [(operator_a_draft.pdf_only.pk, 3)]
    assert completeness(operator_a_draft.inovasi) == PROFILE_ONLY


def test_delete_answers_get_with_its_confirmation_page_and_keeps_the_row(client, operator_a_draft):
    client.post(
        evidence_url(operator_a_draft, operator_a_draft.pdf_only), {"subject": "SK", "file": upload(MINIMAL_PDF)}
    )
    evidence = Evidence.objects.get()
    response = client.get(reverse("evidence-delete", args=[evidence.pk]))
    assert (response.status_code, response.templates[0].name) == (200, "confirm.html")
    assert Evidence.objects.count() == 1
