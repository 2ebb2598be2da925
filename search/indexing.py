"""What the search index stores for each page: its searchable text, folded in its own language."""

from django.utils.html import strip_tags
from wagtail.search import index

from search.folding import fold_for_search

FOLDED_FIELD = "folded_search_text"


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    return [str(value)]


class FoldedSearchMixin:
    """Adds one indexed field holding the page's searchable text passed through fold_for_search.

    The words come from the page's own SearchFields (title, intro, body…), so page types only
    declare what is searchable once; queries are folded the same way in search.views.
    """

    folded_search_field = index.SearchField(FOLDED_FIELD)

    def folded_search_text(self):
        parts = []
        for field in self.search_fields:
            if isinstance(field, index.SearchField) and field.field_name != FOLDED_FIELD:
                parts.extend(_flatten(field.get_value(self)))
        return fold_for_search(strip_tags(" ".join(parts)), self.locale.language_code)
