"""The faceted library: filters from the address, facet counts, sorting and pagination.

Facets combine: options of one facet are alternatives (OR), facets narrow each other (AND). Each
facet's counts reflect the *other* active facets, so a reader sees how many results choosing an
option would give. One aggregate query per facet, whatever the number of options; values that are
not options (typos, hostile input) are ignored, never passed to the database.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Country, Topic

from . import choices

PER_PAGE = 12
SORTS = {"newest": ("-publication_date", "-pk"), "title": ("title", "pk")}
MAX_VALUES_PER_FACET = 20  # more than any facet has options; caps what a crafted URL can make us do


@dataclass
class Facet:
    """One filter of the library: its address parameter, the field it filters and its options."""

    param: str
    legend: str
    lookup: str  # field path on ResourcePage whose value is the option's key
    many: bool  # a many-to-many field (needs a sub-query so rows are not duplicated)
    options: list = field(default_factory=list)  # (key, label)
    selected: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def option_rows(self):
        """Options worth showing: those with results, and those the reader has chosen."""
        rows = []
        for key, label in self.options:
            count = self.counts.get(key, 0)
            chosen = key in self.selected
            if count or chosen:
                rows.append({"value": key, "label": label, "count": count, "selected": chosen})
        return rows


def build_facets(locale_id):
    """The six facets of the library in the locale ``locale_id``; topics and countries cost one query each."""
    topics = Topic.objects.filter(locale_id=locale_id).order_by("sort_order", "name")
    countries = Country.objects.filter(locale_id=locale_id).order_by("sort_order", "name")
    return [
        Facet("type", _("Type"), "resource_type", False, list(choices.RESOURCE_TYPES)),
        Facet("topic", _("Topic"), "topics__slug", True, [(t.slug, t.name) for t in topics]),
        Facet("country", _("Country"), "countries__slug", True, [(c.slug, c.name) for c in countries]),
        Facet("audience", _("Audience"), "audience", False, list(choices.AUDIENCES)),
        Facet("level", _("Level"), "level", False, list(choices.LEVELS)),
        Facet("language", _("Language of the material"), "languages__language_code", True,
              list(settings.LANGUAGES)),
    ]  # fmt: skip


def read_selection(facets, query):
    """Keep, for each facet, only the chosen values that are real options of it."""
    for facet in facets:
        keys = {key for key, _label in facet.options}
        wanted = query.getlist(facet.param)[:MAX_VALUES_PER_FACET]
        facet.selected = [value for value in dict.fromkeys(wanted) if value in keys]


def _narrow(queryset, facet):
    if not facet.selected:
        return queryset
    condition = {f"{facet.lookup}__in": facet.selected}
    if facet.many:
        matching = queryset.model.objects.filter(**condition).values("pk")
        return queryset.filter(pk__in=matching)
    return queryset.filter(**condition)


def filtered(queryset, facets, skip=None):
    """``queryset`` narrowed by every facet's selection except ``skip``'s."""
    for facet in facets:
        if facet is not skip:
            queryset = _narrow(queryset, facet)
    return queryset


def count_options(base, facets):
    """Fill each facet's counts: one GROUP BY query per facet, other facets applied."""
    model = base.model
    for facet in facets:
        ids = filtered(base, facets, skip=facet).values("pk")
        rows = (
            model.objects.filter(pk__in=ids)
            .order_by()  # Page's default ordering would otherwise join the GROUP BY
            .values(facet.lookup)
            .annotate(n=Count("pk", distinct=True))
        )
        facet.counts = {row[facet.lookup]: row["n"] for row in rows if row[facet.lookup]}


def library_context(index, request):
    """Everything the library template needs for ``index`` and the reader's query string."""
    from .models import CampaignPage, ResourcePage

    # Evaluate the view-restriction check once; every facet query reuses the resulting filter.
    base = ResourcePage.objects.child_of(index).live().public()
    facets = build_facets(index.locale_id)
    read_selection(facets, request.GET)
    count_options(base, facets)

    sort = request.GET.get("sort")
    sort = sort if sort in SORTS else "newest"
    results = filtered(base, facets).order_by(*SORTS[sort]).prefetch_related("languages")
    page_obj = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))

    today = timezone.localdate()
    current = [
        campaign
        for campaign in CampaignPage.objects.child_of(index).live().public().order_by("-start_date")
        if campaign.is_current(today)
    ]
    active = [
        {"facet": facet, "value": key, "label": label}
        for facet in facets
        for key, label in facet.options
        if key in facet.selected
    ]
    return {
        "facets": [(facet, facet.option_rows()) for facet in facets],
        "active_filters": active,
        "sort": sort,
        "sorts": [("newest", _("Newest first")), ("title", _("Title (A–Z)"))],
        "page_obj": page_obj,
        "resources": page_obj.object_list,
        "current_campaigns": current,
        "campaigns_url": index.campaigns_url,
    }
