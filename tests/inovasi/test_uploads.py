"""Evidence uploads are judged by their content: real PDFs and PNG/JPEG images only."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from inovasi import pdf_check, uploads
from inovasi.uploads import MAX_UPLOAD_SIZES, check_link, check_upload, safe_display_name
from tests.inovasi.factories import post_data
from tests.inovasi.pdf_corpus import classic_pdf

ALL_FILES = ["pdf", "image"]


def make_pdf(catalog_extra=b"", extra_objects=(), padding=0):
    """A minimal valid one-page PDF with a correct xref table; objects are numbered from 1."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    return classic_pdf(objects, preamble=b"%" + b"x" * padding + b"\n" if padding else b"")


def stream_object(data, dictionary=b""):
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), dictionary, data)


def make_image(pil_format, size=(16, 12)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(buffer, format=pil_format)
    return buffer.getvalue()


def upload(content, name="bukti.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def rejection(content, allowed=ALL_FILES, **kwargs):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(content, **kwargs), allowed)
    return caught.value


# --- accepted files ------------------------------------------------------------------------------


def test_valid_pdf_is_accepted():
    content = make_pdf()
    uploaded = upload(content, name="Surat Keputusan.pdf")
    checked = check_upload(uploaded, ["pdf"])
    assert (checked.kind, checked.extension, checked.content_type) == ("pdf", "pdf", "application/pdf")
    assert checked.size == len(content)
    assert checked.original_name == "Surat Keputusan.pdf"
    assert uploaded.name == "upload.pdf"


@pytest.mark.parametrize(
    ("pil_format", "extension", "content_type"), [("PNG", "png", "image/png"), ("JPEG", "jpg", "image/jpeg")]
)
def test_valid_images_are_accepted(pil_format, extension, content_type):
    content = make_image(pil_format)
    # The browser's name and type are ignored: the content decides.
    uploaded = upload(content, name="foto.gif", content_type="application/octet-stream")
    checked = check_upload(uploaded, ["image"])
    assert (checked.kind, checked.extension, checked.content_type) == ("image", extension, content_type)
    assert checked.size == len(content)
    assert checked.original_name == "foto.gif"
    assert uploaded.name == f"upload.{extension}"


def test_file_is_rewound_after_the_check():
    content = make_pdf(padding=5000)
    uploaded = upload(content)
    uploaded.read(100)
    check_upload(uploaded, ["pdf"])
    assert uploaded.read() == content


def test_image_is_rewound_after_the_check():
    content = make_image("PNG")
    uploaded = upload(content, name="a.png", content_type="image/png")
    check_upload(uploaded, ["image"])
    assert uploaded.read() == content


@pytest.mark.parametrize(("name", "expected"), [("../../x.pdf", "x.pdf"), ("..\\..\\evil.pdf", "evil.pdf")])
def test_directories_are_stripped_from_the_name(name, expected):
    uploaded = upload(make_pdf(), name=name)
    checked = check_upload(uploaded, ["pdf"])
    assert checked.original_name == expected
    assert uploaded.name == "upload.pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("C:\\Users\\ani\\Desktop\\laporan.pdf", "laporan.pdf"),
        ("lap\x00or\x1fan\n.pdf", "laporan.pdf"),
        ("evil\u202egnp.exe", "evilgnp.exe"),  # right-to-left override
        ("  spasi.pdf  ", "spasi.pdf"),
        ("a" * 300 + ".pdf", "a" * 200),
        ("", "berkas"),
        (None, "berkas"),
        ("dir/", "berkas"),
        ("..", "berkas"),
        ("\x01\x02", "berkas"),
    ],
)
def test_safe_display_name(name, expected):
    assert safe_display_name(name) == expected


# --- type --------------------------------------------------------------------------------------------


@translation.override("en")
def test_pdf_is_refused_for_an_image_only_indicator():
    error = rejection(make_pdf(), allowed=["image"])
    assert error.code == "type_not_allowed"
    assert error.params == {"subject": "This indicator", "kinds": "PNG/JPEG", "found": "PDF"}
    assert error.messages == ["This indicator accepts only PNG/JPEG files; this file is a PDF."]


@translation.override("en")
def test_image_is_refused_for_a_pdf_only_indicator():
    error = rejection(make_image("PNG"), allowed=["pdf", "video"], name="a.png", content_type="image/png")
    assert error.code == "type_not_allowed"
    assert error.params == {"subject": "This indicator", "kinds": "PDF", "found": "PNG"}


def test_file_is_refused_for_a_links_only_indicator():
    assert rejection(make_pdf(), allowed=["video", "url"]).code == "type_not_allowed"


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200,  # Windows executable
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200,  # Linux executable
        b"<html><body><script>alert(1)</script></body></html>",
        b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200,  # ZIP / docx
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
        b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
        b" %PDF-1.4\n%%EOF\n",  # the header must come first
    ],
    ids=["exe", "elf", "html", "zip", "gif", "late-pdf-header"],
)
def test_other_types_renamed_pdf_are_refused(content):
    assert rejection(content, name="laporan.pdf").code == "type_not_allowed"


@translation.override("en")
def test_a_file_named_like_an_accepted_type_is_told_it_is_not_one_by_the_field_it_was_given_to():
    """An .exe renamed .pdf is not "the wrong type" for the place: it is not a PDF at all, and the
    message names the field (a profile document is no indicator)."""
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(executable, name="anggaran.pdf"), ["pdf"], "Budget document")
    assert caught.value.code == "type_not_allowed"
    assert caught.value.messages == [
        "Budget document: this file is not a valid PDF; its name ends in .pdf, but its content is another type of file."
    ]


@translation.override("en")
def test_a_file_of_no_accepted_type_is_told_what_the_field_accepts():
    error = rejection(b"PK\x03\x04" + b"\x00" * 200, allowed=["pdf"], name="laporan.docx")
    assert error.messages == ["This indicator accepts only PDF files; the content of this file is another type."]


@translation.override("en")
def test_a_links_only_indicator_says_so():
    assert rejection(make_pdf(), allowed=["video", "url"]).messages == ["This indicator accepts links only, not files."]


def test_svg_named_png_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    error = rejection(svg, allowed=["image"], name="x.png", content_type="image/png")
    assert error.code == "type_not_allowed"


def test_empty_file_is_refused():
    assert rejection(b"").code == "empty"


# --- size --------------------------------------------------------------------------------------------


def test_file_over_the_limit_is_refused(settings):
    settings.EVIDENCE_MAX_SIZE = {"pdf": 1000, "image": 1000}
    content = make_pdf(padding=2000)
    assert 2000 < len(content) < 3000
    assert rejection(content).code == "too_large"


def test_file_within_the_limit_is_accepted(settings):
    settings.EVIDENCE_MAX_SIZE = {"pdf": 4000}
    assert check_upload(upload(make_pdf(padding=2000)), ["pdf"]).kind == "pdf"


def test_limits_are_read_from_settings_at_call_time(settings):
    assert MAX_UPLOAD_SIZES["pdf"] == 10 * 1024 * 1024
    settings.EVIDENCE_MAX_SIZE = {"pdf": 1000}
    assert dict(MAX_UPLOAD_SIZES) == {"pdf": 1000, "image": 10 * 1024 * 1024}


# --- damaged images ----------------------------------------------------------------------------------


def test_html_after_a_png_header_is_refused():
    content = b"\x89PNG\r\n\x1a\n" + b"<html><script>alert(1)</script></html>"
    assert rejection(content, name="x.png", content_type="image/png").code == "corrupt"


@pytest.mark.parametrize("pil_format", ["PNG", "JPEG"])
def test_truncated_image_is_refused(pil_format):
    content = make_image(pil_format, size=(64, 64))
    assert rejection(content[: len(content) // 2]).code == "corrupt"


def test_jpeg_header_on_garbage_is_refused():
    assert rejection(b"\xff\xd8\xff\xe0" + b"\x00" * 100).code == "corrupt"


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 100)
    assert rejection(make_image("PNG", size=(20, 20))).code == "corrupt"


# --- PDFs --------------------------------------------------------------------------------------------


def test_truncated_pdf_is_refused():
    content = make_pdf()
    assert rejection(content[: content.index(b"xref")]).code == "corrupt"


def test_pdf_header_alone_is_refused():
    assert rejection(b"%PDF-1.7\n<html><script>alert(1)</script></html>").code == "corrupt"


@pytest.mark.parametrize(
    ("catalog_extra", "extra_objects"),
    [
        (b"/OpenAction 4 0 R", [b"<< /S /JavaScript /JS (app.alert(1)) >>"]),
        (b"/OpenAction 4 0 R", [b"<< /S /J#61vaScr#69pt /J#53 (app.alert(1)) >>"]),  # escaped names
        (b"/OpenAction << /JS (app.alert(1)) >>", []),
        (b"/OpenAction 4 0 R", [b"<< /S /Launch /F (cmd.exe) >>"]),
        (b"/Names << /JavaScript 4 0 R >>", [b"<< /Names [(a) 5 0 R] >>", stream_object(b"app.alert(1)")]),
    ],
    ids=["javascript", "escaped", "js", "launch", "names-tree"],
)
def test_pdf_with_active_content_is_refused(catalog_extra, extra_objects):
    assert rejection(make_pdf(catalog_extra, extra_objects)).code == "active_content"


def test_script_hidden_in_a_compressed_object_stream_is_refused():
    objects = b"5 0 << /JS (app.alert(1)) >>"
    object_stream = stream_object(zlib.compress(objects), b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode")
    content = make_pdf(b"/OpenAction 5 0 R", [object_stream])
    assert rejection(content).code == "active_content"


def test_object_stream_that_inflates_beyond_the_limit_is_refused():
    bomb = zlib.compress(b"\0" * (pdf_check.MAX_OBJECT_STREAM_SIZE + 1))
    content = make_pdf(extra_objects=[stream_object(bomb, b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode")])
    assert rejection(content).code == "corrupt"


def test_js_bytes_inside_binary_stream_data_are_not_mistaken_for_a_script():
    # Compressed page content or image data may hold "/JS " by chance; only real names count.
    binary = b"\x00\x93/JS \x17\xfe" + bytes(range(256))
    content = make_pdf(extra_objects=[stream_object(binary, b"/Filter /DCTDecode")])
    assert check_upload(upload(content), ["pdf"]).kind == "pdf"


# --- links -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.com/a.pdf", "youtu.be/abc"],
)
def test_unsafe_or_invalid_links_are_refused(url):
    with pytest.raises(ValidationError) as caught:
        check_link(url, ["video", "url"])
    assert caught.value.code == "invalid_link"


def test_overlong_link_is_refused():
    with pytest.raises(ValidationError) as caught:
        check_link("https://example.com/" + "a" * 500, ["url"])
    assert caught.value.code == "invalid_link"


def test_video_link_is_accepted_when_video_is_allowed():
    checked = check_link(" https://youtu.be/abc ", ["video"])
    assert (checked.kind, checked.url) == ("video", "https://youtu.be/abc")


def test_link_is_refused_when_only_files_are_allowed():
    with pytest.raises(ValidationError) as caught:
        check_link("https://youtu.be/abc", ["pdf"])
    assert caught.value.code == "link_not_allowed"


@pytest.mark.parametrize(
    ("url", "allowed", "kind"),
    [
        ("https://www.youtube.com/watch?v=abc", ["video", "url"], "video"),
        ("https://drive.google.com/file/d/abc/view", ["video", "url"], "video"),
        ("https://opd.go.id/berita/inovasi", ["video", "url"], "url"),
        ("http://opd.go.id/berita/inovasi", ["url"], "url"),
        ("https://opd.go.id/video.mp4", ["video", "pdf"], "video"),
    ],
)
def test_link_kind(url, allowed, kind):
    assert check_link(url, allowed).kind == kind


def test_the_profile_form_names_its_document_not_an_indicator(client, operator_a):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
    upload_ = SimpleUploadedFile("anggaran.pdf", executable, content_type="application/pdf")
    response = client.post(reverse("inovasi-create"), {**post_data(), "budget_document": upload_})
    assert response.context["form"].errors["budget_document"] == [
        "Budget document: this file is not a valid PDF; its name ends in .pdf, but its content is another type of file."
    ]


def test_the_profile_forms_message_in_indonesian_names_no_indicator(client, operator_a):
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
    upload_ = SimpleUploadedFile("anggaran.pdf", executable, content_type="application/pdf")
    response = client.post(reverse("inovasi-create"), {**post_data(), "budget_document": upload_})
    [message] = response.context["form"].errors["budget_document"]
    assert "ndikator" not in message and "indicator" not in message
