"""Result snippets: a short passage of the page with the reader's words marked, safely escaped."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.folding import fold_words

_TOKENS = re.compile(r"(\w+)")
SNIPPET_WORDS = 36


def highlight_snippet(text, folded_terms, language_code, words=SNIPPET_WORDS):
    """Up to ``words`` words of ``text`` around the first match, matches wrapped in <mark>.

    A word matches when its folded form is one of ``folded_terms``, so "друштво" in the text is
    marked for a reader who typed "drustvo". Everything else is HTML-escaped.
    """
    tokens = _TOKENS.split(text or "")
    word_positions = list(range(1, len(tokens), 2))
    matches = {i for i in word_positions if _folds_into(tokens[i], folded_terms, language_code)}
    first = min(matches) if matches else 1
    start_word = max(0, word_positions.index(first) - words // 3) if word_positions else 0
    if word_positions:
        start = word_positions[start_word] if start_word else 0
        end_word = min(len(word_positions), start_word + words)
        end = word_positions[end_word - 1] + 1
    else:
        start, end = 0, len(tokens)
    parts = ["… " if start else ""]
    for i in range(start, end):
        piece = escape(tokens[i])
        parts.append(f"<mark>{piece}</mark>" if i in matches else piece)
    if end < len(tokens) - 1:
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def _folds_into(word, folded_terms, language_code):
    folded = fold_words(word, language_code)
    return bool(folded) and folded[0] in folded_terms
