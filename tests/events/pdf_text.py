"""The text of a PDF (as WeasyPrint writes it), read with pikepdf: each font's ToUnicode map decodes its glyphs."""

import io
import re

import pikepdf

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _to_unicode(font):
    """Glyph code (bytes) → text, from the font's ToUnicode CMap (bfchar and bfrange sections)."""
    mapping = {}
    if "/ToUnicode" not in font:
        return mapping
    cmap = font.ToUnicode.read_bytes()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        codes = _HEX.findall(block)
        for source, target in zip(codes[::2], codes[1::2], strict=False):
            mapping[bytes.fromhex(source.decode())] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for line in block.strip().splitlines():
            codes = _HEX.findall(line)
            if len(codes) < 3:
                continue
            start, end = int(codes[0], 16), int(codes[1], 16)
            width = len(codes[0]) // 2
            first = int(codes[2], 16)
            for offset in range(end - start + 1):
                mapping[(start + offset).to_bytes(width, "big")] = chr(first + offset)
    return mapping


def _decode(data, mapping):
    width = len(next(iter(mapping))) if mapping else 1
    return "".join(mapping.get(data[i : i + width], "") for i in range(0, len(data), width))


def pdf_text(content):
    """All the text of the PDF's pages; runs of text separated by newlines."""
    out = []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            fonts = {name: _to_unicode(font) for name, font in (page.Resources.get("/Font") or {}).items()}
            mapping = {}
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "Tf":
                    mapping = fonts.get(str(operands[0]), {})
                elif op == "Tj":
                    out.append(_decode(bytes(operands[0]), mapping))
                elif op == "TJ":
                    runs = [item for item in operands[0] if isinstance(item, pikepdf.String)]
                    out.append("".join(_decode(bytes(item), mapping) for item in runs))
                elif op in ("BT", "ET", "Td", "TD", "Tm", "T*"):
                    out.append("\n")
    return "".join(out)
