"""The filterable archive of news or stories: parse query parameters, filter, count, paginate.

Filters are taxonomy slugs, which are the same in every language, so an archive address means the
same thing in every language. Malformed values (wrong characters, too long, a page that is not a
number or out of range) give the site's 404 page; well-formed but unknown values give an empty list
with a message. The number of queries does not depend on the number of items or options.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from home.models import Country, GrantType, Topic
from news.models import NEWS, STORIES

PER_PAGE = 12
# The renditions the archive cards and home slot use; fetched with the images, never one by one.
CARD_RENDITIONS = ("fill-400x225|format-webp", "fill-800x450|format-webp")
FACETS = ("topic", "country", "grant_type", "tag", "year")
_SLUG = re.compile(r"[-a-z0-9]{1,80}")
_TAG = re.compile(r"[-\w]{1,100}")  # taggit keeps Cyrillic letters in tag slugs
_YEAR = re.compile(r"(19|20)\d\d")

FACET_LABELS = {
    "topic": _("Topic"),
    "country": _("Country"),
    "grant_type": _("Grant type"),
    "tag": _("Tag"),
    "year": _("Year"),
}


def parse_filters(query):
    """The facet values in ``query`` as a dict; Http404 for a malformed value."""
    filters = {}
    for name in FACETS:
        value = query.get(name, "").strip()
        if not value:
            continue
        pattern = {"tag": _TAG, "year": _YEAR}.get(name, _SLUG)
        if not pattern.fullmatch(value):
            raise Http404(f"Malformed {name} filter")
        filters[name] = int(value) if name == "year" else value
    return filters


def _matching(queryset, condition):
    # A sub-query keeps one row per page when a condition crosses a many-to-many relation.
    return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))


def apply_filters(queryset, filters, skip=None):
    """``queryset`` narrowed by every filter except ``skip``. A theme matches its sub-topics too."""
    for name, value in filters.items():
        if name == skip:
            continue
        if name == "topic":
            queryset = _matching(queryset, Q(topics__slug=value) | Q(topics__parent__slug=value))
        elif name == "country":
            queryset = _matching(queryset, Q(countries__slug=value))
        elif name == "tag":
            queryset = _matching(queryset, Q(tags__slug=value))
        elif name == "grant_type":
            queryset = queryset.filter(grant_type__slug=value)
        elif name == "year":
            queryset = queryset.filter(date__year=value)
    return queryset


def _counts(queryset, **group):
    """{group value: number of distinct pages} in one aggregate query."""
    (key,) = group
    group = {key: F(value) if isinstance(value, str) else value for key, value in group.items()}
    rows = queryset.order_by().values(**group).annotate(n=Count("pk", distinct=True))
    return {row[key]: row["n"] for row in rows if row[key] is not None}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False
    indent: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)
    selected: object = None


def facet_counts(items, filters):
    """Per facet, how many items each option would give together with the other filters."""
    topic_base = apply_filters(items, filters, skip="topic")
    counts = {
        "theme": _counts(topic_base, term=Coalesce("topics__parent__slug", "topics__slug")),
        "topic": _counts(topic_base, term="topics__slug"),
        "country": _counts(apply_filters(items, filters, skip="country"), term="countries__slug"),
        "grant_type": _counts(
            apply_filters(items, filters, skip="grant_type"), term="grant_type__slug"
        ),
        "year": _counts(apply_filters(items, filters, skip="year"), term=ExtractYear("date")),
    }
    tag_rows = (
        apply_filters(items, filters, skip="tag")
        .order_by()
        .values("tags__slug", "tags__name")
        .annotate(n=Count("pk", distinct=True))
    )
    counts["tag"] = {
        row["tags__slug"]: (row["tags__name"], row["n"]) for row in tag_rows if row["tags__slug"]
    }
    return counts


def build_facets(locale_id, filters, counts):
    """The filter form's facets with translated labels; options with no items are left out."""
    facets = {name: Facet(name, FACET_LABELS[name], selected=filters.get(name)) for name in FACETS}
    topics = list(Topic.objects.filter(locale_id=locale_id).select_related("parent"))
    themes = [topic for topic in topics if topic.parent_id is None]
    for theme in themes:
        _add(facets["topic"], theme.slug, theme.name, counts["theme"].get(theme.slug, 0))
        for sub in topics:
            if sub.parent_id == theme.pk:
                count = counts["topic"].get(sub.slug, 0)
                _add(facets["topic"], sub.slug, sub.name, count, indent=True)
    for country in Country.objects.filter(locale_id=locale_id):
        _add(facets["country"], country.slug, country.name, counts["country"].get(country.slug, 0))
    for grant_type in GrantType.objects.filter(locale_id=locale_id):
        count = counts["grant_type"].get(grant_type.slug, 0)
        _add(facets["grant_type"], grant_type.slug, grant_type.name, count)
    for slug, (name, count) in sorted(counts["tag"].items(), key=lambda kv: kv[1][0].lower()):
        _add(facets["tag"], slug, name, count)
    for year, count in sorted(counts["year"].items(), reverse=True):
        _add(facets["year"], year, str(year), count)
    return [facets[name] for name in FACETS]


def _add(facet, value, label, count, indent=False):
    selected = facet.selected == value
    if count or selected:
        facet.options.append(Option(value, label, count, selected, indent))


def unknown_filters(facets, filters):
    """The filters whose value names nothing in this archive, for a helpful message."""
    known = {facet.name: {option.value for option in facet.options} for facet in facets}
    return [
        (FACET_LABELS[name], value)
        for name, value in filters.items()
        if value not in known[name] and name != "year"
    ]


def listing(queryset, countries=True):
    """Items ready for cards: listing images with their renditions (and countries) prefetched."""
    images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    queryset = queryset.prefetch_related(Prefetch("listing_image", queryset=images))
    return queryset.prefetch_related("countries") if countries else queryset


def paginate(queryset, number):
    """One page of 12; Http404 for a page that is not a positive number or is past the end."""
    paginator = Paginator(queryset, PER_PAGE)
    try:
        return paginator.page(number or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404("No such page") from error


def archive_context(index, request, kind):
    """Everything the archive template shows for ``kind`` ("news" or "stories")."""
    filters = parse_filters(request.GET)
    page_number = request.GET.get("page", "")
    if len(page_number) > 6:
        raise Http404("No such page")
    items = index.items_of(kind)
    counts = facet_counts(items, filters)
    facets = build_facets(index.locale_id, filters, counts)
    page_obj = paginate(listing(apply_filters(items, filters)), page_number)
    return {
        "kind": kind,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "facets": facets,
        "filters": filters,
        "active_filters": _active(facets, request.GET),
        "unknown_filters": unknown_filters(facets, filters),
        "news_url": index.archive_url(NEWS),
        "stories_url": index.archive_url(STORIES),
        "feeds": feed_links(index, kind, filters),
    }


def _active(facets, query):
    """Selected filters with the address that removes each one."""
    active = []
    for facet in facets:
        if facet.selected is None:
            continue
        label = next((o.label for o in facet.options if o.selected), str(facet.selected))
        params = query.copy()
        params.pop(facet.name, None)
        params.pop("page", None)
        active.append({"facet": facet.label, "label": label, "remove": "?" + params.urlencode()})
    return active


def feed_links(index, kind, filters):
    """RSS and Atom addresses for this archive; a topic or country filter carries over."""
    params = QueryDict(mutable=True)
    for name in ("topic", "country"):
        if name in filters:
            params[name] = filters[name]
    suffix = f"?{params.urlencode()}" if params else ""
    return {
        "rss": index.subpage_url(f"{kind}_rss") + suffix,
        "atom": index.subpage_url(f"{kind}_atom") + suffix,
    }
