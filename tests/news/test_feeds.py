"""RSS 2.0 and Atom feeds per language, read with a standard parser (feedparser)."""

import re

import feedparser
import pytest

from tests.news.helpers import newsroom

pytestmark = pytest.mark.django_db


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("code", ["en", "sr", "mk", "sr-latn", "cnr"])
def test_news_and_story_feeds_parse_in_every_flavour(client, code):
    index = newsroom(code)
    for route, count in [
        ("news_rss", 12),
        ("news_atom", 12),
        ("stories_rss", 6),
        ("stories_atom", 6),
    ]:
        path = index.subpage_url(route)
        response, feed = _parse(client, path)
        assert len(feed.entries) == count
        expected_type = "application/atom+xml" if "atom" in path else "application/rss+xml"
        assert response["Content-Type"].startswith(expected_type)
        for entry in feed.entries:
            # Every link leads to a page of the same language, which exists.
            assert entry.link.startswith(f"http://testserver/{code}/")
            assert client.get(entry.link.removeprefix("http://testserver")).status_code == 200
    assert feed.version in ("atom10", "rss20")


def test_feed_items_are_newest_first_with_dates_and_text(client):
    _response, feed = _parse(client, newsroom("en").url + "feed/rss/")
    assert feed.version == "rss20"
    first = feed.entries[0]
    assert first.title == "Citizens of Kumanovo help shape their municipal budget"
    assert first.published_parsed[:3] == (2026, 11, 18)
    assert "400 residents" in first.summary
    assert {tag.term for tag in first.tags} >= {"Governance", "North Macedonia"}
    assert feed.feed.language == "en"


def test_feeds_follow_topic_and_country_filters(client):
    url = newsroom("mk").url + "feed/atom/?country=north-macedonia&topic=governance"
    _response, feed = _parse(client, url)
    assert len(feed.entries) == 2
    assert feed.entries[0].title == "Граѓаните на Куманово го обликуваат општинскиот буџет"


def test_malformed_feed_filter_is_a_404(client):
    response = client.get(newsroom("en").url + "feed/rss/?country=<b>")
    assert response.status_code == 404


def test_archives_advertise_their_feeds(client):
    index = newsroom("sr")
    html = client.get(index.url + "?country=serbia").content.decode()
    links = re.findall(
        r'<link rel="alternate" type="(application/[a-z+]+)" title="[^"]+" href="([^"]+)">', html
    )
    assert ("application/rss+xml", f"{index.url}feed/rss/?country=serbia") in links
    assert ("application/atom+xml", f"{index.url}feed/atom/?country=serbia") in links
    stories = client.get(index.archive_url("stories")).content.decode()
    assert f'href="{index.subpage_url("stories_rss")}"' in stories
