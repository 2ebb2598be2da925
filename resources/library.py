"""The faceted library: filters from the address, facet counts, sorting and pagination.

Facets combine: options of one facet are alternatives (OR), facets narrow each other (AND). Each
facet's counts reflect the *other* active facets, so a reader sees how many results choosing an
option would give. One aggregate query per facet, whatever the number of options; values that are
not options (typos, hostile input) are ignored, never passed to the database. Facets and pages
are home.listing's (past the end shows the last page, anything else that is not a page the first).

A service: the page model passes its resources and campaigns in; this module never imports it.
"""

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.listing import Facet, paginate, selected_values, taxonomy_choices
from home.models import Country, Topic

from . import choices

PER_PAGE = 12
SORTS = {"newest": ("-publication_date", "-pk"), "title": ("title", "pk")}
# The library's filters: address parameter -> (legend, field path on ResourcePage whose value is
# the option's key, whether it is a many-to-many field needing a sub-query so rows stay unique).
FILTERS = {
    "type": (_("Type"), "resource_type", False),
    "topic": (_("Topic"), "topics__slug", True),
    "country": (_("Country"), "countries__slug", True),
    "audience": (_("Audience"), "audience", False),
    "level": (_("Level"), "level", False),
    "language": (_("Language of the material"), "languages__language_code", True),
}


def filter_choices(locale_id):
    """Each filter's (key, label) options in the locale ``locale_id``; taxonomies cost one query each."""
    return {
        "type": list(choices.RESOURCE_TYPES),
        "topic": taxonomy_choices(Topic.objects.order_by("sort_order", "name"), locale_id),
        "country": taxonomy_choices(Country.objects.order_by("sort_order", "name"), locale_id),
        "audience": list(choices.AUDIENCES),
        "level": list(choices.LEVELS),
        "language": list(settings.LANGUAGES),
    }


def read_selection(options, query):
    """For each filter, the chosen values that are real options of it (anything else is ignored)."""
    return {
        param: selected_values(query, param, allowed={key for key, _label in options[param]})
        for param in FILTERS
    }


def _narrow(queryset, param, values):
    if not values:
        return queryset
    _legend, lookup, many = FILTERS[param]
    condition = {f"{lookup}__in": values}
    if many:
        matching = queryset.model.objects.filter(**condition).values("pk")
        return queryset.filter(pk__in=matching)
    return queryset.filter(**condition)


def filtered(queryset, selection, skip=None):
    """``queryset`` narrowed by every filter's selection except ``skip``'s."""
    for param, values in selection.items():
        if param != skip:
            queryset = _narrow(queryset, param, values)
    return queryset


def count_options(base, selection):
    """{filter: {key: count}}: one GROUP BY query per filter, the other filters applied."""
    model = base.model
    counts = {}
    for param, (_legend, lookup, _many) in FILTERS.items():
        ids = filtered(base, selection, skip=param).values("pk")
        rows = (
            model.objects.filter(pk__in=ids)
            .order_by()  # Page's default ordering would otherwise join the GROUP BY
            .values(lookup)
            .annotate(n=Count("pk", distinct=True))
        )
        counts[param] = {row[lookup]: row["n"] for row in rows if row[lookup]}
    return counts


def library_context(index, request, resources, campaigns):
    """Everything the library template needs for ``index`` and the reader's query string.

    ``resources`` and ``campaigns`` are the live, public resource and campaign pages of the
    library (querysets; the page model passes them in).
    """
    options = filter_choices(index.locale_id)
    selection = read_selection(options, request.GET)
    counts = count_options(resources, selection)
    facets = [
        Facet.build(param, FILTERS[param][0], options[param], counts[param], selection[param])
        for param in FILTERS
    ]

    sort = request.GET.get("sort")
    sort = sort if sort in SORTS else "newest"
    results = filtered(resources, selection).order_by(*SORTS[sort]).prefetch_related("languages")
    page_obj = paginate(results, request.GET.get("page"), PER_PAGE)

    today = timezone.localdate()
    current = [
        campaign for campaign in campaigns.order_by("-start_date") if campaign.is_current(today)
    ]
    active = [
        {"facet": facet, "value": option.value, "label": option.label}
        for facet in facets
        for option in facet.active
    ]
    return {
        "facets": facets,
        "active_filters": active,
        "sort": sort,
        "sorts": [("newest", _("Newest first")), ("title", _("Title (A–Z)"))],
        "page_obj": page_obj,
        "resources": page_obj.object_list,
        "current_campaigns": current,
        "campaigns_url": index.campaigns_url,
    }
