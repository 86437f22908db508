"""Checks for bukti dukung: a file's type comes from its content, never from its name or the browser.

`check_upload` accepts only real PDFs and real PNG/JPEG images that the indicator allows, within the size
limit, and renames the upload to the detected extension (the storage name itself is made by
`inovasi.models.generated_path`). `check_link` accepts http(s) links for the "video" and "url" kinds.
"""

import re
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image

from inovasi.antivirus import ScannerUnavailable, find_virus

MB = 1024 * 1024
DEFAULT_MAX_UPLOAD_SIZES = {"pdf": 10 * MB, "image": 10 * MB}
FILE_KINDS = ("pdf", "image")
LINK_KINDS = ("video", "url")
KIND_LABELS = {"pdf": "PDF", "image": "PNG/JPEG"}
# MIME type found by `filetype` → (extension, Pillow format). Nothing else counts as an image.
IMAGE_TYPES = {"image/png": ("png", "PNG"), "image/jpeg": ("jpg", "JPEG")}
HEADER_SIZE = 2048
MAX_IMAGE_PIXELS = 50_000_000
# Decompressed size above which a PDF object stream is treated as damaged (a zip bomb, not a document).
MAX_OBJECT_STREAM_SIZE = 20 * MB
ACTIVE_PDF_NAMES = frozenset({b"JavaScript", b"JS", b"Launch"})
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


# --- errors ------------------------------------------------------------------------------------------


def _kinds_text(kinds):
    return ", ".join(KIND_LABELS[kind] for kind in FILE_KINDS if kind in kinds)


def _not_allowed(allowed_kinds):
    if not set(FILE_KINDS) & set(allowed_kinds):
        return ValidationError(_("This indicator accepts links only, not files."), code="type_not_allowed")
    return ValidationError(
        _("Only %(kinds)s files are accepted for this indicator."),
        code="type_not_allowed",
        params={"kinds": _kinds_text(allowed_kinds)},
    )


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

_PDF_NAME = re.compile(rb"/[^\x00\t\n\x0c\r /\[\]()<>{}%]*")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)


def _pdf_names(data):
    """Every PDF name in the bytes, without the slash and with #xx escapes decoded (/J#61vaScript)."""
    names = set()
    for match in _PDF_NAME.finditer(data):
        name = match.group()[1:]
        if b"#" in name:
            name = _PDF_NAME_ESCAPE.sub(lambda escape: bytes([int(escape.group(1), 16)]), name)
        names.add(name)
    return names


def _inflate(body):
    decompressor = zlib.decompressobj()
    try:
        inflated = decompressor.decompress(body, MAX_OBJECT_STREAM_SIZE)
    except zlib.error:
        return body  # not Flate-compressed: scan it as it is
    if decompressor.unconsumed_tail:
        raise _corrupt("pdf")
    return inflated


def _object_streams(data):
    """The (inflated) bodies of /Type /ObjStm streams, where PDF 1.5+ keeps compressed dictionaries."""
    for match in _PDF_STREAM.finditer(data):
        before = data[max(0, match.start() - 4096) : match.start()]
        dictionary = before[before.rfind(b"obj") + 1 :]
        if b"ObjStm" in _pdf_names(dictionary):
            yield _inflate(match.group(1))


def _pdf_has_active_content(data):
    """/JavaScript or /Launch anywhere; /JS outside raw stream bodies and inside object streams.

    Raw stream bodies are binary and may hold "/JS" by chance, but a script action always names
    /JavaScript too (as its /S type or in the /Names tree), and that name is looked for everywhere.
    """
    if _pdf_names(data) & {b"JavaScript", b"Launch"}:
        return True
    if b"JS" in _pdf_names(_PDF_STREAM.sub(b" ", data)):
        return True
    return any(_pdf_names(body) & ACTIVE_PDF_NAMES for body in _object_streams(data))


def _check_pdf(uploaded, detected):
    data = b"".join(uploaded.chunks())  # within the size limit, already checked
    if b"%%EOF" not in data[-1024:]:
        raise _corrupt("pdf")
    if _pdf_has_active_content(data):
        raise ValidationError(_("PDF files with scripts or launch actions are not accepted."), code="active_content")


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


def check_upload(uploaded, allowed_kinds):
    """Check an uploaded file for an indicator accepting `allowed_kinds`; return a CheckedFile.

    Raises ValidationError with code "empty", "infected", "scanner_unavailable", "type_not_allowed",
    "too_large", "corrupt" or "active_content". Every non-empty upload is virus-scanned first when
    clamd is configured. On success the upload is renamed "upload.<extension>" and rewound.
    """
    original_name = safe_display_name(uploaded.name)
    uploaded.seek(0)
    header = uploaded.read(HEADER_SIZE)
    if not uploaded.size or not header:
        raise ValidationError(_("The file is empty."), code="empty")
    _check_virus(uploaded)
    detected = _detect(header)
    if detected is None or detected.kind not in allowed_kinds:
        raise _not_allowed(allowed_kinds)
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
