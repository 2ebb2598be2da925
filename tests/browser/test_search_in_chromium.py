"""Search in real Chromium: Latin without diacritics finds the Cyrillic page; results pass axe-core."""

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_home_in_chromium import WIDER_THAN_VIEWPORT, _violations

pytestmark = pytest.mark.browser


def test_serbian_reader_types_latin_without_diacritics(seeded_live_server, open_page, axe):
    page, _response = open_page(f"{seeded_live_server.url}/sr/", "phone")
    page.locator(".site-menu > summary").click()  # a phone's search is in the menu
    page.fill("#site-search-q", "drustvo")
    page.press("#site-search-q", "Enter")
    page.wait_for_load_state()
    assert "/sr/search/" in page.url
    first = page.locator(".search-result__title a").first
    assert any("\u0400" <= ch <= "\u04ff" for ch in first.inner_text())  # a Cyrillic title
    assert page.locator(".search-result__snippet mark").count() > 0
    screenshot(page, "search-sr-phone")
    assert page.evaluate(WIDER_THAN_VIEWPORT) == []
    assert _violations(axe, page) == []
    first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sr"


def test_albanian_results_and_empty_state_are_accessible(seeded_live_server, open_page, axe):
    page, _response = open_page(
        f"{seeded_live_server.url}/sq/search/?q=shoqerise+civile", "desktop"
    )
    assert page.locator(".search-result").count() > 0
    screenshot(page, "search-sq-desktop")
    assert _violations(axe, page) == []
    page, _response = open_page(f"{seeded_live_server.url}/sq/search/?q=zzzzzz", "desktop")
    assert page.locator(".empty-state").is_visible()
    assert _violations(axe, page) == []
