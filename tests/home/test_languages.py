"""Eight languages end to end: prefixes, <html lang>, hreflang, the switcher, and the / redirect."""

import pytest
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page

from home.languages import bcp47
from home.models import HomePage, StandardPage
from tests.helpers import LANGUAGE_CODES, parse_page

pytestmark = pytest.mark.django_db


def test_every_language_has_a_locale():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(LANGUAGE_CODES)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_in_each_language(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    page = parse_page(response)
    assert page.html_lang == bcp47(code)
    # One hreflang link per language plus x-default, each pointing at that language's home page.
    assert set(page.alternates) == {bcp47(c) for c in LANGUAGE_CODES} | {"x-default"}
    for other in LANGUAGE_CODES:
        assert page.alternates[bcp47(other)].endswith(f"/{other}/")
    assert page.alternates["x-default"].endswith("/en/")
    # The switcher offers every language, each leading to its home page, none marked untranslated.
    targets = {link["hreflang"]: link["href"] for link in page.switcher}
    assert targets == {bcp47(c): f"/{c}/" for c in LANGUAGE_CODES}
    assert not any("data-untranslated" in link for link in page.switcher)


def test_language_names_are_written_in_their_own_script(client):
    html = client.get("/en/").content.decode()
    for name in [
        "Shqip",
        "Bosanski",
        "Hrvatski",
        "Српски",
        "Srpski (latinica)",
        "Македонски",
        "Crnogorski",
    ]:
        assert name in html


def test_montenegrin_is_served_in_montenegrin(client):
    assert get_language_info("cnr")["name_local"] == "Crnogorski"
    response = client.get("/cnr/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="cnr"' in html
    assert "Preskoči na glavni sadržaj" in html  # the skip link, from locale/cnr
    home = HomePage.objects.get(locale__language_code="cnr")
    assert home.hero_heading in html


def test_serbian_latin_is_generated_from_cyrillic(client):
    cyrillic = HomePage.objects.get(locale__language_code="sr")
    latin = HomePage.objects.get(locale__language_code="sr-latn")
    assert any("\u0400" <= ch <= "\u04ff" for ch in cyrillic.hero_heading)
    assert not any("\u0400" <= ch <= "\u04ff" for ch in latin.hero_heading)
    html = client.get("/sr-latn/").content.decode()
    assert 'lang="sr-Latn"' in html
    assert "Preskoči na glavni sadržaj" in html


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("sq,en;q=0.8", "/sq/"),
        ("mk-MK,mk;q=0.9", "/mk/"),
        ("sr-Latn-RS,sr;q=0.5", "/sr-latn/"),
        ("sr-RS", "/sr/"),
        ("cnr", "/cnr/"),
        ("de-DE,fr;q=0.5", "/en/"),
        ("", "/en/"),
        (";;;q=abc,,,*-*-*", "/en/"),
        ("x" * 5000, "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, header, expected):
    response = client.get("/", headers={"accept-language": header})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_switcher_leads_to_the_same_page_in_other_languages(client):
    about_en = StandardPage.objects.get(locale__language_code="en", slug="about")
    response = client.get(about_en.url)
    assert response.status_code == 200
    page = parse_page(response)
    for link in page.switcher:
        assert client.get(link["href"]).status_code == 200
        assert "data-untranslated" not in link
    about_sq = Page.objects.get(
        translation_key=about_en.translation_key, locale__language_code="sq"
    )
    assert page.alternates["sq"].endswith(about_sq.url)


def test_switcher_says_when_a_page_is_not_translated(client):
    about_en = StandardPage.objects.get(locale__language_code="en", slug="about")
    about_mk = Page.objects.get(
        translation_key=about_en.translation_key, locale__language_code="mk"
    )
    about_mk.unpublish()
    response = client.get(about_en.url)
    page = parse_page(response)
    mk_link = next(link for link in page.switcher if link["hreflang"] == "mk")
    assert mk_link["href"] == "/mk/"
    assert "data-untranslated" in mk_link
    assert "not translated yet, opens the home page" in response.content.decode()
    assert "mk" not in page.alternates  # no hreflang for a translation that does not exist
    assert client.get(mk_link["href"]).status_code == 200


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "27 November 2026"),
        ("sq", "27 nëntor 2026"),
        ("bs", "27. novembra 2026."),
        ("hr", "27. studenoga 2026."),
        ("sr", "27. новембра 2026."),
        ("sr-latn", "27. novembra 2026."),
        ("mk", "27 ноември 2026"),
        ("cnr", "27. novembra 2026."),
    ],
)
def test_dates_read_as_each_language_writes_them(code, expected):
    """Month names lower-case and, where the language has cases, in the genitive; Montenegrin
    no longer falls back to the English format (config/formats, home/month_names.py)."""
    import datetime

    from django.utils import formats, translation

    with translation.override(code):
        assert formats.date_format(datetime.date(2026, 11, 27)) == expected
