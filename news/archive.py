"""The filterable archive of news or stories: parse query parameters, filter, count, paginate.

Filters are taxonomy slugs, which are the same in every language, so an archive address means the
same thing in every language. Malformed filter values (wrong characters, too long) give the site's
404 page; well-formed but unknown values give an empty list with a message. Pages follow the site's
one policy (home.listing.paginate): past the end shows the last page, anything that is not a page
number the first. The number of queries does not depend on the number of items or options.

A service: it takes the index page and querysets and never imports the page models.
"""

import re

from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from home.listing import Facet, paginate, taxonomy_choices
from home.models import Country, GrantType, Topic
from news.kinds import NEWS, STORIES

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
    topics = list(Topic.objects.filter(locale_id=locale_id))
    topic_choices, sub_topics = [], set()
    for theme in (topic for topic in topics if topic.parent_id is None):
        topic_choices.append((theme.slug, theme.name))
        for sub in topics:
            if sub.parent_id == theme.pk:
                topic_choices.append((sub.slug, sub.name))
                sub_topics.add(sub.slug)
    # A theme counts the items of its sub-topics too; a sub-topic only its own.
    topic_counts = {**counts["topic"], **counts["theme"]}
    tags = sorted(counts["tag"].items(), key=lambda kv: kv[1][0].lower())
    choices = {
        "topic": topic_choices,
        "country": taxonomy_choices(Country.objects.all(), locale_id),
        "grant_type": taxonomy_choices(GrantType.objects.all(), locale_id),
        "tag": [(slug, name) for slug, (name, _count) in tags],
        "year": [(year, str(year)) for year in sorted(counts["year"], reverse=True)],
    }
    counts = {
        **counts,
        "topic": topic_counts,
        "tag": {slug: count for slug, (_name, count) in counts["tag"].items()},
    }
    return [
        Facet.build(
            name,
            FACET_LABELS[name],
            choices[name],
            counts[name],
            filters.get(name),
            indented=sub_topics if name == "topic" else (),
        )
        for name in FACETS
    ]


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


def archive_context(index, request, kind):
    """Everything the archive template shows for ``kind`` ("news" or "stories")."""
    filters = parse_filters(request.GET)
    items = index.items_of(kind)
    counts = facet_counts(items, filters)
    facets = build_facets(index.locale_id, filters, counts)
    page_obj = paginate(listing(apply_filters(items, filters)), request.GET.get("page"), PER_PAGE)
    return {
        "kind": kind,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "facets": facets,
        "filters": filters,
        "active_filters": _active(facets, filters, request.GET),
        "unknown_filters": unknown_filters(facets, filters),
        "news_url": index.archive_url(NEWS),
        "stories_url": index.archive_url(STORIES),
        "feeds": feed_links(index, kind, filters),
    }


def _active(facets, filters, query):
    """Selected filters (known or not) with the address that removes each one."""
    active = []
    for facet in facets:
        if facet.name not in filters:
            continue
        label = next((o.label for o in facet.active), str(filters[facet.name]))
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
