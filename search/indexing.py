"""What the search index stores for each page: its searchable text, folded in its own language."""

from django.db import models
from django.utils.html import strip_tags
from wagtail.search import index

from search.folding import fold_for_search

FOLDED_FIELD = "folded_search_text"


def language_mark(language_code):
    """A word added to each page's folded text naming its language ("xlangsrlatn").

    Bosnian, Croatian, Montenegrin and Serbian share most stems, so a common word matches pages
    of four or five languages; with the mark in the query, PostgreSQL's index narrows the matches
    to one language before reading any page (search.query._postgres_ranked_ids).
    """
    return "xlang" + "".join(ch for ch in language_code.lower() if ch.isalpha())


FOLDED_TITLE_FIELD = "folded_title"


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    return [str(value)]


class TitleSearchField(index.SearchField):
    """A second "title" search field, holding the folded title beside Page's own.

    Backends that weigh fields weigh the one named "title" above the body, so the folded title
    belongs there for "o programu" to rank "О програму" high (see also query.titles_first).
    """

    def __init__(self, boost=2, **kwargs):
        super().__init__("title", boost=boost, **kwargs)

    def get_value(self, obj):
        return fold_for_search(obj.title, obj.locale.language_code)


class FoldedSearchMixin(models.Model):
    """Adds one indexed field holding the page's searchable text passed through fold_for_search.

    The words come from the page's own SearchFields (title, intro, body…), so page types only
    declare what is searchable once; queries are folded the same way in search.views.
    """

    folded_search_fields = [
        TitleSearchField(),
        index.SearchField(FOLDED_FIELD),
        index.AutocompleteField(FOLDED_TITLE_FIELD),
    ]

    class Meta:
        abstract = True

    def folded_search_text(self):
        # The indexer asks for every field several times per object: fold each text only once.
        key = (searchable_text(self, include_title=False), self.locale.language_code)
        cached = getattr(self, "_folded_search_text", None)
        if cached is None or cached[0] != key:
            cached = (key, f"{language_mark(key[1])} {fold_for_search(*key)}")
            self._folded_search_text = cached
        return cached[1]

    def folded_title(self):
        """The title folded without stemming, for suggestions that match what is typed so far."""
        return fold_for_search(self.title)


def searchable_text(page, *, include_title=True):
    """The plain text of a page's SearchFields (rich text and StreamField bodies flattened)."""
    parts = []
    for field in page.search_fields:
        if not isinstance(field, index.SearchField) or field.field_name == FOLDED_FIELD:
            continue
        if field.field_name == "title" and not include_title:
            continue
        parts.extend(_flatten(field.get_value(page)))
    return " ".join(strip_tags(" ".join(parts)).split())
