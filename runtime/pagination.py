"""The one pagination policy of every list on the site (archives, library, calls, search).

Never a 404 for a page number, because a reader who follows an old link to page 9 of a list that
has shrunk should see its end, not an error: a number past the end shows the last page; a value
that is not a whole number, or is below 1, shows the first page. An empty list gives an empty
first page. It lives at the bottom layer (no project imports) so that ``search`` and ``home``
share it; ``home.listing`` re-exports it beside the facets.
"""

import re

from django.core.paginator import Paginator

_NUMBER = re.compile(r"[0-9]+")
_PAST_ANY_END = 10**18  # what a longer number stands for: no need to read thousands of digits


def page_number(page_param):
    """The page asked for as a positive int, or None when it is not a whole number of at least 1."""
    text = str(page_param).strip() if page_param is not None else ""
    if not _NUMBER.fullmatch(text):
        return None
    number = int(text) if len(text) <= 18 else _PAST_ANY_END
    return number if number >= 1 else None


def paginate(items, page_param, per_page):
    """The page ``page_param`` of ``items``: past the end gives the last page, garbage the first."""
    paginator = Paginator(items, per_page)
    number = page_number(page_param) or 1
    return paginator.page(min(number, paginator.num_pages))
