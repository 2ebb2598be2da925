"""Facets that narrow the matches of one page type, registered by the app that owns the type.

Search knows page types only through the index (their "app_label.modelname" and verbose names).
A section whose pages can be narrowed further (calls by status) registers a SearchFacet with
Wagtail's ``register_search_facet`` hook, from its wagtail_hooks.py::

    @hooks.register("register_search_facet")
    def call_status_facet():
        return SearchFacet(page_type="calls.callpage", name="status", ...)

When readers search that type, its matches are counted by the facet's options, and the option
given in the facet's query parameter (``name``) keeps only its matches.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

HOOK_NAME = "register_search_facet"


@dataclass(frozen=True)
class SearchFacet:
    """A facet of one page type.

    ``page_type``: the search type it narrows ("app_label.modelname").
    ``name``: its query parameter (e.g. "status").
    ``label``: the translated name of the facet's list of options (e.g. "Filter calls by status").
    ``any_label``: the translated name of the option that keeps every match (e.g. "Any status").
    ``options``: {value: translated label}, in the order readers see them.
    ``values``: a function from page ids to {page id: value} for the pages it knows (one query).
    """

    page_type: str
    name: str
    label: str
    any_label: str
    options: Mapping
    values: Callable


def registered_facets():
    """{page type: SearchFacet} of every facet registered with the ``register_search_facet`` hook."""
    facets = {}
    for register in hooks.get_hooks(HOOK_NAME):
        facet = register()
        if facet.page_type in facets:
            raise ImproperlyConfigured(f"Two search facets registered for {facet.page_type}.")
        facets[facet.page_type] = facet
    return facets


def facet_for(page_type):
    """The facet narrowing ``page_type``, or None."""
    return registered_facets().get(page_type) if page_type else None


def facet_parameters():
    """The query parameters of all registered facets."""
    return [facet.name for facet in registered_facets().values()]
