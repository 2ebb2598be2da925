"""Query counts: the archive costs the same for 12 or 100 items; news and story pages are bounded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import StoryPage
from tests.news.helpers import add_news, newsroom

pytestmark = pytest.mark.django_db

NEWS_PAGE_BOUND = 12  # with the shared caches warm (tests/runtime/test_page_queries.py)
STORY_PAGE_BOUND = 12
ARCHIVE_BOUND = 32


def _count(client, url):
    client.get(url)  # warm renditions and Wagtail's site-root cache, as on a running site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def test_archive_query_count_does_not_grow_with_items(client, django_assert_max_num_queries):
    index = newsroom("en")
    image = index.get_children().specific().first().listing_image
    urls = [index.url, index.url + "?topic=governance&country=serbia", index.url + "?year=2026"]
    before = [_count(client, url) for url in urls]
    add_news(index, 100, image=image)
    after = [_count(client, url) for url in urls]
    assert after == before
    last_page = index.url + "?page=10"
    assert _count(client, last_page) == before[0]
    with django_assert_max_num_queries(ARCHIVE_BOUND):
        client.get(index.url)


def test_story_archive_and_feeds_are_bounded(client, django_assert_max_num_queries):
    index = newsroom("sr")
    for url in [index.subpage_url(route) for route in ("stories", "news_rss", "stories_atom")]:
        client.get(url)
        with django_assert_max_num_queries(ARCHIVE_BOUND):
            assert client.get(url).status_code == 200


def test_news_page_query_bound(client, django_assert_max_num_queries):
    page = newsroom("en").get_children().type(StoryPage).first()  # warm-up target differs
    for code in ["en", "mk"]:
        news = newsroom(code).get_children().exclude(pk__in=StoryPage.objects.values("pk")).first()
        client.get(news.url)
        with django_assert_max_num_queries(NEWS_PAGE_BOUND):
            assert client.get(news.url).status_code == 200
    assert page is not None


def test_story_page_query_bound(client, django_assert_max_num_queries):
    for code in ["en", "sr"]:
        story = StoryPage.objects.filter(locale__language_code=code).first()
        client.get(story.url)
        with django_assert_max_num_queries(STORY_PAGE_BOUND):
            assert client.get(story.url).status_code == 200
