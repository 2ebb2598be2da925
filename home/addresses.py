"""Readable addresses, one rule for the whole site: words of the page's own language, in ASCII.

Page slugs come from the page's title in its language (``page_slug``); the fixed segments of
section routes (a newsroom's success stories, a library's campaigns) are written here once per
language, so that ``/sr/vesti/price-o-uspehu/`` and ``/en/news/stories/`` are the same archive
and the language switcher can lead from one to the other.
"""

from django.conf import settings
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from translations.transliteration import ascii_slug

# Route segments per language. A segment of another language still resolves (the route then
# redirects to the reader's own), so an address keeps working when a reader swaps the prefix.
ROUTE_SEGMENTS = {
    "stories": {
        "en": "stories",
        "sq": "histori-suksesi",
        "bs": "price-o-uspjehu",
        "hr": "price-o-uspjehu",
        "sr": "price-o-uspehu",
        "sr-latn": "price-o-uspehu",
        "mk": "prikazni-za-uspeh",
        "cnr": "price-o-uspjehu",
    },
    "campaigns": {
        "en": "campaigns",
        "sq": "fushata",
        "bs": "kampanje",
        "hr": "kampanje",
        "sr": "kampanje",
        "sr-latn": "kampanje",
        "mk": "kampanji",
        "cnr": "kampanje",
    },
    # A call's confirmation page ("your application was received").
    "received": {
        "en": "received",
        "sq": "pranuar",
        "bs": "primljeno",
        "hr": "primljeno",
        "sr": "primljeno",
        "sr-latn": "primljeno",
        "mk": "primeno",
        "cnr": "primljeno",
    },
}


def route_segment(name, language_code):
    """The address segment of route ``name`` in a language (English when it has none)."""
    segments = ROUTE_SEGMENTS[name]
    return segments.get(language_code) or segments[settings.LANGUAGE_CODE]


def segment_pattern(name):
    """A regex group matching route ``name``'s segment in any language, captured as ``name``."""
    choices = sorted(set(ROUTE_SEGMENTS[name].values()), key=len, reverse=True)
    return f"(?P<{name}>{'|'.join(choices)})"


def localized_route_kwargs(kwargs, language_code):
    """A route's keyword arguments with every translated segment put into ``language_code``."""
    return {
        key: route_segment(key, language_code) if key in ROUTE_SEGMENTS else value
        for key, value in kwargs.items()
    }


def page_slug(title, max_length=80):
    """The slug of a page titled ``title``: its words in ASCII ("Građani" → "gradjani")."""
    return ascii_slug(title, max_length=max_length)


def give_own_language_slug(page):
    """Give ``page`` a slug from its own title when it has none of its own language.

    That is when its slug is empty or not ASCII (a Cyrillic title typed in the admin, a slug a
    translator wrote in Cyrillic), or when it is a translation still carrying its source's slug
    (wagtail-localize copies the English slug unless the translator rewrites it, which leaves
    an Albanian call at an English address). A slug a translator did write is kept. Called
    before a page is validated and saved; one query for a translation, none otherwise.
    """
    if not (page.path or getattr(page, "_cached_parent_obj", None)):
        return  # siblings unknown yet: Wagtail cleans again once the page has its place
    wanted = None
    if not page.slug or not page.slug.isascii():
        wanted = page_slug(page.slug or "") or page_slug(page.title or "")
    elif page.translation_key and page.locale_id and page.title:
        source_slug = (
            Page.objects.filter(
                translation_key=page.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .exclude(locale_id=page.locale_id)
            .values_list("slug", flat=True)
            .first()
        )
        if source_slug == page.slug:
            wanted = page_slug(page.title)
    if wanted and wanted != page.slug:
        page.slug = find_available_slug(page.get_parent(), wanted, ignore_page_id=page.pk)
