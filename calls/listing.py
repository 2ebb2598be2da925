"""The calls index: status ordering and combinable filters with counts, all in a bounded number of queries.

A language has tens of calls, not thousands: they are loaded once (four queries) and filtered and
counted in Python, so the query count never grows with the list. Facets are home.listing's.
"""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls import status as call_status
from home.listing import Facet, taxonomy_choices
from home.models import Country, GrantType, Topic

FILTERS = ("status", "grant_type", "country", "topic")
FILTER_LABELS = {
    "status": _("Status"),
    "grant_type": _("Grant type"),
    "country": _("Country"),
    "topic": _("Topic"),
}
STATUS_FILTERS = [
    call_status.OPEN,
    call_status.CLOSING_SOON,
    call_status.FORTHCOMING,
    call_status.CLOSED,
]


def _facets_of(call, now):
    status = call.status_at(now)
    statuses = {status} | ({call_status.OPEN} if status == call_status.CLOSING_SOON else set())
    topics = set()
    for topic in call.topics.all():
        topics.add(topic.slug)
        if topic.parent_id:
            topics.add(topic.parent.slug)
    return {
        "status": statuses,
        "grant_type": {call.grant_type.slug} if call.grant_type else set(),
        "country": {country.slug for country in call.countries.all()},
        "topic": topics,
    }


def _clean_params(params, known):
    """Only known values are kept: anything else in the address is ignored, never an error."""
    selected = {}
    for name in FILTERS:
        value = params.get(name, "")
        if isinstance(value, str) and value in known[name]:
            selected[name] = value
    return selected


def call_listing(index_page, params, now=None):
    """Context for the index: the calls shown, the filter options with counts, the active filters."""
    now = now or timezone.now()
    calls = list(index_page.live_calls())
    facets = {call.pk: _facets_of(call, now) for call in calls}
    locale_id = index_page.locale_id
    choices = {
        "grant_type": taxonomy_choices(GrantType.objects.all(), locale_id),
        "country": taxonomy_choices(Country.objects.all(), locale_id),
        "topic": taxonomy_choices(Topic.objects.all(), locale_id),
        "status": [(value, str(call_status.STATUS_LABELS[value])) for value in STATUS_FILTERS],
    }
    known = {name: {value for value, _label in choices[name]} for name in FILTERS}
    selected = _clean_params(params, known)

    def matches(call, skip=None):
        return all(
            value in facets[call.pk][name] for name, value in selected.items() if name != skip
        )

    shown = sorted(
        (c for c in calls if matches(c)), key=lambda c: call_status.index_sort_key(c, now)
    )
    filters = []
    for name in FILTERS:
        counts = {}
        for call in (c for c in calls if matches(c, skip=name)):
            for value in facets[call.pk][name]:
                counts[value] = counts.get(value, 0) + 1
        filters.append(
            Facet.build(name, FILTER_LABELS[name], choices[name], counts, selected.get(name))
        )
    query = QueryDict(mutable=True)
    query.update(selected)
    return {
        "calls": shown,
        "filters": filters,
        "selected_filters": selected,
        "filter_query": query.urlencode(),
        "total_calls": len(calls),
    }
