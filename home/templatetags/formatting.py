"""The one formatting path for numbers, money, dates and programme time, in the reader's language.

Every template shows these through ``{% load formatting %}``; Python code that writes text for
readers calls the same functions. What each language writes comes from its format module
(config/formats/<language>/formats.py: DATE_FORMAT, DATETIME_FORMAT, THOUSAND_SEPARATOR,
NUMBER_GROUPING…) and its catalogue (month names in home/month_names.py, the zone's name here).

USE_THOUSAND_SEPARATOR stays off on purpose: it would group every integer a template prints
(years in archive filters, counts, ids in URLs: "2.026"); the filters here group where a
reader sees an amount or a figure.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

register = template.Library()

# The programme's zone by the abbreviation in force at an instant (Europe/Belgrade: CET in winter,
# CEST in summer). A zone without a name here is shown by its abbreviation and IANA name.
ZONE_NAMES = {
    "CET": gettext_lazy("Central European Time"),
    "CEST": gettext_lazy("Central European Summer Time"),
}

# A figure as an editor types it: "1200", "1,200", "1.200", "1 200", "3.5", "40%", "+15", "~300".
_FIGURE = re.compile(
    r"^(?P<before>[+\-~≈]?)\s*"
    r"(?P<whole>\d{1,3}(?:(?P<group>[,.\u00a0\u202f ])\d{3})(?:(?P=group)\d{3})*|\d+)"
    r"(?:(?P<point>[.,])(?P<fraction>\d+))?"
    r"(?P<after>\s*%|\+)?$"
)


def format_number(value, decimal_pos=None):
    """``value`` (a number, or a figure typed as text) as the active language writes it.

    "1,200", "1.200" and 1200 are all shown as 1,200 in English and 1.200 in Serbian; "40%" keeps
    its sign. Text that is no figure ("dozens") is returned as it is.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return formats.number_format(
            value, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True
        )
    text = str(value).strip()
    match = _FIGURE.match(text)
    if not match:
        return text
    whole = match["whole"]
    if match["group"] and match["point"] == match["group"]:
        return text  # "1.200.5": no reading of it is safe
    if match["group"] is None and match["point"] and len(match["fraction"]) == 3:
        # "1,200" / "1.200" with one separator and three digits: a thousands group, as editors in
        # every one of our languages mean it for counts of people, schools, copies…
        whole, fraction = whole + match["fraction"], None
    else:
        fraction = match["fraction"]
    try:
        number = Decimal(whole.translate(str.maketrans("", "", ",. \u00a0\u202f")))
        if fraction:
            number += Decimal(f"0.{fraction}")
    except InvalidOperation:
        return text
    shown = formats.number_format(
        number, decimal_pos=len(fraction) if fraction else 0, use_l10n=True, force_grouping=True
    )
    return f"{match['before']}{shown}{(match['after'] or '').strip()}"


def format_money(value, currency=""):
    """An amount without decimals, grouped as the language groups, with its currency code."""
    if value is None or value == "":
        return ""
    shown = format_number(Decimal(value), decimal_pos=0)
    return f"{shown}\u00a0{currency}" if currency else shown


def format_money_range(low, high, currency=""):
    """ "3.000 – 10.000 EUR"; either end may be missing ("from"/"up to" as plain one amount)."""
    ends = [format_number(Decimal(v), decimal_pos=0) for v in (low, high) if v not in (None, "")]
    if not ends:
        return ""
    shown = " – ".join(ends)
    return f"{shown}\u00a0{currency}" if currency else shown


def format_date(value, month_only=False):
    """A date (or a datetime, taken in programme time) in the language's DATE_FORMAT."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, timezone.get_default_timezone())
    return formats.date_format(value, "YEAR_MONTH_FORMAT" if month_only else "DATE_FORMAT")


def zone_name(value=None):
    """The programme zone's name at ``value`` (an aware datetime; now if None) in the reader's language."""
    local = timezone.localtime(value or timezone.now(), timezone.get_default_timezone())
    abbreviation = local.tzname()
    name = ZONE_NAMES.get(abbreviation)
    if name is None:
        return f"{abbreviation} ({timezone.get_default_timezone_name()})"
    return str(name)


def format_programme_time(value):
    """An instant in programme time: "5 December 2026, 12:00 (Central European Time)"."""
    if not value:
        return ""
    local = timezone.localtime(value, timezone.get_default_timezone())
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone_name(local)})"


def format_programme_span(day, start, end=None):
    """A day and hours in programme time: "5 December 2026, 10:00–12:00 (Central European Time)"."""
    if not day or not start:
        return format_date(day)
    zone = timezone.get_default_timezone()
    begins = timezone.make_aware(datetime.datetime.combine(day, start), zone)
    shown = formats.date_format(begins, "DATETIME_FORMAT")
    if end:
        shown += "–" + formats.time_format(end, "H:i")
    return f"{shown} ({zone_name(begins)})"


register.filter("number", format_number)
register.filter("money", format_money)
register.filter("day", format_date)
register.filter("zone", zone_name)
register.filter("programme_time", format_programme_time)


@register.filter
def month(value):
    """A month and year ("November 2026", "новембар 2026.") in the language's YEAR_MONTH_FORMAT."""
    return format_date(value, month_only=True)


@register.simple_tag
def money_range(low, high, currency=""):
    """``{% money_range page.amount_min page.amount_max page.currency %}``."""
    return format_money_range(low, high, currency)


@register.simple_tag
def programme_span(day, start, end=None):
    """``{% programme_span session.date session.start_time session.end_time %}``."""
    return format_programme_span(day, start, end)
