"""Calendars, RSS, JSON-LD, the home slot, staff export by stable key, and query bounds."""

import csv
import io
import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from calls.models import Application, CallIndexPage, CallPage
from tests.calls.helpers import PDF, call, call_codes_in, valid_post

pytestmark = pytest.mark.django_db


def test_call_ics_has_opening_deadline_and_sessions_in_utc(client):
    page = call("WBCSP-2026-CORE-01", "sr")
    response = client.get(page.url + "calendar/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    uids = {str(event["UID"]) for event in events}
    assert {
        "WBCSP-2026-CORE-01-opening@wbcsp.example",
        "WBCSP-2026-CORE-01-deadline@wbcsp.example",
    } <= uids
    assert any("session" in uid for uid in uids)
    deadline = next(e for e in events if "deadline" in str(e["UID"]))
    assert deadline.decoded("DTEND") == page.deadline
    assert deadline.decoded("DTEND").utcoffset() == timedelta(0)
    assert "Рок" in str(deadline["SUMMARY"]) or page.title in str(deadline["SUMMARY"])


def test_locale_deadline_feed_lists_open_and_forthcoming_only(client):
    index = CallIndexPage.objects.get(locale__language_code="sq")
    calendar = Calendar.from_ical(client.get(index.url + "calendar/").content)
    codes = {
        str(e["UID"]).split("-deadline")[0]
        for e in calendar.walk("VEVENT")
        if "-deadline" in str(e["UID"])
    }
    assert codes == {
        "WBCSP-2026-CORE-01",
        "WBCSP-2026-LOC-02",
        "WBCSP-2026-MEDIA-03",
        "WBCSP-2026-REG-04",
    }


def test_rss_of_new_calls(client):
    index = CallIndexPage.objects.get(locale__language_code="mk")
    feed = feedparser.parse(client.get(index.url + "feed/").content)
    assert feed.bozo == 0
    assert len(feed.entries) == 6
    assert feed.feed.language == "mk"
    assert all("/mk/" in entry.link for entry in feed.entries)


def test_json_ld_describes_the_grant(client):
    page = call("WBCSP-2026-LOC-02", "sq")
    html = client.get(page.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Grant" and data["identifier"] == "WBCSP-2026-LOC-02"
    assert data["amount"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "minValue": 3000,
        "maxValue": 10000,
    }
    assert "Kosov" in " ".join(data["areaServed"])


def test_call_page_shows_deadline_in_programme_time_and_documents(client):
    page = call("WBCSP-2026-CORE-01", "en")
    html = client.get(page.url).content.decode()
    assert "(Europe/Belgrade)" in html
    assert re.search(r"\b(CET|CEST)\b", html)
    assert "Guidelines for applicants" in html and "PDF" in html


def test_home_slot_shows_open_calls_of_the_language(client):
    html = client.get("/sq/").content.decode()
    slot = html.split('id="open-calls-heading"')[1].split("</section>")[0]
    listed = call_codes_in(slot, "sq")
    assert "WBCSP-2026-LOC-02" in listed and "WBCSP-2026-CORE-01" in listed
    assert "WBCSP-2026-REG-04" not in listed and "WBCSP-2026-CB-05" not in listed
    assert "/sq/" in slot and "/en/" not in slot


def _apply(client, language, country):
    page = call("WBCSP-2026-CORE-01", language)
    data = valid_post(page, country=country)
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    assert client.post(page.url, data, REMOTE_ADDR=f"10.9.0.{len(language)}").status_code == 302


def test_export_has_one_column_per_stable_key_across_languages(client, admin_client):
    _apply(client, "sq", "kosovo")
    _apply(client, "sr", "serbia")
    _apply(client, "mk", "north-macedonia")
    response = admin_client.get(
        "/admin/calls/export/", {"call": "WBCSP-2026-CORE-01", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:6] == [
        "reference",
        "call_code",
        "language",
        "country",
        "submitted_at_utc",
        "delivery",
    ]
    assert "organisation_type" in header and "budget" in header
    assert len(rows) == 4
    assert {row[2] for row in rows[1:]} == {"sq", "sr", "mk"}
    column = header.index("organisation_type")
    assert {row[column] for row in rows[1:]} == {"cso"}
    assert all("/admin/calls/files/" in row[header.index("budget")] for row in rows[1:])

    response = admin_client.get(
        "/admin/calls/export/", {"call": "WBCSP-2026-CORE-01", "format": "xlsx", "language": "sr"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == header and len(values) == 2 and values[1][2] == "sr"
    assert client.get("/admin/calls/export/").status_code == 302  # not for anonymous readers


def _queries(client, url, django_assert_max_num_queries, bound):
    client.get(url)
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


CALL_INDEX_BOUND = 22
CALL_PAGE_BOUND = 24
FORM_POST_BOUND = 30


def test_index_queries_do_not_grow_with_the_number_of_calls(client, django_assert_max_num_queries):
    index = CallIndexPage.objects.get(locale__language_code="hr")
    before = _queries(client, index.url, django_assert_max_num_queries, CALL_INDEX_BOUND)
    source = CallPage.objects.child_of(index).first()
    for number in range(10):
        copy = source.copy(
            update_attrs={"slug": f"extra-{number}", "code": f"EXTRA-{number}"}, keep_live=True
        )
        assert copy.live
    after = _queries(client, index.url, django_assert_max_num_queries, CALL_INDEX_BOUND)
    assert after == before


def test_call_page_and_form_post_query_bounds(client, django_assert_max_num_queries):
    page = call("WBCSP-2026-CORE-01", "hr")
    _queries(client, page.url, django_assert_max_num_queries, CALL_PAGE_BOUND)
    data = valid_post(page, country="montenegro")
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    with django_assert_max_num_queries(FORM_POST_BOUND):
        response = client.post(page.url, data)
    assert response.status_code == 302
    assert Application.objects.count() == 1
    assert timezone.now() - Application.objects.get().submit_time < timedelta(minutes=1)
