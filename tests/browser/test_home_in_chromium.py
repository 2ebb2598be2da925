"""The home page in real Chromium: Serbian (Cyrillic) and Albanian, phone and desktop, axe-core."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


WIDER_THAN_VIEWPORT = """
[...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((el) => el.tagName + "." + el.className)
"""


def _violations(axe, page):
    results = axe.run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_home_pages_are_accessible(seeded_live_server, open_page, axe, viewport):
    """One live server per viewport: the transactional database is re-seeded for each test."""
    for code, skip_text in [
        ("sr", "Прескочи на главни садржај"),
        ("sq", "Kalo te përmbajtja kryesore"),
    ]:
        page, response = open_page(f"{seeded_live_server.url}/{code}/", viewport)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("h1").count() == 1
        assert page.locator(".skip-link").inner_text() == skip_text
        screenshot(page, f"home-{code}-{viewport}")
        # The page fits a phone: nothing wider than the viewport.
        too_wide = page.evaluate(WIDER_THAN_VIEWPORT)
        assert too_wide == [], f"{code} {viewport}: wider than the screen: {too_wide}"
        assert _violations(axe, page) == []


def test_language_switcher_keeps_the_reader_on_the_page(seeded_live_server, open_page, axe):
    page, _response = open_page(f"{seeded_live_server.url}/sq/", "phone")
    page.locator(".site-menu > summary").click()  # a phone's menu is behind its button
    page.locator("nav.main-menu a").first.click()  # "Rreth programit" (about)
    about_sq = page.url
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[hreflang="sr"]').click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sr"
    assert (
        page.url != about_sq
        and "/sr/" in page.url
        and page.url.rstrip("/") != f"{seeded_live_server.url}/sr"
    )
    screenshot(page, "about-sr-phone")
    assert _violations(axe, page) == []
