"""Running a search: fold the query, find matching pages, count them by type, fetch one page."""

from collections import Counter
from dataclasses import dataclass, field
from itertools import zip_longest

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page

from search.folding import fold_for_search

MAX_QUERY_LENGTH = 200  # characters of a query that are searched; the rest is ignored
MAX_RESULTS = 1000  # best-ranked matches considered for counts and paging


def search_pages(query, language_code, locale_id=None):
    """Live public pages of one language matching every word of ``query`` (folded), best first."""
    folded = fold_for_search(query[:MAX_QUERY_LENGTH], language_code)
    if not folded:
        return Page.objects.none()
    if locale_id is None:
        locale_id = Locale.objects.get_for_language(language_code).pk
    return (
        Page.objects.live()
        .exclude(depth__lte=1)
        .filter(locale_id=locale_id)
        .search(folded, operator="and")
    )


def ranked_ids(query, language_code, limit=MAX_RESULTS):
    """Ids of the best matches in one language, or in every language when ``language_code`` is None.

    Across languages each language is searched with its own folding (its own stemmer), and the
    rankings are interleaved so that no language crowds out the others.
    """
    codes = [language_code] if language_code else [code for code, _name in settings.LANGUAGES]
    locale_ids = dict(
        Locale.objects.filter(language_code__in=codes).values_list("language_code", "pk")
    )
    rankings = [
        [page.pk for page in search_pages(query, code, locale_ids[code])[:limit]]
        for code in codes
        if code in locale_ids
    ]
    merged = []
    for row in zip_longest(*rankings):
        merged.extend(pk for pk in row if pk is not None)
    return merged[:limit]


def suggest_pages(prefix, language_code, limit):
    """Live pages of one language whose folded title has words starting with what was typed."""
    folded = fold_for_search(prefix[:MAX_QUERY_LENGTH])
    if not folded:
        return []
    pages = (
        Page.objects.live()
        .public()
        .exclude(depth__lte=1)
        .filter(locale=Locale.objects.get_for_language(language_code))
    )
    return [page.pk for page in pages.autocomplete(folded)[:limit]]


@dataclass
class SearchOutcome:
    """Ranked ids of the matches, their count per page type, and the chosen type's ids."""

    ranked: list = field(default_factory=list)
    type_counts: dict = field(default_factory=dict)
    selected: list = field(default_factory=list)


def run_search(query, language_code, page_type=None):
    """Search, count matches per page type (one query), and keep those of ``page_type`` if given.

    ``page_type`` is "app_label.modelname"; an unknown value is ignored.
    """
    ranked = ranked_ids(query, language_code)
    if not ranked:
        return SearchOutcome()
    # Pages in a private section are left out here: one query, not one per result.
    public = Page.objects.filter(pk__in=ranked).public()
    types = dict(public.values_list("pk", "content_type"))
    ranked = [pk for pk in ranked if pk in types]
    labels = {  # Django caches content types: no query per type after the first request
        ct_id: ".".join(ContentType.objects.get_for_id(ct_id).natural_key())
        for ct_id in set(types.values())
    }
    counts = Counter(labels[types[pk]] for pk in ranked if pk in types)
    selected = [pk for pk in ranked if page_type is None or labels.get(types.get(pk)) == page_type]
    return SearchOutcome(ranked=ranked, type_counts=dict(counts), selected=selected)


def type_label(model_label):
    """The translated name of a page type, e.g. "news.newspage" → "news article"."""
    try:
        return apps.get_model(model_label)._meta.verbose_name
    except (LookupError, ValueError):
        return model_label


def fetch_in_order(page_ids):
    """The specific pages for ``page_ids``, in that order (one query per page type)."""
    pages = Page.objects.filter(pk__in=page_ids).select_related("locale").specific().in_bulk()
    return [pages[pk] for pk in page_ids if pk in pages]
