"""UI strings are translated in every language, and Serbian Latin is generated from Cyrillic."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from translations.management.commands.generate_latin_catalogue import transliterated_catalogue
from translations.transliteration import serbian_to_latin

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
CATALOGUES = ["sq", "bs", "hr", "sr", "sr_Latn", "mk", "cnr"]


@pytest.mark.parametrize("name", CATALOGUES)
def test_catalogue_is_complete(name):
    catalogue = polib.pofile(str(LOCALE_DIR / name / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 50
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    for entry in catalogue:
        # Translations keep every placeholder of their source, or Django would show a broken string.
        for token in ("%(", "{{"):
            assert entry.msgid.count(token) == entry.msgstr.count(token) or entry.msgstr_plural


def test_latin_catalogue_matches_cyrillic():
    cyrillic = polib.pofile(str(LOCALE_DIR / "sr" / "LC_MESSAGES" / "django.po"))
    latin = polib.pofile(str(LOCALE_DIR / "sr_Latn" / "LC_MESSAGES" / "django.po"))
    expected = transliterated_catalogue(cyrillic)
    assert {e.msgid: e.msgstr for e in latin} == {e.msgid: e.msgstr for e in expected}


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Друштво", "Društvo"),
        ("Ђаково", "Đakovo"),
        ("Љубав и њега", "Ljubav i njega"),
        ("ЉУБАВ", "LJUBAV"),
        ("Џеп", "Džep"),
        ("Позив за подношење предлога", "Poziv za podnošenje predloga"),
        ("Latin stays, 123!", "Latin stays, 123!"),
        ("", ""),
    ],
)
def test_serbian_transliteration(cyrillic, latin):
    assert serbian_to_latin(cyrillic) == latin
