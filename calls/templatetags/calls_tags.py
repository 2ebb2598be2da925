"""Template helpers for calls: the home slot. Dates, times and amounts: home/templatetags/formatting.py."""

from django import template
from django.utils.translation import get_language, gettext, ngettext

from calls.models import CallPage
from calls.status import CLOSED, FORTHCOMING, whole_days_until

register = template.Library()


@register.inclusion_tag("calls/home_slot_list.html", takes_context=True)
def open_calls(context, limit=3):
    """The open calls of the current language, nearest deadline first (two queries)."""
    return {
        "request": context.get("request"),
        "calls": CallPage.open_in_language(get_language(), limit),
    }


@register.simple_tag
def countdown(call, now=None):
    """ "12 days left" for an open call, "Opens in 3 days" for a forthcoming one, "" once closed.

    Rendered on the server (no script needed); cached pages are at most one cache lifetime stale.
    """
    status = call.status
    if status == CLOSED:
        return ""
    if status == FORTHCOMING:
        days = whole_days_until(call.opening_at, now)
        if days == 0:
            return gettext("Opens in less than a day")
        return ngettext("Opens in %(days)s day", "Opens in %(days)s days", days) % {"days": days}
    days = whole_days_until(call.deadline, now)
    if days == 0:
        return gettext("Less than a day left")
    return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}


# "asterisk" in our languages (stems, lower case): an intro that names it explains the marks.
_ASTERISK_WORDS = ("*", "asterisk", "yll", "zvjezdic", "zvezdic", "звездиц", "ѕвездичк")


@register.filter
def explains_required_fields(text):
    """Does an editor's text above the form already say that fields marked * are required?
    Then the form does not say it a second time."""
    lowered = (text or "").lower()
    return any(word in lowered for word in _ASTERISK_WORDS)
