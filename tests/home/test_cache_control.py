"""What the proxy may share and for how long (Cache-Control), and which addresses a change purges.

The proxy itself is exercised in tests/deploy/test_proxy.py; here the application's side is checked on
the session's seeded site: lifetimes per response type, what is never shared, a call's lifetime
capped by its next status change, and the URLs named by publish, move and snippet edits (collected
by a backend that records what would be sent to the proxy).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from calls.models import CallPage
from home.models import HomePage, MainMenu, StandardPage
from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def _max_ages(response):
    value = response["Cache-Control"]
    browser = int(re.search(r"(?<!s-)max-age=(\d+)", value).group(1))
    shared = int(re.search(r"s-maxage=(\d+)", value).group(1))
    return browser, shared


def test_lifetimes_by_response_type(client):
    news = NewsPage.objects.live().filter(locale__language_code="en").first()
    index = news.get_parent().specific
    calls = CallPage.objects.live().filter(locale__language_code="en").first().get_parent()
    assert client.get(news.url)["Cache-Control"] == "public, max-age=60, s-maxage=600"
    assert (
        client.get(index.url + "feed/rss/")["Cache-Control"] == "public, max-age=600, s-maxage=600"
    )
    calendar = client.get(calls.url + "calendar/")
    assert calendar["Content-Type"].startswith("text/calendar")
    assert "s-maxage=" in calendar["Cache-Control"]
    assert client.get("/sitemap.xml")["Cache-Control"] == "public, max-age=3600, s-maxage=3600"
    assert "public" in client.get("/robots.txt")["Cache-Control"]
    # Filtered and paginated listings cannot be named by a purge: a minute in the proxy.
    assert _max_ages(client.get(index.url + "?page=2"))[1] == 60


def test_never_shared(client, django_user_model):
    news = NewsPage.objects.live().filter(locale__language_code="en").first()
    call = next(c for c in CallPage.objects.live().filter(locale__language_code="en") if c.is_open)
    invalid = client.post(call.url, {"email": "not-an-email"})
    assert invalid.status_code in (400, 403)
    assert "no-store" in invalid["Cache-Control"] and "private" in invalid["Cache-Control"]
    assert "private" in client.get("/admin/login/")["Cache-Control"]

    editor = django_user_model.objects.create_superuser("cache-editor", "e@wbcsp.example", "pw")
    client.force_login(editor)
    response = client.get(news.url)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_a_call_is_cached_only_until_its_status_changes(client):
    call = next(c for c in CallPage.objects.live().filter(locale__language_code="en") if c.is_open)
    # "Closing soon" starts in 90 seconds: neither the call nor its index may be kept longer.
    CallPage.objects.filter(translation_key=call.translation_key).update(
        deadline=timezone.now() + timedelta(days=7, seconds=90)
    )
    for url in (call.url, call.get_parent().url):
        browser, shared = _max_ages(client.get(url))
        assert 0 < shared <= 90 and browser <= 90, url


def test_publish_purges_the_page_its_listings_feeds_and_sitemap(purged):
    news = NewsPage.objects.live().filter(locale__language_code="en").first()
    index = NewsIndexPage.objects.get(locale__language_code="en")
    home = HomePage.objects.get(locale__language_code="en")
    _, urls = purged(lambda: news.save_revision().publish())
    assert {news.url, index.url, index.url + "feed/rss/", index.url + "feed/atom/", home.url,
            "/sitemap.xml"} <= urls  # fmt: skip
    assert not any(url.startswith(("/sq/", "/sr/", "/mk/")) for url in urls)


def test_moving_a_page_purges_its_old_and_new_address_and_both_listings(purged):
    pages = StandardPage.objects.live().filter(locale__language_code="en", depth=3)
    moving, new_parent = pages[0], pages[1]
    old = moving.url
    _, urls = purged(lambda: moving.move(new_parent, pos="last-child"))
    moved = StandardPage.objects.get(pk=moving.pk)
    assert moved.url != old
    assert {old, moved.url, new_parent.url, moved.get_parent().get_parent().url} <= urls


def test_a_menu_edit_purges_every_page_of_its_language_only(purged):
    menu = MainMenu.objects.get(locale=Locale.objects.get(language_code="mk"))
    _, urls = purged(lambda: menu.save())
    mk_pages = {p.url for p in HomePage.objects.get(locale__language_code="mk").get_descendants(
        inclusive=True).live()}  # fmt: skip
    assert mk_pages <= urls
    assert not any(url.startswith("/en/") for url in urls)
