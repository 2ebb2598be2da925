"""Relevance suite: readers find a page whatever script, keyboard or word form they use.

Each case searches one language for a page's title typed as a reader might — as written, without
diacritics, in the other script — and expects that page among the first three results. Runs on
SQLite (FTS5) and PostgreSQL alike.
"""

import unicodedata

import pytest

from home.models import StandardPage
from search.query import run_search, search_pages
from tests.helpers import LANGUAGE_CODES
from translations.transliteration import serbian_to_latin

pytestmark = pytest.mark.django_db

PAGES = ["about", "contact", "accessibility", "privacy"]
TOP = 3

# How a reader types Macedonian on a Latin keyboard (digraphs, no diacritics).
_MK_KEYBOARD = str.maketrans(
    {"ѓ": "gj", "ќ": "kj", "ш": "sh", "ж": "zh", "ч": "ch", "џ": "dzh", "љ": "lj", "њ": "nj",
     "ѕ": "dz", "ј": "j", "ц": "c", "х": "h", "а": "a", "б": "b", "в": "v", "г": "g", "д": "d",
     "е": "e", "з": "z", "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
     "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f"}
)  # fmt: skip


def without_diacritics(text):
    """What a reader types on a keyboard without the language's letters (đ as dj)."""
    text = text.replace("đ", "dj").replace("Đ", "Dj")
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def typed_variants(title, code):
    variants = {"as written": title, "no diacritics": without_diacritics(title)}
    if code == "sr":
        variants["latin, no diacritics"] = without_diacritics(serbian_to_latin(title))
    if code == "mk":
        variants["latin keyboard"] = title.lower().translate(_MK_KEYBOARD)
    return variants


def _cases():
    # Built from the demo content files, so the suite needs no database at collection time.
    from home.seeding import load_content

    for code in LANGUAGE_CODES:
        content = load_content(code)["pages"]
        for key in PAGES:
            for how, query in typed_variants(content[key]["title"], code).items():
                yield pytest.param(code, key, query, id=f"{code}-{key}-{how}")


@pytest.mark.parametrize(("code", "key", "query"), list(_cases()))
def test_title_finds_its_page(code, key, query):
    from home.seeding import load_content

    slug = load_content(code)["pages"][key]["slug"]
    expected = StandardPage.objects.get(locale__language_code=code, slug=slug)
    found = run_search(query, code).ranked[:TOP]
    assert expected.pk in found, f"{query!r} in {code}: {found}"


@pytest.mark.parametrize(
    ("code", "query", "slug"),
    [
        ("sr", "drustvo", None),
        ("sr", "друштво", None),
        ("sr-latn", "društvo", None),
        ("hr", "civilnog drustva", None),
        ("bs", "organizacije civilnog drustva", None),
        ("cnr", "organizacija civilnog drustva", None),
        ("mk", "gragjansko opstestvo", None),
        ("mk", "граѓанско општество", None),
        ("sq", "shoqerise civile", None),
        ("en", "civil society organisations", None),
    ],
)
def test_common_phrases_find_pages_in_every_script(code, query, slug):
    assert search_pages(query, code).count() > 0, query


def test_results_stay_in_the_readers_language():
    results = list(search_pages("drustvo", "hr"))
    assert results
    assert {page.locale.language_code for page in results} == {"hr"}


# Word families per language: the base form and inflected forms a reader may type (definite,
# case and plural endings; without diacritics). Every form must find the pages the base form finds.
INFLECTED = {
    "en": [("budget", ["budgets"]), ("organisation", ["organisations"]), ("grant", ["grants"])],
    "sq": [
        ("buxhet", ["buxheti", "buxhetit", "buxhetin", "buxhetet"]),
        ("organizatë", ["organizata", "organizatat", "organizatave", "organizates"]),
        ("shoqëri", ["shoqëria", "shoqërisë", "shoqerine"]),
        ("thirrje", ["thirrja", "thirrjen", "thirrjes", "thirrjet"]),
        ("grant", ["granti", "grantit", "grantet"]),
    ],
    "mk": [
        ("буџет", ["буџетот", "буџети", "буџетите", "budzetot"]),
        ("граѓанско", ["граѓанските", "граѓански", "граѓанска", "gragjanskite"]),
        ("организација", ["организацијата", "организации", "организациите"]),
        ("општество", ["општеството", "opshtestvoto"]),
        ("грант", ["грантот", "грантови"]),
    ],
    "sr": [("буџет", ["буџета", "budzeta"]), ("организација", ["организације", "организацијама"])],
    "sr-latn": [("budžet", ["budžeta"]), ("organizacija", ["organizacije", "organizacijama"])],
    "bs": [
        ("budžet", ["budžeta", "budzetu"]),
        ("organizacija", ["organizacije", "organizacijama"]),
    ],
    "hr": [("proračun", ["proračuna", "proracunu"]), ("organizacija", ["organizacije"])],
    "cnr": [("budžet", ["budžeta", "budzetu"]), ("organizacija", ["organizacije"])],
}


def _inflected_cases():
    for code, families in INFLECTED.items():
        for base, forms in families:
            for form in forms:
                yield pytest.param(code, base, form, id=f"{code}-{form}")


@pytest.mark.parametrize(("code", "base", "form"), list(_inflected_cases()))
def test_inflected_forms_find_what_the_base_form_finds(code, base, form):
    expected = set(run_search(base, code).ranked)
    assert len(expected) >= 2, f"{base!r} in {code} finds {len(expected)} pages"
    assert set(run_search(form, code).ranked) == expected, f"{form!r} vs {base!r} in {code}"
