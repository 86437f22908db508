"""The text of a PDF (as WeasyPrint writes it), read with pikepdf: the glyphs shown by Tj/TJ, mapped through each
font's ToUnicode, form XObjects included; runs of text separated by newlines."""

import io
import re

import pikepdf

HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def pdf_text(data):
    pdf = pikepdf.open(io.BytesIO(data))
    return "\n".join(_content_text(page.obj, page.Resources) for page in pdf.pages)


def _content_text(stream_owner, resources):
    fonts = {str(name): _cmap(font) for name, font in (resources.get("/Font") or {}).items()}
    forms = {str(name): xobject for name, xobject in (resources.get("/XObject") or {}).items()}
    parts, font = [], {}
    for operands, operator in pikepdf.parse_content_stream(stream_owner):
        op = str(operator)
        if op == "Tf":
            font = fonts.get(str(operands[0]), {})
        elif op == "Tj":
            parts.append(_decode(bytes(operands[0]), font))
        elif op == "TJ":
            parts.append(
                "".join(_decode(bytes(item), font) for item in operands[0] if isinstance(item, pikepdf.String))
            )
        elif op in ("BT", "ET", "Td", "TD", "T*", "Tm"):
            parts.append("\n")
        elif op == "Do" and str(operands[0]) in forms:
            form = forms[str(operands[0])]
            if form.get("/Subtype") == "/Form":
                parts.append(_content_text(form, form.get("/Resources") or resources))
    return "".join(parts)


def _cmap(font):
    to_unicode = font.get("/ToUnicode")
    if to_unicode is None:
        return {}
    text = to_unicode.read_bytes()
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        codes = HEX.findall(block)
        for source, target in zip(codes[::2], codes[1::2], strict=False):
            mapping[bytes.fromhex(source.decode())] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for line in block.strip().splitlines():
            codes = HEX.findall(line)
            if len(codes) == 3 and b"[" not in line:
                low, high, start = (int(code, 16) for code in codes)
                width = len(codes[0]) // 2
                for offset in range(high - low + 1):
                    mapping[(low + offset).to_bytes(width, "big")] = chr(start + offset)
    return mapping


def _decode(raw, font):
    if not font:
        return raw.decode("latin-1")
    width = len(next(iter(font)))
    return "".join(font.get(raw[i : i + width], "") for i in range(0, len(raw), width))
