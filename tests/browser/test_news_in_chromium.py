"""The newsroom in real Chromium: the reader's journey in Macedonian on a phone and in English on a
desktop, and axe-core on the archive and detail pages in Serbian (Cyrillic) and English."""

import feedparser
import pytest

from news.models import NewsIndexPage
from tests.browser.conftest import screenshot
from tests.browser.test_home_in_chromium import WIDER_THAN_VIEWPORT, _violations

pytestmark = pytest.mark.browser

JOURNEY = {
    "mk": {
        "viewport": "phone",
        "news": "Граѓаните на Куманово го обликуваат општинскиот буџет",
        "story": "Младинскиот совет што го смени возниот ред во Битола",
    },
    "en": {
        "viewport": "desktop",
        "news": "Citizens of Kumanovo help shape their municipal budget",
        "story": "The youth council that changed Bitola's bus timetable",
    },
}


def _fits(page, label):
    too_wide = page.evaluate(WIDER_THAN_VIEWPORT)
    assert too_wide == [], f"{label}: wider than the screen: {too_wide}"


@pytest.mark.parametrize("code", ["mk", "en"])
def test_reader_finds_news_then_a_story_then_the_feed(seeded_live_server, open_page, code):
    """From the home page: governance news from North Macedonia, a local-initiative story, the feed."""
    expected = JOURNEY[code]
    viewport = expected["viewport"]
    index_url = NewsIndexPage.objects.get(locale__language_code=code).url
    page, _response = open_page(f"{seeded_live_server.url}/{code}/", viewport)
    if viewport == "phone":
        page.locator(".site-menu > summary").click()  # a phone's menu is behind its button
    page.locator(f'nav.main-menu a[href="{index_url}"]').click()
    page.wait_for_load_state()
    page.select_option("#filter-country", "north-macedonia")
    page.select_option("#filter-topic", "governance")
    page.locator(".archive-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "country=north-macedonia" in page.url and "topic=governance" in page.url
    screenshot(page, f"news-archive-{code}-{viewport}")
    _fits(page, f"archive {code}")
    first = page.locator(".news-card__title a").first
    assert first.inner_text() == expected["news"]
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == expected["news"]
    screenshot(page, f"news-page-{code}-{viewport}")
    _fits(page, f"news page {code}")

    # Back to the newsroom, over to the success stories, narrowed to local initiatives.
    page.locator(".article-header__kind a").click()
    page.wait_for_load_state()
    page.locator(".newsroom-tabs a").nth(1).click()
    page.wait_for_load_state()
    page.select_option("#filter-grant_type", "local")
    page.locator(".archive-filters button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_role("link", name=expected["story"]).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == expected["story"]
    figure = "1,200" if code == "en" else "1.200"  # as each language writes numbers
    assert page.locator(".outcomes__number").first.inner_text() == figure
    screenshot(page, f"story-page-{code}-{viewport}")
    _fits(page, f"story page {code}")

    # Subscribe: the archive's feed link gives a feed a reader can parse, in this language.
    page.locator(".article-header__kind a").click()
    page.wait_for_load_state()
    feed_href = page.locator("a.feed-link").first.get_attribute("href")
    advertised = page.locator('link[rel="alternate"][type="application/rss+xml"]').get_attribute(
        "href"
    )
    assert feed_href == advertised
    feed = feedparser.parse(page.request.get(seeded_live_server.url + feed_href).body())
    assert not feed.bozo
    assert feed.entries[0].title == expected["story"]
    assert feed.entries[0].link.startswith(f"{seeded_live_server.url}/{code}/")


def test_newsroom_pages_are_accessible(seeded_live_server, open_page, axe):
    """axe-core finds nothing on the archives and detail pages, in Serbian (Cyrillic) and English."""
    for code in ["sr", "en"]:
        index = NewsIndexPage.objects.get(locale__language_code=code)
        index_url = index.url
        stories = index.archive_url("stories")[len(index_url) :]
        for path in ["", stories, "?topic=governance&country=serbia"]:
            page, response = open_page(f"{seeded_live_server.url}{index_url}{path}", "phone")
            assert response.status == 200
            assert _violations(axe, page) == [], (code, path)
            _fits(page, f"{code} {path}")
        detail_links = []
        for path in ["", stories]:
            page, _response = open_page(f"{seeded_live_server.url}{index_url}{path}", "desktop")
            detail_links.append(page.locator(".news-card__title a").first.get_attribute("href"))
        for number, href in enumerate(detail_links):
            page, response = open_page(f"{seeded_live_server.url}{href}", "desktop")
            assert response.status == 200
            screenshot(page, f"newsroom-detail-{code}-{number}-desktop")
            assert _violations(axe, page) == [], (code, href)
        page, _response = open_page(f"{seeded_live_server.url}{index_url}{stories}", "desktop")
        screenshot(page, f"story-archive-{code}-desktop")
