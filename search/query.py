"""Running a search: fold the query, find matching pages, count them by type, fetch one page."""

from collections import Counter
from dataclasses import dataclass, field
from itertools import zip_longest

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, get_page_models
from wagtail.search.backends import get_search_backend

from search.facets import facet_for
from search.folding import fold_for_search, fold_words
from search.indexing import language_mark

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
    rank = _ranker()
    rankings = [rank(query, code, locale_ids[code], limit) for code in codes if code in locale_ids]
    merged = []
    for row in zip_longest(*rankings):
        merged.extend(pk for pk in row if pk is not None)
    return merged[:limit]


def _backend_ranked_ids(query, language_code, locale_id, limit):
    return [page.pk for page in search_pages(query, language_code, locale_id)[:limit]]


def _ranker():
    """The function ranking matches for the configured backend.

    Wagtail's database backends score each matching page separately, so their latency grows with
    the number of matches (seconds for a common word at 50k pages); on SQLite and PostgreSQL all
    matches are ranked in one query over the same index instead. Other backends (Elasticsearch)
    rank well themselves.
    """
    module = type(get_search_backend()).__module__
    if connection.vendor == "sqlite" and module.endswith("sqlite.sqlite"):
        return _sqlite_ranked_ids
    if connection.vendor == "postgresql" and module.endswith("postgres.postgres"):
        return _postgres_ranked_ids
    return _backend_ranked_ids


def _page_types():
    return [ContentType.objects.get_for_model(model).pk for model in get_page_models()]


def _sqlite_ranked_ids(query, language_code, locale_id, limit):
    """The same matches as search_pages() on SQLite, ranked in one FTS5 query.

    Wagtail's SQLite backend scores each matching page with a correlated FTS subquery, which
    took seconds for common words at 10k pages; here FTS5 ranks all matches at once (bm25,
    lower is better) and the page conditions join the same query.
    """
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry  # defined on SQLite only

    terms = fold_for_search(query[:MAX_QUERY_LENGTH], language_code).split()
    if not terms:
        return []
    # Folded terms are word characters only, so quoting them cannot break the MATCH syntax.
    match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"
    page_types = _page_types()
    fts_table = SQLiteFTSIndexEntry._meta.db_table
    sql = f"""
        SELECT page.id FROM {fts_table}
        JOIN {IndexEntry._meta.db_table} entry ON entry.id = {fts_table}.rowid
        JOIN {Page._meta.db_table} page ON page.id = CAST(entry.object_id AS INTEGER)
        WHERE {fts_table} MATCH %s
          AND entry.content_type_id IN ({", ".join(["%s"] * len(page_types))})
          AND page.live AND page.depth > 1 AND page.locale_id = %s
        ORDER BY bm25({fts_table}), page.id DESC
        LIMIT %s
    """  # noqa: S608 - table names come from models; every value is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *page_types, locale_id, limit])
        return [row[0] for row in cursor.fetchall()]


def _postgres_ranked_ids(query, language_code, locale_id, limit):
    """The same matches as search_pages() on PostgreSQL, ranked in one query.

    Matches come from the GIN index on ``title || body`` (search/migrations/0001), narrowed to
    the language by its mark (search.indexing.language_mark), the page conditions join the same
    query, and pages are ranked as Wagtail's backend ranks them (title rank times its length
    factor, plus body rank).
    """
    from wagtail.search.models import IndexEntry

    folded = fold_for_search(query[:MAX_QUERY_LENGTH], language_code)
    if not folded:
        return []
    page_types = _page_types()
    sql = f"""
        SELECT page.id
        FROM {IndexEntry._meta.db_table} entry
        CROSS JOIN plainto_tsquery('simple', %s) terms
        JOIN {Page._meta.db_table} page ON page.id = entry.object_id::integer
        WHERE (entry.title || entry.body) @@ terms
          AND entry.content_type_id IN ({", ".join(["%s"] * len(page_types))})
          AND page.live AND page.depth > 1 AND page.locale_id = %s
        ORDER BY ts_rank(entry.title, terms) * entry.title_norm + ts_rank(entry.body, terms) DESC,
                 page.id DESC
        LIMIT %s
    """  # noqa: S608 - table names come from models; every value is a parameter
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [f"{language_mark(language_code)} {folded}", *page_types, locale_id, limit]
        )
        return [row[0] for row in cursor.fetchall()]


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
    """Ranked ids of the matches, their count per page type (and per option of the chosen type's
    facet, if it has one: search.facets), and the ids of the chosen type and option."""

    ranked: list = field(default_factory=list)
    type_counts: dict = field(default_factory=dict)
    selected: list = field(default_factory=list)
    facet_counts: dict = field(default_factory=dict)


def titles_first(query, ranked, details):
    """``ranked`` with pages whose title holds every word of the query moved to the front.

    Backends weigh titles differently (SQLite's FTS5 ranking does not weigh them at all), so the
    title match is decided here, the same on every backend; the backend's order is kept otherwise.
    """

    def title_matches(pk):
        _content_type, title, code = details[pk]
        wanted = set(fold_words(query[:MAX_QUERY_LENGTH], code))
        return bool(wanted) and wanted <= set(fold_words(title, code))

    return sorted(ranked, key=lambda pk: not title_matches(pk))


def run_search(query, language_code, page_type=None, facet_value=None):
    """Search, count matches per page type (one query), and keep those of ``page_type`` if given.

    ``page_type`` is "app_label.modelname"; an unknown value is ignored. When a facet is registered
    for it (search.facets, e.g. calls by status), matches are also counted by the facet's values,
    and ``facet_value`` keeps one value.
    """
    ranked = ranked_ids(query, language_code)
    if not ranked:
        return SearchOutcome()
    # One query for type, title and language of every match; pages in a private section drop out.
    rows = Page.objects.filter(pk__in=ranked).public()
    details = {
        pk: (content_type, title, code)
        for pk, content_type, title, code in rows.values_list(
            "pk", "content_type", "title", "locale__language_code"
        )
    }
    types = {pk: detail[0] for pk, detail in details.items()}
    ranked = titles_first(query, [pk for pk in ranked if pk in details], details)
    labels = {  # Django caches content types: no query per type after the first request
        ct_id: type_key(ContentType.objects.get_for_id(ct_id).model_class())
        for ct_id in set(types.values())
    }
    counts = Counter(labels[types[pk]] for pk in ranked if pk in types)
    selected = [pk for pk in ranked if page_type is None or labels.get(types.get(pk)) == page_type]
    facet_counts = {}
    facet = facet_for(page_type)
    if facet is not None and selected:
        values = facet.values(selected)
        facet_counts = dict(Counter(values.values()))
        if facet_value in facet_counts:
            selected = [pk for pk in selected if values.get(pk) == facet_value]
    return SearchOutcome(
        ranked=ranked, type_counts=dict(counts), selected=selected, facet_counts=facet_counts
    )


GENERAL_PAGE = "page"  # the type readers see for pages that are just pages (home, about…)


def type_key(model):
    """The search type of a page model: "app_label.modelname", or GENERAL_PAGE for the page types
    that say so (``search_as_general_page``), whose admin names mean nothing to readers."""
    if model is not None and getattr(model, "search_as_general_page", False):
        return GENERAL_PAGE
    return model._meta.label_lower if model is not None else ""


def type_label(key):
    """The translated reader-facing name of a search type, e.g. "news.newspage" → "news item"."""
    if key == GENERAL_PAGE:
        return _("page")
    try:
        return apps.get_model(key)._meta.verbose_name
    except (LookupError, ValueError):
        return key


def fetch_in_order(page_ids):
    """The specific pages for ``page_ids``, in that order (one query per page type, whatever
    the number of pages; their locales come from one more query)."""
    pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
    locales = Locale.objects.in_bulk()
    ordered = [pages[pk] for pk in page_ids if pk in pages]
    for page in ordered:
        page.locale = locales[page.locale_id]
    return ordered
