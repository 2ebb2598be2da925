"""The order a reader sees a page's language versions in: their own language first."""

from . import choices


def reader_first(items, reader_language):
    """``items`` (anything with a ``language`` code, "" for none) in the reader's order: the
    reader's language first, then language-neutral items (logos), then the other languages in the
    site's order. Stable: items of one language keep the editor's order.

    A reader of generated Serbian Latin reads the Serbian (Cyrillic) files first.
    """
    readers = {reader_language, "sr"} if reader_language == "sr-latn" else {reader_language}

    def key(item):
        if item.language in readers:
            return (0, 0)
        if not item.language:
            return (1, 0)
        return (2, choices.language_order(item.language))

    return sorted(items, key=key)
