"""Indonesian is the default language and its catalogue is complete; English is the second."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import polib
import pytest
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import trans_real

from portal.accounts.i18n import THIRD_PARTY_MSGIDS
from tests.inovasi.factories import current_period

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES"
SOURCES = ["manage.py", "portal", "inovasi", "scoring", "templates", "locale"]


def _fresh_catalogue(tmp_path):
    """Re-extract every translatable string from a copy of the sources, merged with our .po."""
    for name in SOURCES:
        source = Path(settings.BASE_DIR) / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": "true"},
    )
    return polib.pofile(str(tmp_path / "locale/id/LC_MESSAGES/django.po"))


def test_every_string_in_the_code_has_an_indonesian_translation(tmp_path):
    catalogue = _fresh_catalogue(tmp_path)
    untranslated = [entry.msgid for entry in catalogue if not entry.translated()]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_po_file():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        compiled_messages = gettext.GNUTranslations(compiled)._catalog
    for entry in polib.pofile(str(CATALOGUE / "django.po")).translated_entries():
        # gettext keys an entry with a context as "context\x04msgid".
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            assert compiled_messages[(key, 0)] == entry.msgstr_plural[0], entry.msgid
        else:
            assert compiled_messages[key] == entry.msgstr, entry.msgid


def test_pages_are_in_indonesian_by_default(client, personas):
    client.force_login(personas.operator_a)
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "id"
    assert "Dasbor OPD" in response.content.decode()


def test_the_user_can_switch_to_english(client, personas):
    client.force_login(personas.operator_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "en"
    assert "OPD dashboard" in response.content.decode()


def test_an_english_browser_still_gets_indonesian(client, personas):
    client.force_login(personas.operator_a)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"


# --- the texts Django and allauth bring to the pages ---------------------------------------------------------
#
# The catalogue test above sees only the portal's own strings. These render pages in Indonesian and look for
# the texts of Django's and allauth's catalogues on them: a msgid showing with no Indonesian translation in
# effect (Django 6.1's new "- Select an option -"), or a text known to read badly (the dashes of an empty
# choice, "Bidang ini tidak boleh kosong" where *bidang* is also a field of the form, a lower-case "anda").

KNOWN_BAD = ("- Select an option -", "---------", "Bidang ini tidak boleh kosong")
LOWER_CASE_ANDA = re.compile(r"\banda\b")
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


def _third_party_msgids():
    """Every msgid (with its context, as gettext keys it) of the catalogues Django and allauth ship."""
    keys = set()
    for package in (django, allauth):
        for po_file in Path(package.__file__).parent.rglob("locale/*/LC_MESSAGES/django.po"):
            if po_file.parts[-3] not in ("en", "id"):
                continue
            for entry in polib.pofile(str(po_file)):
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    keys.add((entry.msgctxt, msgid))
    return keys


def _untranslated_third_party_msgids():
    """The msgids of Django and allauth that have no Indonesian translation in effect (in no catalogue)."""
    catalogue = trans_real.translation("id")._catalog
    untranslated = set()
    for context, msgid in _third_party_msgids():
        key = f"{context}\x04{msgid}" if context else msgid
        if key not in catalogue and (key, 0) not in catalogue and len(msgid) > 1:
            untranslated.add(msgid)
    return untranslated


class _ShownText(HTMLParser):
    """The texts a page shows: its text nodes, the labels of its options and buttons, and the attributes a
    reader meets (placeholder, title, aria-label, alt), each with its whitespace collapsed."""

    def __init__(self):
        super().__init__()
        self.texts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attributes = dict(attrs)
        shown = [attributes.get(name) for name in SHOWN_ATTRIBUTES]
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            shown.append(attributes.get("value"))
        self.texts.extend(" ".join(value.split()) for value in shown if value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and (text := " ".join(data.split())):
            self.texts.append(text)


def _wrong_texts(response, untranslated):
    parser = _ShownText()
    parser.feed(response.content.decode())
    wrong = set()
    for text in parser.texts:
        wrong.update(bad for bad in KNOWN_BAD if bad in text)
        if LOWER_CASE_ANDA.search(text):
            wrong.add(text)
        for candidate in (text, text.rstrip(":").strip()):
            if candidate in untranslated:
                wrong.add(candidate)
        # A sentence of Django's or allauth's inside a longer text (an error list, a help text).
        wrong.update(msgid for msgid in untranslated if len(msgid.split()) >= 4 and msgid in text)
    return sorted(wrong)


@pytest.fixture
def untranslated_third_party():
    return _untranslated_third_party_msgids()


def test_the_check_knows_an_untranslated_third_party_text(untranslated_third_party):
    """The check itself: Django 6.1's empty-choice text has no Indonesian translation of Django's own."""
    assert "- Select an option -" in untranslated_third_party
    page = HttpResponse(
        '<select><option value="">- Select an option -</option></select>'
        "<p>Bidang ini tidak boleh kosong.</p><p>Jika anda lupa</p>"
    )
    assert _wrong_texts(page, untranslated_third_party) == [
        "- Select an option -",
        "Bidang ini tidak boleh kosong",
        "Jika anda lupa",
    ]


def _pages_of_the_portal(client, personas):
    """(name, response) of the pages whose Django and allauth texts the users meet most, in Indonesian."""
    yield "login", client.get(reverse("account_login"))
    yield "login, empty", client.post(reverse("account_login"), {})
    yield "login, wrong password", client.post(reverse("account_login"), {"login": "operator_a", "password": "salah"})
    current_period()  # its entry window open: the profile form takes the operator's writes
    client.force_login(personas.operator_a)
    yield "profile form", client.get(reverse("inovasi-create"))
    yield "profile form, with errors", client.post(reverse("inovasi-create"), {"name": ""})
    yield "help request, empty", client.post(reverse("help-request-create"), {})
    yield "innovation list", client.get(reverse("inovasi-list"))
    yield "catalogue", client.get(reverse("catalogue-list"))
    client.force_login(personas.admin)
    yield "admin, OPDs", client.get(reverse("admin:accounts_opd_changelist"))
    yield "admin, innovations", client.get(reverse("admin:inovasi_inovasi_changelist"))
    yield "admin, new membership", client.get(reverse("admin:accounts_membership_add"))
    yield "admin, new membership, empty", client.post(reverse("admin:accounts_membership_add"), {})


def test_the_pages_show_no_untranslated_or_known_bad_text_of_django_or_allauth(
    client, personas, untranslated_third_party
):
    wrong = {}
    for name, response in _pages_of_the_portal(client, personas):
        assert response.status_code == 200, name
        assert response["Content-Language"] == "id", name
        if texts := _wrong_texts(response, untranslated_third_party):
            wrong[name] = texts
    assert wrong == {}, "\n".join(f"{name}: {texts}" for name, texts in wrong.items())


def test_the_login_asks_for_the_username_or_email(client):
    response = client.get(reverse("account_login"))
    assert response.context["form"].fields["login"].label == "Nama pengguna atau email"


def test_the_overridden_third_party_msgids_are_theirs_verbatim():
    """A msgid of portal.accounts.i18n that differs from Django's or allauth's by one character overrides nothing."""
    theirs = {msgid for _context, msgid in _third_party_msgids()}
    assert [msgid for msgid in THIRD_PARTY_MSGIDS if msgid not in theirs] == []


def test_the_empty_choice_is_the_portals_in_the_portal_the_filters_and_the_admin(client, personas):
    current_period()
    client.force_login(personas.operator_a)
    pages = [client.get(reverse("inovasi-create")), client.get(reverse("inovasi-list"))]
    pages.append(client.get(reverse("help-request-create")))
    client.force_login(personas.admin)
    pages.append(client.get(reverse("admin:accounts_membership_add")))
    for response in pages:
        assert re.search(r'<option value=""( selected)?>— Pilih —</option>', response.content.decode()), (
            response.request["PATH_INFO"]
        )
