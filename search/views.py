"""Site search in the reader's language. The multilingual folding comes with the search issue."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """The words of a query, lower-cased (so AND/OR/NOT/NEAR are words, not operators), without
    punctuation or control characters, cut to MAX_QUERY_LENGTH characters."""
    return " ".join(re.findall(r"\w+", (raw or "").lower()))[:MAX_QUERY_LENGTH].strip()


def search(request):
    query = clean_query(request.GET.get("q"))
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .exclude(depth__lte=1)
            .specific()
            .search(query)
        )
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
