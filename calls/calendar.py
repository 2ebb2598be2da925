"""ICS calendars: one per call (opening, deadline, information sessions) and a deadline feed per language."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from calls import status as call_status

UTC = ZoneInfo("UTC")


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Western Balkans Civil Society Programme//Calls//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(uid, summary, start, end, url, description=""):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", start.astimezone(UTC))  # UTC: valid everywhere, no VTIMEZONE needed
    event.add("dtend", end.astimezone(UTC))
    event.add("summary", summary)
    event.add("url", url)
    if description:
        event.add("description", description)
    return event


def _call_events(page, request):
    url = page.get_full_url(request)
    domain = "wbcsp.example"
    yield _event(
        f"{page.code}-opening@{domain}", _("Opens: %(title)s") % {"title": page.title},
        page.opening_at, page.opening_at + timedelta(minutes=30), url,
    )  # fmt: skip
    yield _event(
        f"{page.code}-deadline@{domain}", _("Deadline: %(title)s") % {"title": page.title},
        page.deadline - timedelta(minutes=30), page.deadline, url,
    )  # fmt: skip
    zone = ZoneInfo(settings.TIME_ZONE)
    for number, block in enumerate(page.info_sessions, start=1):
        session = block.value
        start = datetime.combine(session["date"], session["start_time"], tzinfo=zone)
        end_time = session.get("end_time")
        end = (
            datetime.combine(session["date"], end_time, tzinfo=zone)
            if end_time
            else start + timedelta(hours=1)
        )
        where = session.get("online_url") or session.get("place") or ""
        event = _event(
            f"{page.code}-session-{number}@{domain}",
            _("Information session: %(title)s") % {"title": page.title},
            start, end, url, where,
        )  # fmt: skip
        if session.get("place"):
            event.add("location", session["place"])
        yield event


def call_calendar(page, request):
    """The ICS file of one call."""
    calendar = _calendar(page.title)
    for event in _call_events(page, request):
        calendar.add_component(event)
    return calendar.to_ical()


def deadlines_feed(index_page, request):
    """All open and forthcoming calls of one language: their openings, deadlines and sessions."""
    calendar = _calendar(index_page.title)
    for page in index_page.live_calls():
        if page.status == call_status.CLOSED:
            continue
        for event in _call_events(page, request):
            calendar.add_component(event)
    return calendar.to_ical()
