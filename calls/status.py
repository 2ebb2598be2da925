"""A call's status, computed from its dates — never typed by hand."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.cache_control import cap_lifetime

FORTHCOMING = "forthcoming"
OPEN = "open"
CLOSING_SOON = "closing-soon"
CLOSED = "closed"

CLOSING_SOON_WINDOW = timedelta(days=7)

STATUS_LABELS = {
    OPEN: _("Open"),
    CLOSING_SOON: _("Closing soon"),
    FORTHCOMING: _("Forthcoming"),
    CLOSED: _("Closed"),
}
# The order of the index: open calls (closing soon ones are open too), then forthcoming, then closed.
STATUS_RANK = {CLOSING_SOON: 0, OPEN: 0, FORTHCOMING: 1, CLOSED: 2}


def call_status(opening, deadline, now=None):
    """The status of a call that opens at ``opening`` and closes at ``deadline`` (aware datetimes).

    A call is open from its opening instant up to and including its deadline; in the last seven
    days before the deadline it is "closing soon" (which is still open).

    Asked about the present (no ``now``), it caps the lifetime of the response being built at the
    next change, so no cache shows a stale status.
    """
    if now is None:
        now = timezone.now()
        cap_lifetime(next_change(opening, deadline, now))
    if now < opening:
        return FORTHCOMING
    if now > deadline:
        return CLOSED
    if deadline - now <= CLOSING_SOON_WINDOW:
        return CLOSING_SOON
    return OPEN


def next_change(opening, deadline, now):
    """The first instant after ``now`` at which the status changes (None once closed)."""
    for instant in (opening, deadline - CLOSING_SOON_WINDOW, deadline + timedelta(seconds=1)):
        if instant > now:
            return instant
    return None


def accepts_applications(status):
    return status in (OPEN, CLOSING_SOON)


def index_sort_key(call, now=None):
    """Open calls by nearest deadline, then forthcoming by opening date, then closed, latest first."""
    status = call_status(call.opening_at, call.deadline, now)
    rank = STATUS_RANK[status]
    if rank == 0:
        return (rank, call.deadline.timestamp())
    if rank == 1:
        return (rank, call.opening_at.timestamp())
    return (rank, -call.deadline.timestamp())


def whole_days_until(moment, now=None):
    """Whole days from now until ``moment`` (0 when less than a day remains or it has passed)."""
    now = now or timezone.now()
    return max(0, (moment - now).days)
