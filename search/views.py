"""Site search in the reader's language, whatever script or diacritics they type."""

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from runtime.pagination import paginate
from search.facets import facet_for, facet_parameters
from search.folding import fold_words
from search.highlight import highlight_snippet
from search.indexing import searchable_text
from search.query import (
    MAX_QUERY_LENGTH,
    fetch_in_order,
    run_search,
    suggest_pages,
    type_key,
    type_label,
)

RESULTS_PER_PAGE = 10
MAX_SUGGESTIONS = 8

# Which typing hint helps readers of a language: where pages are read in both scripts
# (Serbian in Cyrillic and Latin, Macedonian typed in Latin on many phones, Bosnian and
# Montenegrin officially in both), that either script finds the same pages; where the language
# has letters with diacritics but one script (Albanian ë ç, Croatian č ć đ š ž), that typing
# them is optional. English needs no hint.
SCRIPT_HINT_LANGUAGES = {"sr", "sr-latn", "mk", "bs", "cnr"}
DIACRITICS_HINT_LANGUAGES = {"sq", "hr"}


def typing_hint(language_code):
    """The hint shown under the search box in a language, or None."""
    if language_code in SCRIPT_HINT_LANGUAGES:
        return _("Cyrillic or Latin, with or without diacritics: both find the same pages.")
    if language_code in DIACRITICS_HINT_LANGUAGES:
        return _("With or without diacritics: both find the same pages.")
    return None


def clean_query(raw):
    """The query as shown back to the reader: printable characters only, cut to MAX_QUERY_LENGTH."""
    text = "".join(ch for ch in (raw or "")[: MAX_QUERY_LENGTH * 4] if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _result_entry(page, query, all_languages):
    code = page.locale.language_code
    terms = set(fold_words(query, code))
    text = searchable_text(page, include_title=False)
    return {
        "page": page,
        "type": type_label(type_key(type(page))),
        "date": page.first_published_at,
        "snippet": highlight_snippet(text, terms, code),
        "language": dict(settings.LANGUAGES).get(code) if all_languages else None,
        "language_code": code,
    }


@require_GET
def search(request):
    query = clean_query(request.GET.get("q"))
    all_languages = request.GET.get("languages") == "all"
    page_type = request.GET.get("type") or None
    facet = facet_for(page_type)
    facet_value = (request.GET.get(facet.name) or None) if facet else None
    language = None if all_languages else translation.get_language()
    outcome = run_search(query, language, page_type, facet_value) if query else None
    selected = outcome.selected if outcome else []
    page_obj = paginate(selected, request.GET.get("page"), RESULTS_PER_PAGE)
    paginator = page_obj.paginator
    results = [
        _result_entry(page, query, all_languages) for page in fetch_in_order(page_obj.object_list)
    ]
    facets = []
    if outcome:
        facets = sorted(
            (
                {"value": label, "name": type_label(label), "count": count,
                 "active": label == page_type}
                for label, count in outcome.type_counts.items()
            ),
            key=lambda facet: (-facet["count"], str(facet["name"])),
        )  # fmt: skip
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "page_obj": page_obj,
            "paginator": paginator,
            "total": len(outcome.ranked) if outcome else 0,
            "facets": facets,
            "page_type": page_type if any(f["active"] for f in facets) else None,
            "type_facet": _type_facet(request, facet, outcome, facet_value),
            "all_languages": all_languages,
            "typing_hint": typing_hint(translation.get_language()),
            "filters_open": bool(page_type or any(map(request.GET.get, facet_parameters()))),
            "share_title": translation.gettext("Search"),  # og:title; image: the home page card
        },
    )


def _type_facet(request, facet, outcome, active):
    """The options of the searched type's facet (search.facets, e.g. calls by status) that have
    matches, each with its link (the current query with that option, from its first page), or None.
    """
    if not outcome or not outcome.facet_counts:
        return None
    counts = outcome.facet_counts
    if not any(value in counts for value in facet.options):
        return None
    return {
        "label": facet.label,
        "any_label": facet.any_label,
        "any_url": _query_with(request, facet.name, None),
        "any_active": not request.GET.get(facet.name),
        "options": [
            {
                "value": value,
                "name": label,
                "count": counts[value],
                "active": value == active,
                "url": _query_with(request, facet.name, value),
            }
            for value, label in facet.options.items()
            if value in counts
        ],
    }


def _query_with(request, name, value):
    """The current query string with parameter ``name`` set to ``value`` (removed when None) and
    the page number removed."""
    params = request.GET.copy()
    if value is None:
        params.pop(name, None)
    else:
        params[name] = value
    params.pop("page", None)
    return "?" + params.urlencode()


@require_GET
def suggest(request):
    """Title suggestions for what has been typed so far (JSON), in the reader's language."""
    query = clean_query(request.GET.get("q"))
    if len(query) < 2:
        return JsonResponse({"suggestions": []})
    pages = fetch_in_order(suggest_pages(query, translation.get_language(), MAX_SUGGESTIONS))
    return JsonResponse(
        {"suggestions": [{"title": page.title, "url": page.get_url(request)} for page in pages]}
    )
