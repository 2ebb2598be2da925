"""Facets and pagination for every listing of the site (news and stories, the library, calls, search).

One home for what listings share, so every archive filters and pages the same way for readers.

Facets
------
``Option(value, label, count=0, selected=False, indent=False)``
    One choice of a filter: ``value`` goes in the address, ``label`` is shown, ``count`` is how many
    results choosing it would give, ``indent`` marks a sub-topic shown under its theme.

``Facet(name, label, options=[], selected=[])``
    One filter: ``name`` is its query parameter (and the form field's name), ``label`` its legend,
    ``options`` the ``Option`` list to show, ``selected`` the chosen values that are real options
    (a list: one value for a select, several for checkboxes). ``facet.value`` is the one chosen
    value or None; ``facet.active`` the selected options.

``Facet.build(name, label, choices, counts, selected=None, indented=())``
    A facet from ``choices`` — ``(value, label)`` pairs in display order, e.g.
    ``taxonomy_choices(Topic.objects.all(), locale_id)`` — and ``counts`` ({value: count}). Options
    with no results are left out unless the reader chose them. ``selected`` is the request's value
    (a string, a number or a list of them, or None); values in ``indented`` are shown indented.

``taxonomy_choices(terms, locale_id=None)``
    ``(slug, name)`` pairs of a taxonomy queryset (Topic, Country, GrantType...), limited to the
    locale ``locale_id`` when given, in the taxonomy's own order. Slugs are the same in every
    language, so a filtered address means the same thing in every language.

``selected_values(query, name, allowed=None, limit=20)``
    The distinct non-empty values of parameter ``name`` in a QueryDict, capped at ``limit``; with
    ``allowed``, only the values in it (anything else is ignored, never an error).

Pagination
----------
``paginate(items, page_param, per_page)``
    A Django ``Page`` of ``items`` (a queryset or a list) for the raw ``page_param`` (the request's
    ``page`` value, a string or None). One policy for readers, never a 404 for a page number: a
    number past the end shows the last page; a value that is not a whole number, or is below 1,
    shows the first page. An empty list gives an empty first page. ``page_number(page_param)`` is
    the parsing step on its own (None for "not a usable number"). Both live in
    ``runtime.pagination`` (so that search, which cannot import home, shares them) and are
    re-exported here.

The templates' shared ``components/pagination.html`` expects ``page_obj`` (this ``Page``); filter
forms loop over ``facets`` and read ``facet.name``, ``facet.label`` and each option's ``value``,
``label``, ``count``, ``selected`` and ``indent``.
"""

from dataclasses import dataclass, field

from runtime.pagination import page_number, paginate

__all__ = [
    "Facet",
    "Option",
    "page_number",
    "paginate",
    "selected_values",
    "taxonomy_choices",
]

MAX_VALUES_PER_FACET = 20  # more than any facet has options; caps what a crafted address can ask


@dataclass
class Option:
    value: object
    label: str
    count: int = 0
    selected: bool = False
    indent: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)
    selected: list = field(default_factory=list)

    @classmethod
    def build(cls, name, label, choices, counts, selected=None, indented=()):
        """A facet of ``choices`` with ``counts``; empty options only when the reader chose them."""
        wanted = _as_list(selected)
        indented = set(indented)
        facet = cls(name, label)
        for value, option_label in choices:
            count = counts.get(value, 0)
            chosen = value in wanted
            if chosen:
                facet.selected.append(value)
            if count or chosen:
                facet.options.append(Option(value, option_label, count, chosen, value in indented))
        return facet

    @property
    def value(self):
        """The one chosen value (for single-choice filters), or None."""
        return self.selected[0] if self.selected else None

    @property
    def active(self):
        """The chosen options."""
        return [option for option in self.options if option.selected]


def _as_list(selected):
    if selected is None or selected == "":
        return []
    if isinstance(selected, (list, tuple, set, frozenset)):
        return list(selected)
    return [selected]


def taxonomy_choices(terms, locale_id=None):
    """``(slug, name)`` of the taxonomy queryset ``terms``, in one language when ``locale_id`` is given."""
    if locale_id is not None:
        terms = terms.filter(locale_id=locale_id)
    return [(term.slug, term.name) for term in terms]


def selected_values(query, name, allowed=None, limit=MAX_VALUES_PER_FACET):
    """The distinct non-empty values of ``name`` in ``query``; only those in ``allowed`` if given."""
    values = [value.strip() for value in query.getlist(name)[:limit]]
    values = [value for value in dict.fromkeys(values) if value]
    if allowed is not None:
        values = [value for value in values if value in allowed]
    return values
