"""Checks for bukti dukung: a file's type comes from its content, never from its name or the browser.

`check_upload` accepts only real PDFs and real PNG/JPEG images that the indicator allows, within the size
limit, and renames the upload to the detected extension (the storage name itself is made by
`inovasi.models.generated_path`). PDFs are parsed by qpdf (pikepdf), and every object is looked at:
scripts, launch actions, embedded files, multimedia, XFA forms and encryption are refused.
`check_link` accepts http(s) links for the "video" and "url" kinds.
"""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image

from inovasi import pdf_check
from inovasi.antivirus import ScannerUnavailable, find_virus

MB = 1024 * 1024
DEFAULT_MAX_UPLOAD_SIZES = {"pdf": 10 * MB, "image": 10 * MB}
FILE_KINDS = ("pdf", "image")
LINK_KINDS = ("video", "url")
KIND_LABELS = {"pdf": "PDF", "image": "PNG/JPEG"}
# A file name's extension → the kind it claims (an upload's name never decides its type, only the message).
CLAIMED_KINDS = {"pdf": "pdf", "png": "image", "jpg": "image", "jpeg": "image"}
# MIME type found by `filetype` → (extension, Pillow format). Nothing else counts as an image.
IMAGE_TYPES = {"image/png": ("png", "PNG"), "image/jpeg": ("jpg", "JPEG")}
HEADER_SIZE = 2048
MAX_IMAGE_PIXELS = 50_000_000
MAX_LINK_LENGTH = 500  # Evidence.url
VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "drive.google.com", "tiktok.com", "instagram.com")
UNSAFE_NAME_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # control, format (bidi overrides), line breaks


class _MaxUploadSizes(Mapping):
    """Kind → byte limit, read from `settings.EVIDENCE_MAX_SIZE` on every access (over the defaults)."""

    def _current(self):
        return {**DEFAULT_MAX_UPLOAD_SIZES, **getattr(settings, "EVIDENCE_MAX_SIZE", DEFAULT_MAX_UPLOAD_SIZES)}

    def __getitem__(self, kind):
        return self._current()[kind]

    def __iter__(self):
        return iter(self._current())

    def __len__(self):
        return len(self._current())


MAX_UPLOAD_SIZES = _MaxUploadSizes()


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "pdf" or "image"
    extension: str  # "pdf", "png" or "jpg"
    content_type: str  # detected from the content, not the browser's
    size: int
    original_name: str  # for display and Content-Disposition only


@dataclass(frozen=True)
class CheckedLink:
    kind: str  # "video" or "url"
    url: str


# --- names -------------------------------------------------------------------------------------------


def safe_display_name(name):
    """The base name only, without control or bidi characters, at most 200 characters; else "berkas"."""
    base = re.split(r"[/\\]", name or "")[-1]
    cleaned = "".join(ch for ch in base if unicodedata.category(ch) not in UNSAFE_NAME_CATEGORIES)
    cleaned = cleaned.strip()[:200].strip()
    return cleaned if cleaned not in ("", ".", "..") else "berkas"


# Stored extension (set from the detected content on upload) → the only Content-Types served.
SERVED_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}
UNKNOWN_TYPE = "application/octet-stream"  # never rendered or sniffed (nosniff)


def stored_extension(stored_name):
    """The extension of a storage name (generated_path), lower case; "" when it has none."""
    base = stored_name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def served_content_type(stored_name):
    return SERVED_TYPES.get(stored_extension(stored_name), UNKNOWN_TYPE)


def download_name(readable_name, stored_name):
    """The readable name's stem with the stored file's extension: "poly.html" holding a PDF → "poly.pdf".

    The name a user gave never types a file (downloads, ZIP entries). safe_display_name again: rows
    written outside the upload check (the admin, imports) are cleaned too.
    """
    stem = safe_display_name(readable_name).rsplit(".", 1)[0] or "berkas"
    extension = stored_extension(stored_name)
    return f"{stem}.{extension}" if extension else stem


# --- errors ------------------------------------------------------------------------------------------


def _kinds_text(kinds):
    return ", ".join(KIND_LABELS[kind] for kind in FILE_KINDS if kind in kinds)


def _not_allowed(allowed_kinds, subject, detected, name):
    """Why the file does not fit, naming what it is for (`subject`) and what the file really is."""
    params = {"subject": subject, "kinds": _kinds_text(allowed_kinds)}
    if not set(FILE_KINDS) & set(allowed_kinds):
        message = _("%(subject)s accepts links only, not files.")
    elif detected is not None:  # a real PDF or image, of a kind this place does not take
        message = _("%(subject)s accepts only %(kinds)s files; this file is a %(found)s.")
        params["found"] = detected.extension.upper().replace("JPG", "JPEG")
    elif (claimed := CLAIMED_KINDS.get(stored_extension(name))) in allowed_kinds:
        # Named like an accepted file (an .exe renamed .pdf): its content is not what the name says.
        message = _(
            "%(subject)s: this file is not a valid %(kind)s; its name ends in .%(extension)s, "
            "but its content is another type of file."
        )
        params.update(kind=KIND_LABELS[claimed], extension=stored_extension(name))
    else:
        message = _("%(subject)s accepts only %(kinds)s files; the content of this file is another type.")
    return ValidationError(message, code="type_not_allowed", params=params)


def _corrupt(kind):
    return ValidationError(
        _("The file is damaged or is not really a %(kind)s."), code="corrupt", params={"kind": KIND_LABELS[kind]}
    )


def _megabytes(limit):
    size = limit / MB
    return number_format(size, decimal_pos=0 if size.is_integer() else 1)


# --- detection and size ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Detected:
    kind: str
    extension: str
    content_type: str
    pil_format: str = ""


def _detect(header):
    """The kind by magic bytes: `%PDF-`, or a PNG/JPEG signature. None for anything else (SVG, HTML, ZIP…)."""
    if header.startswith(b"%PDF-"):
        return _Detected("pdf", "pdf", "application/pdf")
    guess = filetype.guess(header)
    if guess is not None and guess.mime in IMAGE_TYPES:
        extension, pil_format = IMAGE_TYPES[guess.mime]
        return _Detected("image", extension, guess.mime, pil_format)
    return None


def _check_size(kind, size):
    limit = MAX_UPLOAD_SIZES[kind]
    if size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB."), code="too_large", params={"limit": _megabytes(limit)}
        )


# --- images ------------------------------------------------------------------------------------------


def _check_pixels(image):
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise Image.DecompressionBombError(f"{width}x{height} pixels")


def _check_image(uploaded, detected):
    """Fully decode with Pillow: verify() checks the structure, load() the pixel data."""
    try:
        uploaded.seek(0)
        with Image.open(uploaded, formats=[detected.pil_format]) as image:
            _check_pixels(image)
            image.verify()
        uploaded.seek(0)
        with Image.open(uploaded, formats=[detected.pil_format]) as image:
            _check_pixels(image)
            image.load()
    except Exception as error:  # Pillow raises many types (OSError, SyntaxError, ValueError…) for bad data
        raise _corrupt("image") from error


# --- PDFs --------------------------------------------------------------------------------------------

PDF_REFUSALS = {
    "damaged": lambda: _corrupt("pdf"),
    "scripts": lambda: ValidationError(
        _("PDF files with scripts or launch actions are not accepted."), code="active_content"
    ),
    "embedding": lambda: ValidationError(
        _("PDF files with embedded files, multimedia or XFA forms are not accepted."), code="active_content"
    ),
    "encrypted": lambda: ValidationError(
        _(
            "Encrypted or password-protected PDF files are not accepted. "
            "Save or print the file to PDF again without a password."
        ),
        code="encrypted",
    ),
}


def _check_pdf(uploaded, detected):
    data = b"".join(uploaded.chunks())  # within the size limit, already checked
    try:
        pdf_check.check(data)
    except pdf_check.PdfRefused as refusal:
        raise PDF_REFUSALS[refusal.reason]() from refusal


_CONTENT_CHECKS = {"pdf": _check_pdf, "image": _check_image}


def _check_virus(uploaded):
    """Scan with clamd when it is configured (inovasi.antivirus); refuse when it finds or cannot decide."""
    try:
        virus = find_virus(uploaded)
    except ScannerUnavailable as error:
        raise ValidationError(
            _("The virus scanner cannot be reached, so the file was not accepted. Try again later."),
            code="scanner_unavailable",
        ) from error
    if virus:
        raise ValidationError(
            _("The file contains a virus (%(name)s) and was not accepted."), code="infected", params={"name": virus}
        )


# --- public API --------------------------------------------------------------------------------------


def check_upload(uploaded, allowed_kinds, subject=None):
    """Check an uploaded file for a place accepting `allowed_kinds`; return a CheckedFile.

    `subject` names that place in the messages ("Budget document"); an indicator's evidence by default.

    Raises ValidationError with code "empty", "infected", "scanner_unavailable", "type_not_allowed",
    "too_large", "corrupt", "active_content" or "encrypted". Every non-empty upload is virus-scanned
    first when clamd is configured. On success the upload is renamed "upload.<extension>" and rewound.
    """
    original_name = safe_display_name(uploaded.name)
    uploaded.seek(0)
    header = uploaded.read(HEADER_SIZE)
    if not uploaded.size or not header:
        raise ValidationError(_("The file is empty."), code="empty")
    _check_virus(uploaded)
    detected = _detect(header)
    if detected is None or detected.kind not in allowed_kinds:
        raise _not_allowed(allowed_kinds, str(subject or _("This indicator")), detected, original_name)
    _check_size(detected.kind, uploaded.size)
    _CONTENT_CHECKS[detected.kind](uploaded, detected)
    uploaded.name = f"upload.{detected.extension}"
    uploaded.seek(0)
    return CheckedFile(detected.kind, detected.extension, detected.content_type, uploaded.size, original_name)


def _link_kind(url, allowed_kinds):
    if "video" not in allowed_kinds:
        return "url"
    if "url" not in allowed_kinds:
        return "video"
    host = (urlsplit(url).hostname or "").lower()
    return "video" if any(host == h or host.endswith(f".{h}") for h in VIDEO_HOSTS) else "url"


def check_link(url, allowed_kinds):
    """Check a link for an indicator accepting `allowed_kinds`; return a CheckedLink.

    Raises ValidationError with code "link_not_allowed" (the indicator takes no links) or
    "invalid_link" (not an http/https URL, or longer than Evidence.url allows).
    """
    if not set(LINK_KINDS) & set(allowed_kinds):
        raise ValidationError(
            _("Only %(kinds)s files are accepted for this indicator, not links."),
            code="link_not_allowed",
            params={"kinds": _kinds_text(allowed_kinds)},
        )
    url = (url or "").strip()
    invalid = ValidationError(_("Enter a valid http:// or https:// link."), code="invalid_link")
    if len(url) > MAX_LINK_LENGTH:
        raise invalid
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise invalid from error
    return CheckedLink(_link_kind(url, allowed_kinds), url)


def inline_response(stored):
    """A stored image inline, for <img>; typed by the stored extension like every download (nosniff)."""
    response = FileResponse(stored.open("rb"), content_type=served_content_type(stored.name))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pending_upload(file: FieldFile) -> FieldFile | None:
    """The file a row carries that is not in storage yet (None for no file or one already stored)."""
    return file if file and not getattr(file, "_committed", True) else None


def forget_upload(upload: FieldFile | None) -> None:
    """Remove a file a write stored before its transaction failed: nothing points at it."""
    if upload is not None and getattr(upload, "_committed", False):
        upload.delete(save=False)
