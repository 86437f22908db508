"""PDF evidence is parsed by qpdf and every object is looked at, those kept in object streams too.

The hostile corpus is written here byte by byte (tests/inovasi/pdf_corpus.py); the clean one is made
by hand, by pikepdf and by WeasyPrint, and must still be accepted.
"""

import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inovasi import pdf_check
from inovasi.uploads import check_upload
from tests.inovasi import pdf_corpus as corpus
from tests.inovasi.factories import MINIMAL_PDF


def verdict(content):
    """ "accepted", or the code of the ValidationError that refused the PDF."""
    try:
        check_upload(SimpleUploadedFile("bukti.pdf", content, content_type="application/pdf"), ["pdf"])
    except ValidationError as error:
        return error.code
    return "accepted"


def annotated_page(annotation):
    return corpus.classic_pdf(corpus.base_objects(page_extra=b"/Annots [%s]" % annotation))


# --- the two files the scanner let through -----------------------------------------------------------

OBJECT_STREAM_SCRIPTS = {
    "ascii-hex-object-stream": lambda: corpus.script_in_object_stream(encode=corpus.ascii_hex),
    "note-obj-after-type-objstm": lambda: corpus.script_in_object_stream(stream_dictionary=b"/Type/ObjStm/Note(obj)"),
}


@pytest.mark.parametrize("case", sorted(OBJECT_STREAM_SCRIPTS))
def test_the_hand_made_object_stream_pdfs_are_valid_and_open_with_a_script(case):
    content = OBJECT_STREAM_SCRIPTS[case]()
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert pdf.get_warnings() == []
        assert pdf.pdf_version == "1.5"
        assert str(pdf.Root.OpenAction.S) == "/JavaScript"
        assert pdf.Root.OpenAction.JS == "app.alert(document.cookie)"
        # The action really is kept in the object stream (object 5), not as a plain object.
        entry = pdf.get_xref_table()[(4, 0)]
        assert (entry.type, entry.obj_stream_number) == (2, 5)
        assert str(pdf.get_object((5, 0)).Type) == "/ObjStm"
    assert b"JavaScript" not in content  # nothing a byte scanner could find


@pytest.mark.parametrize("case", sorted(OBJECT_STREAM_SCRIPTS))
def test_a_script_action_kept_in_an_object_stream_is_refused(case):
    assert verdict(OBJECT_STREAM_SCRIPTS[case]()) == "active_content"


# --- active content ----------------------------------------------------------------------------------

HOSTILE = {
    "flate-object-stream": corpus.script_in_object_stream,
    "escaped-names-in-an-object-stream": lambda: corpus.object_stream_pdf(
        corpus.base_objects(b"/OpenAction 4 0 R"), [b"<< /S /J#61vaScr#69pt /J#53 (app.alert\\(1\\)) >>"]
    ),
    "names-tree": lambda: corpus.classic_pdf(
        [
            *corpus.base_objects(b"/Names << /JavaScript 4 0 R >>"),
            b"<< /Names [(buka) 5 0 R] >>",
            corpus.SCRIPT_ACTION,
        ]
    ),
    "js-in-an-annotation-action": lambda: annotated_page(
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /JS (app.alert\\(1\\)) >> >>"
    ),
    "additional-action-nested-in-an-annotation": lambda: annotated_page(
        b"<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /AA << /E [<< /S /JavaScript /JS 4 0 R >>] >> >>"
    ),
    "launch": lambda: corpus.classic_pdf(corpus.base_objects(b"/OpenAction << /S /Launch /F (cmd.exe) >>")),
    "launch-in-an-object-stream": lambda: corpus.object_stream_pdf(
        corpus.base_objects(b"/OpenAction 4 0 R"), [b"<< /S /Launch /Win << /F (cmd.exe) >> >>"]
    ),
    "embedded-files": corpus.with_attachment,
    "file-attachment-annotation": lambda: annotated_page(
        b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS << /Type /Filespec /F (a.exe) >> >>"
    ),
    "embedded-file-stream": lambda: corpus.classic_pdf(
        [*corpus.base_objects(), corpus.stream_object(b"MZ", b"/Type /EmbeddedFile")]
    ),
    "rich-media": lambda: annotated_page(
        b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] /RichMediaContent << /Assets << >> >> >>"
    ),
    "xfa": lambda: corpus.classic_pdf(
        [*corpus.base_objects(b"/AcroForm << /Fields [] /XFA 4 0 R >>"), corpus.stream_object(b"<xdp:xdp/>")]
    ),
    "xfa-in-an-object-stream": lambda: corpus.object_stream_pdf(
        corpus.base_objects(b"/AcroForm 4 0 R"), [b"<< /Fields [] /XFA [(template) (<template/>)] >>"]
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_pdf_with_active_or_embedded_content_is_refused(case):
    assert verdict(HOSTILE[case]()) == "active_content"


def test_scripts_and_embedded_files_are_refused_with_their_own_message():
    with pytest.raises(ValidationError) as script:
        check_upload(SimpleUploadedFile("a.pdf", HOSTILE["launch"]()), ["pdf"])
    with pytest.raises(ValidationError) as attachment:
        check_upload(SimpleUploadedFile("a.pdf", HOSTILE["embedded-files"]()), ["pdf"])
    assert script.value.messages != attachment.value.messages


@pytest.mark.parametrize("user_password", ["rahasia", ""], ids=["user-password", "owner-password-only"])
def test_encrypted_pdf_is_refused(user_password):
    content = corpus.encrypted(user_password)
    with pikepdf.open(io.BytesIO(content), password="pemilik") as pdf:
        assert pdf.is_encrypted
    assert verdict(content) == "encrypted"


# --- damaged files and bombs -------------------------------------------------------------------------


def test_garbage_after_the_pdf_header_is_refused():
    assert verdict(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n") == "corrupt"


def test_an_object_stream_qpdf_cannot_decode_is_refused():
    # qpdf would read its objects as null; a viewer decoding what it can might find a script there.
    damaged = corpus.script_in_object_stream(encode=lambda body: (b"x\x9c\xff\xff" + body, b"/Filter /FlateDecode"))
    assert verdict(damaged) == "corrupt"


def test_an_lzw_object_stream_is_refused():
    # qpdf has no memory limit for LZW, which grows over 1000-fold: a 10 MB upload could take gigabytes.
    content = corpus.script_in_object_stream(encode=corpus.lzw)
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert str(pdf.Root.OpenAction.S) == "/JavaScript"  # the encoder writes real LZW
    assert verdict(content) == "corrupt"


def test_an_object_stream_inflating_beyond_the_limit_is_refused():
    padding = b" " * (pdf_check.MAX_OBJECT_STREAM_SIZE + 1)
    content = corpus.object_stream_pdf(corpus.base_objects()[:1], [corpus.PAGES, corpus.PAGE % padding])
    assert len(content) < 100_000
    assert verdict(content) == "corrupt"


def test_object_streams_beyond_the_limit_in_all_are_refused(monkeypatch):
    content = corpus.pikepdf_document(pages=20, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert verdict(content) == "accepted"
    monkeypatch.setattr(pdf_check, "MAX_OBJECT_STREAM_SIZE", 100)
    assert verdict(content) == "corrupt"


def test_too_many_objects_are_refused_before_they_are_read(monkeypatch):
    content = corpus.pikepdf_document(pages=20)
    assert verdict(content) == "accepted"
    monkeypatch.setattr(pdf_check, "MAX_PDF_OBJECTS", 20)
    assert verdict(content) == "corrupt"


def test_names_hidden_as_inline_image_data_in_an_unlisted_object_stream_are_refused():
    # The content tokenizer reads what follows "ID" as raw bytes; a viewer reads a dictionary.
    hidden = b"4 0 << /A ID /S /JavaScript /JS (app.alert\\(1\\)) >> EI"
    object_stream = corpus.stream_object(hidden, b"/Type /ObjStm /N 1 /First 4")
    assert verdict(corpus.classic_pdf([*corpus.base_objects(), object_stream])) == "corrupt"


def test_javascript_in_an_unlisted_object_stream_is_refused():
    # Object 5 exists only in an object stream the xref table does not use; a viewer rebuilding
    # the table would still take it.
    data, _filter = corpus.ascii_hex(b"5 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>")
    object_stream = corpus.stream_object(data, b"/Type /ObjStm /N 1 /First 4 /Filter /AHx")
    content = corpus.classic_pdf([*corpus.base_objects(b"/OpenAction 5 0 R"), object_stream])
    assert verdict(content) == "active_content"


# --- clean PDFs of several shapes --------------------------------------------------------------------

CLEAN = {
    "classic-xref-table": lambda: corpus.classic_pdf(corpus.base_objects()),
    "without-xref-table": lambda: MINIMAL_PDF,  # qpdf rebuilds the table, as viewers do
    "hand-made-object-stream": lambda: corpus.object_stream_pdf(
        corpus.base_objects()[:1], [corpus.PAGES, corpus.PAGE % b""], encode=corpus.ascii_hex
    ),
    "pikepdf": corpus.pikepdf_document,
    "pikepdf-object-streams": lambda: corpus.pikepdf_document(object_stream_mode=pikepdf.ObjectStreamMode.generate),
    "weasyprint": corpus.weasyprint_document,
    "incremental-update": lambda: corpus.incremental_update(
        corpus.object_stream_pdf(corpus.base_objects()[:1], [corpus.PAGES, corpus.PAGE % b""]),
        3,
        corpus.PAGE % b"/Rotate 90",
    ),
    "names-in-strings-only": lambda: corpus.classic_pdf(
        [*corpus.base_objects(), b"<< /Title (/JavaScript /JS /Launch /EmbeddedFiles) >>"]
    ),
    "explicit-direct-null": lambda: corpus.classic_pdf(corpus.base_objects(b"/Lang null")),
}


@pytest.mark.parametrize("case", sorted(CLEAN))
def test_clean_pdf_is_accepted(case):
    assert verdict(CLEAN[case]()) == "accepted"


def test_the_clean_object_stream_shapes_really_use_object_streams():
    for case in ("hand-made-object-stream", "pikepdf-object-streams", "weasyprint", "incremental-update"):
        with pikepdf.open(io.BytesIO(CLEAN[case]())) as pdf:
            assert any(entry.type == 2 for entry in pdf.get_xref_table().values()), case


def test_the_incremental_update_leaves_the_old_object_out_of_the_table():
    content = CLEAN["incremental-update"]()
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert pdf.get_xref_table()[(3, 0)].type == 1
        assert pdf.pages[0].Rotate == 90
