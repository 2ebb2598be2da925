"""The calls index: status ordering and combinable filters with counts, all in a bounded number of queries.

A language has tens of calls, not thousands: they are loaded once (four queries) and filtered and
counted in Python, so the query count never grows with the list.
"""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls import status as call_status
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


def _names(model, locale_id):
    return {term.slug: term.name for term in model.objects.filter(locale_id=locale_id)}


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
    names = {
        "grant_type": _names(GrantType, locale_id),
        "country": _names(Country, locale_id),
        "topic": _names(Topic, locale_id),
        "status": {value: str(call_status.STATUS_LABELS[value]) for value in STATUS_FILTERS},
    }
    known = {name: set(names[name]) for name in FILTERS}
    selected = _clean_params(params, known)

    def matches(call, skip=None):
        return all(
            value in facets[call.pk][name] for name, value in selected.items() if name != skip
        )

    shown = sorted(
        (c for c in calls if matches(c)), key=lambda c: call_status.index_sort_key(c, now)
    )
    options = {}
    for name in FILTERS:
        pool = [c for c in calls if matches(c, skip=name)]
        counts = {}
        for call in pool:
            for value in facets[call.pk][name]:
                counts[value] = counts.get(value, 0) + 1
        order = STATUS_FILTERS if name == "status" else list(names[name])
        options[name] = [
            {
                "value": value,
                "label": names[name].get(value, value),
                "count": counts.get(value, 0),
                "selected": selected.get(name) == value,
            }
            for value in order
            if counts.get(value) or selected.get(name) == value
        ]
    query = QueryDict(mutable=True)
    query.update(selected)
    return {
        "calls": shown,
        "filters": [
            {"name": name, "label": FILTER_LABELS[name], "options": options[name]}
            for name in FILTERS
        ],
        "selected_filters": selected,
        "filter_query": query.urlencode(),
        "total_calls": len(calls),
    }
