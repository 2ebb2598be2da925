"""What site search shows of calls beyond their type: the status facet (search.facets)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls.models import CallPage
from calls.status import STATUS_LABELS, call_status
from search.facets import SearchFacet


def call_statuses(page_ids):
    """{page id: status} of the calls among ``page_ids``, from their dates (one query)."""
    now = timezone.now()
    return {
        pk: call_status(opening, deadline, now)
        for pk, opening, deadline in CallPage.objects.filter(pk__in=page_ids).values_list(
            "pk", "opening_at", "deadline"
        )
    }


STATUS_FACET = SearchFacet(
    page_type=CallPage._meta.label_lower,
    name="status",
    label=_("Filter calls by status"),
    any_label=_("Any status"),
    options=STATUS_LABELS,
    values=call_statuses,
)
