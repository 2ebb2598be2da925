"""Template helpers for calls: programme time with its zone named, amounts, the home slot."""

from django import template
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language

register = template.Library()


@register.filter
def programme_time(value):
    """``31 March 2026, 12:00 CEST (Europe/Belgrade)`` in the active language."""
    if not value:
        return ""
    local = timezone.localtime(value, timezone.get_default_timezone())
    day = formats.date_format(local, "j E Y")
    return f"{day}, {local:%H:%M} {local.tzname()} ({settings.TIME_ZONE})"


@register.filter
def amount(value):
    if value is None:
        return ""
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.inclusion_tag("calls/home_slot_list.html", takes_context=True)
def open_calls(context, limit=3):
    """The open calls of the current language, nearest deadline first (two queries)."""
    from calls.models import CallPage
    from calls.status import accepts_applications

    now = timezone.now()
    calls = (
        CallPage.objects.live()
        .public()
        .filter(locale__language_code=get_language(), opening_at__lte=now, deadline__gte=now)
        .select_related("grant_type")
        .order_by("deadline")[:limit]
    )
    return {
        "request": context.get("request"),
        "calls": [call for call in calls if accepts_applications(call.status)],
    }


# "asterisk" in our languages (stems, lower case): an intro that names it explains the marks.
_ASTERISK_WORDS = ("*", "asterisk", "yll", "zvjezdic", "zvezdic", "звездиц", "ѕвездичк")


@register.filter
def explains_required_fields(text):
    """Does an editor's text above the form already say that fields marked * are required?
    Then the form does not say it a second time."""
    lowered = (text or "").lower()
    return any(word in lowered for word in _ASTERISK_WORDS)
