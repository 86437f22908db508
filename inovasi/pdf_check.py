"""Is a PDF safe to store as evidence? Parsed by qpdf (pikepdf), every object looked at.

Refused: scripts and launch actions, embedded files, multimedia and XFA forms, encryption, and
anything qpdf cannot read (regexes are not a PDF parser: object streams, any filter and escaped
names are all read as a viewer would). Django-free: `inovasi.uploads` turns a refusal into the
message a user sees.
"""

import io
from collections import defaultdict

import pikepdf
import pikepdf.settings

MB = 1024 * 1024
# Decoded size above which a stream qpdf decodes, or all of a PDF's object streams together, count as
# damaged (a zip bomb, not a document).
MAX_OBJECT_STREAM_SIZE = 20 * MB


class PdfRefused(Exception):
    """Why a PDF is refused: "damaged", "scripts", "embedding" or "encrypted"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


# Action types (an action dictionary's /S) that run a script or another program.
SCRIPT_ACTIONS = frozenset({"/JavaScript", "/Launch"})
# /JS holds an action's script; /JavaScript in the /Names dictionary holds the document-level scripts.
SCRIPT_KEYS = frozenset({"/JS", "/JavaScript"})
# Files, Flash/3D players and XFA forms carried inside the PDF, opened or run by the viewer.
EMBEDDING_KEYS = frozenset({"/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent", "/RichMediaSettings"})
EMBEDDING_VALUES = {
    "/Type": frozenset({"/EmbeddedFile"}),
    "/Subtype": frozenset({"/FileAttachment", "/RichMedia"}),
    "/S": frozenset({"/GoToE", "/RichMediaExecute"}),
}
SCRIPT_NAMES = SCRIPT_KEYS | SCRIPT_ACTIONS
EMBEDDING_NAMES = EMBEDDING_KEYS.union(*EMBEDDING_VALUES.values())
# Filters whose output is bounded: by qpdf's memory limits below (Flate, RunLength) or by their nature
# (the ASCII ones shrink, or at most quadruple). qpdf has no limit for LZW, which grows over 1000-fold.
BOUNDED_FILTERS = frozenset(
    {"/FlateDecode", "/Fl", "/RunLengthDecode", "/RL", "/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"}
)
_DICTIONARIES = pikepdf.Dictionary | pikepdf.Stream  # a stream's dictionary is looked at like any other
_CONTAINERS = pikepdf.Dictionary | pikepdf.Array
# More objects than a real document within the size limit has: a bomb, refused before qpdf reads them.
MAX_PDF_OBJECTS = 100_000
# Object-stream data with objects the cross-reference table leaves out, read by the tokenizer (see
# `_ObjectStreams`); an incremental update (a signature, say) leaves the objects it replaced there.
MAX_UNLISTED_OBJECT_DATA = 4 * MB

# qpdf's limits are process-wide and apply to everything that opens PDFs here (only this module does).
# They bound the streams qpdf decodes while reading objects: cross-reference and object streams.
pikepdf.settings.set_qpdf_limits(
    flate_max_memory=MAX_OBJECT_STREAM_SIZE,
    run_length_max_memory=MAX_OBJECT_STREAM_SIZE,
    png_max_memory=MAX_OBJECT_STREAM_SIZE,
    tiff_max_memory=MAX_OBJECT_STREAM_SIZE,
)


def _open_pdf(data):
    """The PDF parsed by qpdf; a damaged cross-reference table is rebuilt, as viewers do."""
    try:
        pdf = pikepdf.open(io.BytesIO(data), inherit_page_attributes=False)
    except pikepdf.PasswordError as error:
        raise PdfRefused("encrypted") from error
    if pdf.is_encrypted:  # an owner password only: it opens, but encryption is refused all the same
        pdf.close()
        raise PdfRefused("encrypted")
    return pdf


def _name_value(dictionary, key):
    value = dictionary.get(key)
    return str(value) if isinstance(value, pikepdf.Name) else None


def _check_dictionary(dictionary):
    """Refuse a script or launch action, and anything that embeds files, multimedia or XFA."""
    keys = set(dictionary.keys())
    if keys & SCRIPT_KEYS or _name_value(dictionary, "/S") in SCRIPT_ACTIONS:
        raise PdfRefused("scripts")
    if keys & EMBEDDING_KEYS:
        raise PdfRefused("embedding")
    if any(_name_value(dictionary, key) in values for key, values in EMBEDDING_VALUES.items() if key in keys):
        raise PdfRefused("embedding")


def _check_names(names):
    if names & SCRIPT_NAMES:
        raise PdfRefused("scripts")
    if names & EMBEDDING_NAMES:
        raise PdfRefused("embedding")


class _NameCollector(pikepdf.TokenFilter):
    """The names among the tokens qpdf reads (#xx escapes decoded; a name inside a string is no name)."""

    def __init__(self):
        super().__init__()
        self.names = set()
        self.skipped_bytes = False

    def handle_token(self, token):
        if token.type_ == pikepdf.TokenType.name_:
            self.names.add(token.value)
        elif token.type_ == pikepdf.TokenType.inline_image:  # after an "ID" word, read as raw bytes
            self.skipped_bytes = True
        # Returns None: nothing is written out, only the names are wanted.


def _names_in(data):
    """Every name in PDF object syntax, read by qpdf's tokenizer (run over a scratch page's content).

    The content tokenizer reads what follows an "ID" word as inline image bytes; objects hold no
    inline images, so such data is refused rather than left unread.
    """
    scratch = pikepdf.new()
    scratch.add_blank_page()
    page = scratch.pages[0]
    page.Contents = scratch.make_stream(data)
    collector = _NameCollector()
    page.get_filtered_contents(collector)
    if collector.skipped_bytes:
        raise PdfRefused("damaged")
    return collector.names


def _filters(stream):
    filters = stream.get("/Filter")
    return [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])


class _ObjectStreams:
    """The object streams of one PDF, each decoded once within the limits before qpdf reads from it.

    qpdf reads the objects the cross-reference table lists in an object stream; `_check_objects`
    looks at those. A viewer that rebuilds a damaged table also takes the objects it leaves out, so
    the names in a stream with such objects are read by qpdf's tokenizer and checked too.
    """

    def __init__(self, pdf):
        xref = pdf.get_xref_table()
        if len(xref) > MAX_PDF_OBJECTS:
            raise PdfRefused("damaged")
        self.pdf = pdf
        self.listed = defaultdict(set)  # stream (number, generation) → indexes of the objects listed
        for entry in xref.values():
            if entry.type == 2:  # an object kept in an object stream
                self.listed[(entry.obj_stream_number, 0)].add(entry.obj_stream_index)
        self.checked = set()
        self.decoded_size = self.unlisted_size = 0

    def check_listed(self):
        for objgen in self.listed:
            self.check(self.pdf.get_object(objgen))

    def check(self, stream):
        if not isinstance(stream, pikepdf.Stream):  # listed as an object stream, but no stream at all
            raise PdfRefused("damaged")
        if stream.objgen in self.checked:
            return
        self.checked.add(stream.objgen)
        if any(str(name) not in BOUNDED_FILTERS for name in _filters(stream)):
            raise PdfRefused("damaged")
        data = stream.read_bytes()  # raises on damaged data, or beyond qpdf's limits
        self.decoded_size += len(data)
        if self.decoded_size > MAX_OBJECT_STREAM_SIZE:
            raise PdfRefused("damaged")
        if not self._all_listed(stream):
            self.unlisted_size += len(data)
            if self.unlisted_size > MAX_UNLISTED_OBJECT_DATA:
                raise PdfRefused("damaged")
            _check_names(_names_in(data))

    def _all_listed(self, stream):
        count = stream.get("/N")
        listed = self.listed.get(stream.objgen, set())
        return isinstance(count, int) and len({index for index in listed if 0 <= index < count}) == count


def _direct_children(values):
    """The dictionaries and arrays among `values`; indirect ones are in pdf.objects themselves."""
    pdf_object = pikepdf.Object  # numbers come back as Python numbers: skipped at once (arrays may be long)
    return [
        value
        for value in values
        if type(value) is pdf_object and isinstance(value, _CONTAINERS) and not value.is_indirect
    ]


def _check_objects(pdf, object_streams):
    """Every object qpdf read, those in object streams included, and all written inside them."""
    pending = [*pdf.objects, pdf.trailer]
    while pending:
        item = pending.pop()
        if item is None:  # qpdf puts null for an object it could not read; another reader might
            raise PdfRefused("damaged")
        if isinstance(item, pikepdf.Array):
            pending.extend(_direct_children(item.as_list()))
        elif isinstance(item, _DICTIONARIES):
            _check_dictionary(item)
            if isinstance(item, pikepdf.Stream) and _name_value(item, "/Type") == "/ObjStm":
                object_streams.check(item)  # one the table does not use is read here for the first time
            pending.extend(_direct_children(item.values()))


def check(data):
    """Parse `data` with qpdf and look at every object; raise PdfRefused for anything unsafe or unreadable."""
    if b"%%EOF" not in data[-1024:]:  # cut short (qpdf would rebuild what is left)
        raise PdfRefused("damaged")
    try:
        with _open_pdf(data) as pdf:
            object_streams = _ObjectStreams(pdf)
            object_streams.check_listed()
            _check_objects(pdf, object_streams)
    except (pikepdf.PikepdfError, RuntimeError, ValueError, MemoryError) as error:
        raise PdfRefused("damaged") from error
