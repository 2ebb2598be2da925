"""Site search in the reader's language, whatever script or diacritics they type."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Locale, Page

from search.folding import fold_for_search

MAX_QUERY_LENGTH = 200  # characters of the query that are searched; the rest is ignored
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """The query as shown back to the reader: printable characters only, cut to MAX_QUERY_LENGTH."""
    text = "".join(ch for ch in (raw or "")[: MAX_QUERY_LENGTH * 4] if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search_pages(query, language_code):
    """Live pages of one language matching ``query`` after folding; an empty queryset for no words."""
    folded = fold_for_search(query, language_code)
    if not folded:
        return Page.objects.none()
    return (
        Page.objects.live()
        .public()
        .filter(locale=Locale.objects.get_for_language(language_code))
        .exclude(depth__lte=1)
        .specific()
        .search(folded)
    )


def search(request):
    query = clean_query(request.GET.get("q"))
    results = search_pages(query, translation.get_language()) if query else Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results": page_obj, "paginator": paginator},
    )
