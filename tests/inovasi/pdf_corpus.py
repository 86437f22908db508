"""PDFs for the upload tests, made here and now: hostile ones written byte by byte, clean ones of several shapes.

Nothing binary is checked in. The hand-written files are valid (tests open them with pikepdf and find
what they hide); the builders number the catalog 1, the page tree 2 and the page 3.
"""

import binascii
import io
import zlib

import pikepdf

HEADER = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R %s >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << >> %s >>"
SCRIPT_ACTION = b"<< /S /JavaScript /JS (app.alert\\(document.cookie\\)) >>"


def base_objects(catalog_extra=b"", page_extra=b""):
    return [CATALOG % catalog_extra, PAGES, PAGE % page_extra]


def stream_object(data, dictionary=b""):
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def classic_pdf(objects, preamble=b""):
    """PDF 1.4 with a cross-reference table; `objects` are the bodies of objects 1, 2, … in order.

    `preamble` (comment lines, say) goes between the header and the first object.
    """
    out = HEADER.replace(b"1.5", b"1.4") + preamble
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


# --- PDF 1.5: object streams and a cross-reference stream --------------------------------------------


def flate(data):
    return zlib.compress(data), b"/Filter /FlateDecode"


def ascii_hex(data):
    return binascii.hexlify(data) + b">", b"/Filter /ASCIIHexDecode"


def lzw(data):
    return lzw_encode(data), b"/Filter /LZWDecode"


def object_stream_body(first_number, packed):
    """The decoded body of an object stream holding `packed`, numbered from `first_number`: (body, /First)."""
    header, objects = b"", b""
    for index, body in enumerate(packed):
        header += b"%d %d " % (first_number + index, len(objects))
        objects += body + b"\n"
    return header + objects, len(header)


def xref_stream(entries, size, extra=b""):
    """A cross-reference stream object's body: `entries` are (type, field 2, field 3), written as W [1 4 2]."""
    rows = b"".join(kind.to_bytes(1, "big") + a.to_bytes(4, "big") + b.to_bytes(2, "big") for kind, a, b in entries)
    return stream_object(rows, b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R %s" % (size, extra))


def append_object(out, offsets, number, body):
    offsets[number] = len(out)
    return out + b"%d 0 obj\n%s\nendobj\n" % (number, body)


def object_stream_pdf(plain, packed, *, encode=flate, stream_dictionary=b"/Type /ObjStm"):
    """PDF 1.5: `plain` objects from 1, `packed` ones after them in one object stream, then the xref stream.

    `stream_dictionary` opens the object stream's dictionary (its /Type and whatever should follow it);
    /N, /First, /Filter and /Length are added after it.
    """
    first_packed = len(plain) + 1
    stream_number = first_packed + len(packed)
    xref_number = stream_number + 1
    body, first = object_stream_body(first_packed, packed)
    data, filter_entry = encode(body)
    dictionary = b"%s /N %d /First %d %s" % (stream_dictionary, len(packed), first, filter_entry)
    out, offsets = HEADER, {}
    for number, object_body in enumerate(plain, 1):
        out = append_object(out, offsets, number, object_body)
    out = append_object(out, offsets, stream_number, stream_object(data, dictionary))
    offsets[xref_number] = len(out)
    entries = [(0, 0, 65535)]
    for number in range(1, xref_number + 1):
        packed_index = number - first_packed
        entries.append((1, offsets[number], 0) if number in offsets else (2, stream_number, packed_index))
    out = append_object(out, offsets, xref_number, xref_stream(entries, xref_number + 1))
    return out + b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]


def script_in_object_stream(encode=flate, stream_dictionary=b"/Type /ObjStm"):
    """/OpenAction 4 0 R, and object 4, a JavaScript action, kept in the object stream (object 5)."""
    return object_stream_pdf(
        base_objects(b"/OpenAction 4 0 R"), [SCRIPT_ACTION], encode=encode, stream_dictionary=stream_dictionary
    )


def incremental_update(pdf, number, new_body):
    """`pdf` (from object_stream_pdf) with an update appended that writes object `number` anew.

    As a signature does: the old version stays in its object stream, left out of the new table.
    """
    previous_xref = startxref(pdf)
    size = int(pdf.rsplit(b"/Size ", 1)[1].split()[0])  # the new xref stream takes the next number
    offsets = {}
    out = append_object(pdf, offsets, number, new_body)
    offsets[size] = len(out)
    extra = b"/Index [%d 1 %d 1] /Prev %d" % (number, size, previous_xref)
    out = append_object(
        out, offsets, size, xref_stream([(1, offsets[number], 0), (1, offsets[size], 0)], size + 1, extra)
    )
    return out + b"startxref\n%d\n%%%%EOF\n" % offsets[size]


def startxref(pdf):
    return int(pdf.rsplit(b"startxref", 1)[1].split()[0])


# --- LZW (the PDF variant, EarlyChange 1) ------------------------------------------------------------


def lzw_encode(data):
    """LZW as PDF readers decode it, table reset when full; enough for tests, not fast."""
    bits = _BitWriter()
    table, next_code, width = {bytes([i]): i for i in range(256)}, 258, 9
    bits.write(256, width)
    word = b""
    for byte in data:
        candidate = word + bytes([byte])
        if candidate in table:
            word = candidate
            continue
        bits.write(table[word], width)
        table[candidate], next_code = next_code, next_code + 1
        if next_code + 1 > (1 << width) and width < 12:
            width += 1
        if next_code >= 4094:
            bits.write(256, width)
            table, next_code, width = {bytes([i]): i for i in range(256)}, 258, 9
        word = bytes([byte])
    if word:
        bits.write(table[word], width)
    bits.write(257, width)
    return bits.finish()


class _BitWriter:
    def __init__(self):
        self.value, self.count, self.out = 0, 0, bytearray()

    def write(self, code, width):
        self.value, self.count = (self.value << width) | code, self.count + width
        while self.count >= 8:
            self.count -= 8
            self.out.append((self.value >> self.count) & 0xFF)
        self.value &= (1 << self.count) - 1

    def finish(self):
        if self.count:
            self.out.append((self.value << (8 - self.count)) & 0xFF)
        return bytes(self.out)


# --- made by pikepdf and WeasyPrint ------------------------------------------------------------------


def saved(pdf, **options):
    buffer = io.BytesIO()
    pdf.save(buffer, **options)
    return buffer.getvalue()


def pikepdf_document(pages=3, **options):
    """A plain document of a few pages with a web link, an outline and document info, saved by qpdf."""
    pdf = pikepdf.new()
    for number in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[number]
        page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Halaman %d) Tj ET" % (number + 1))
        page.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1))
        )
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[72, 700, 300, 720],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://opd.go.id/inovasi")),
        )
        page.Annots = pdf.make_indirect(pikepdf.Array([link]))
    pdf.docinfo["/Title"] = "Laporan Inovasi (JavaScript dan /JS hanya disebut di sini)"
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Bab 1", 0))
    return saved(pdf, **options)


def weasyprint_document():
    from weasyprint import HTML  # imported here: loading Pango is slow

    html = "<h1>Laporan Inovasi</h1><p>Isi laporan, dengan <a href='https://opd.go.id'>tautan</a>.</p>"
    return HTML(string=html).write_pdf()


def with_attachment():
    pdf = pikepdf.open(io.BytesIO(pikepdf_document(pages=1)))
    pdf.attachments["data.xlsx"] = pikepdf.AttachedFileSpec(pdf, b"PK\x03\x04 bukan laporan")
    return saved(pdf)


def encrypted(user_password):
    """Saved with AES-256; an empty user password opens without asking (an owner password only)."""
    pdf = pikepdf.open(io.BytesIO(pikepdf_document(pages=1)))
    return saved(pdf, encryption=pikepdf.Encryption(owner="pemilik", user=user_password, R=6))
