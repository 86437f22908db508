"""Indonesian is the default language and its catalogue is complete; English is the second."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings
from django.urls import reverse

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
