"""No inline script, event-handler attribute or style attribute: the CSP (no 'unsafe-inline') would block them.

Both the template sources and every page of the URL sweep as rendered for the admin and an operator,
on the production settings (DEBUG off), where every page also carries the security headers.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from tests.portal.url_cases import project_url_names, url_for

TEMPLATES = Path(settings.BASE_DIR) / "templates"
DATA_TYPES = {"application/json", "application/ld+json"}
HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._script = [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in attributes:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=…>")
        if tag == "script" and "src" not in attributes and attributes.get("type") not in DATA_TYPES:
            self._script = tag

    def handle_data(self, data):
        if self._script and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def inline_code(html):
    finder = _InlineFinder()
    finder.feed(html)
    return finder.found


# Template sources are checked as text: their tags ({% … %}) would confuse an HTML parser's attributes.
_SOURCE_PATTERNS = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>\s*[^<\s]", re.I),
    re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
]


def test_the_finder_finds_what_it_should():
    html = '<a onclick="x()" style="color:red">a</a><script>alert(1)</script>'
    html += '<script type="application/json">{}</script>'
    assert inline_code(html) == ["<a onclick=…>", "<a style=…>", "inline <script>: alert(1)"]


def test_no_template_has_inline_script_handlers_or_styles():
    offending = [
        f"{path.relative_to(TEMPLATES)}: {match.group()[:80]}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for pattern in _SOURCE_PATTERNS
        for match in pattern.finditer(path.read_text())
    ]
    assert offending == []


@pytest.mark.parametrize("role", ["admin", "operator_a"])
def test_no_rendered_page_has_inline_code_and_every_page_has_the_headers(client, records_of_every_kind, role):
    assert settings.DEBUG is False
    client.force_login(records_of_every_kind.by_name(role))
    offending, pages = {}, 0
    for name in project_url_names():
        response = client.get(url_for(name, records_of_every_kind), secure=True)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            pages += 1
            found = inline_code(response.content.decode())
            found += [f"header {header}" for header, value in HEADERS.items() if response.get(header) != value]
            policy = response.get("Content-Security-Policy", "")
            if "script-src 'self';" not in policy or "unsafe-inline" in policy:
                found.append(f"CSP {policy!r}")
            if found:
                offending[name] = sorted(set(found))
    assert offending == {}
    assert pages > 25  # the operator sees 31 pages, the admin more
