"""What readers see, in real Chromium: the language menu at 320–1280 px, with and without
JavaScript; the success-stories archive across languages; search filters on a phone; print;
the compact header on a phone and its menus; campaign download links named by language.

One live server per test (each restores the seeded database)."""

import re

import pytest

from calls.models import CallPage
from news.models import NewsIndexPage
from resources.models import CampaignPage, ResourcePage
from tests.browser.conftest import ARTIFACTS, screenshot
from tests.browser.test_home_in_chromium import WIDER_THAN_VIEWPORT, _violations

pytestmark = pytest.mark.browser

OPTIONS_OUTSIDE_VIEWPORT = """
() => {
    const width = document.documentElement.clientWidth, height = window.innerHeight;
    return [...document.querySelectorAll(".language-switcher nav a")]
        .map((a) => [a.getAttribute("hreflang"), a.getBoundingClientRect()])
        .filter(([, r]) => r.width === 0 || r.left < 0 || r.top < 0 || r.right > width || r.bottom > height)
        .map(([lang, r]) => `${lang}: ${Math.round(r.left)}..${Math.round(r.right)} × ${Math.round(r.top)}..${Math.round(r.bottom)}`);
}
"""


def _context(browser, width, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 800 else 900},
        java_script_enabled=javascript,
    )
    context.set_default_timeout(5000)
    return context


# Where the page's own content starts: the top of <main> (the skip link sits above the screen).
CONTENT_TOP = "() => document.querySelector('main').getBoundingClientRect().top"
# Links of the open main menu that do not lie wholly on the screen.
MENU_LINKS_OFF_SCREEN = """
() => [...document.querySelectorAll("nav.main-menu a")]
    .map((a) => [a.textContent.trim(), a.getBoundingClientRect()])
    .filter(([, r]) => r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth
                       || r.top < 0 || r.bottom > window.innerHeight)
    .map(([text]) => text)
"""


# A link's text as drawn: without its parts clipped to a pixel (visually hidden).
SHOWN_TEXT = """
(a) => [...a.childNodes]
    .filter((n) => n.nodeType === Node.TEXT_NODE || n.getBoundingClientRect().width > 1)
    .map((n) => n.textContent).join("").replace(/\\s+/g, " ").trim()
"""


def _open_menu(page):
    page.locator(".language-switcher summary").click()
    assert page.locator(".language-switcher").get_attribute("open") is not None


def _check_language_menu(browser, base, code, width):
    context = _context(browser, width)
    page = context.new_page()
    page.goto(f"{base}/{code}/")
    _open_menu(page)
    assert page.evaluate(OPTIONS_OUTSIDE_VIEWPORT) == [], (code, width)
    assert page.locator(".language-switcher nav a").count() == 8
    screenshot(page, f"language-menu-{code}-{width}")
    page.keyboard.press("Escape")
    assert page.locator(".language-switcher").get_attribute("open") is None
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"  # focus stays put
    _open_menu(page)
    page.mouse.click(4, 800)  # a click outside the menu (bottom left; the menu hangs right)
    assert page.locator(".language-switcher").get_attribute("open") is None
    context.close()


def test_what_readers_see(seeded_live_server, browser):
    base = seeded_live_server.url

    # 1. The language menu opens inside the viewport wherever its button sits, and closes.
    for code in ("sr", "en", "sq", "mk"):
        for width in (320, 390, 1280):
            if code in ("sq", "mk") and width != 390:
                continue
            _check_language_menu(browser, base, code, width)

    # ... and without JavaScript it still opens and its links lead to the other language.
    context = _context(browser, 390, javascript=False)
    page = context.new_page()
    page.goto(f"{base}/mk/")
    _open_menu(page)
    assert page.evaluate(OPTIONS_OUTSIDE_VIEWPORT) == []
    page.locator('.language-switcher a[hreflang="sq"]').click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sq"
    context.close()

    # 4. From the success stories in one language to the success stories in the other.
    archives = {
        index.locale.language_code: index.archive_url("stories")
        for index in NewsIndexPage.objects.select_related("locale")
    }
    for start, target, width in (("sr", "sq", 390), ("sq", "sr", 1280), ("en", "mk", 390)):
        context = _context(browser, width)
        page = context.new_page()
        page.goto(f"{base}{archives[start]}?country=serbia")
        _open_menu(page)
        page.locator(f'.language-switcher a[hreflang="{target}"]').click()
        page.wait_for_load_state()
        assert page.url == f"{base}{archives[target]}?country=serbia"
        assert (
            page.locator(".newsroom-tabs a[aria-current]").get_attribute("href")
            == (archives[target])
        )
        screenshot(page, f"stories-{target}-{width}")
        context.close()

    # 4, 12. Search: the switcher keeps the words; on a phone the first result shows on the
    # first screen and the filters are a closed disclosure; on a desktop they are open.
    context = _context(browser, 390)
    page = context.new_page()
    page.goto(f"{base}/sr/search/?q=буџет")
    assert page.locator("details.search-filters").get_attribute("open") is None
    first = page.locator(".search-result").first.bounding_box()
    assert first["y"] < 844, first
    assert page.locator("#search-page-hint").count() == 1  # Cyrillic or Latin: helps in sr
    screenshot(page, "search-sr-390")
    _open_menu(page)
    page.locator('.language-switcher a[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.locator("#search-page-q").input_value() == "буџет"
    context.close()
    context = _context(browser, 1280)
    page = context.new_page()
    page.goto(f"{base}/en/search/?q=programme")
    assert page.locator("details.search-filters").get_attribute("open") is not None
    assert page.locator("#search-page-hint").count() == 0  # English: no script to choose
    labels = " ".join(page.locator(".search-result__meta, .search-facets").all_inner_texts())
    assert "Standard page" not in labels and "Home page" not in labels
    screenshot(page, "search-en-1280")
    context.close()

    # 10. No blank band above the application box's heading.
    call = CallPage.objects.get(code="WBCSP-2026-CORE-01", locale__language_code="sr")
    context = _context(browser, 390)
    page = context.new_page()
    page.goto(f"{base}{call.url}")
    gap = page.evaluate(
        """() => document.querySelector("#apply-heading").getBoundingClientRect().top
                 - document.querySelector("#apply").getBoundingClientRect().top"""
    )
    assert gap < 32, gap

    # 13. Printed: the site and page, the key facts and where to apply, not the empty form.
    page.emulate_media(media="print")
    assert page.locator(".print-masthead").is_visible()
    assert call.url in page.locator(".print-masthead__address").inner_text()
    assert page.locator(".call-facts--summary").is_visible()
    assert not page.locator(".call-form").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    online = page.locator(".call-apply__online").inner_text()
    assert online.endswith(f"{base}{call.url}") and "онлајн" in online
    documents = page.locator(".call a[download]").first
    assert page.evaluate(
        "(a) => getComputedStyle(a, '::after').content", documents.element_handle()
    ).startswith(f'" ({base}/documents/')
    page.pdf(path=str(ARTIFACTS / "call-sr-print.pdf"), format="A4")
    screenshot(page, "call-sr-print")
    context.close()

    campaign = CampaignPage.objects.filter(locale__language_code="sq").first()
    context = _context(browser, 1280)
    page = context.new_page()
    page.goto(f"{base}{campaign.url}")
    page.emulate_media(media="print")
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('.campaign__hero')).backgroundColor"
    )
    assert background in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), background
    heading = page.evaluate("() => getComputedStyle(document.querySelector('h1')).color")
    assert heading == "rgb(0, 0, 0)"
    screenshot(page, "campaign-sq-print")
    context.close()


def _header_pages(code):
    """Addresses of a home, resource, campaign and call page in one language."""
    return [
        f"/{code}/",
        ResourcePage.objects.filter(locale__language_code=code).order_by("path").first().url,
        CampaignPage.objects.filter(locale__language_code=code).order_by("path").first().url,
        CallPage.objects.filter(locale__language_code=code).order_by("path").first().url,
    ]


def test_the_header_leaves_a_phone_screen_to_the_page(seeded_live_server, browser, axe):
    """On a phone the header is one row (at most 120 px before the page's own content): the
    main menu, search and languages open from buttons; on a desktop the menu is shown."""
    base = seeded_live_server.url
    for code, menu_button, resources_link in (
        ("sr", "Мени", "Ресурси"),
        ("sq", "Menyja", "Burime"),
    ):
        for width in (320, 390):
            context = _context(browser, width)
            page = context.new_page()
            for url in _header_pages(code):
                page.goto(base + url)
                top = page.evaluate(CONTENT_TOP)
                assert top <= 120, (code, width, url, top)
                assert not page.locator("nav.main-menu").is_visible()
                assert not page.locator("#site-search-q").is_visible()
                assert page.evaluate(WIDER_THAN_VIEWPORT) == [], (code, width, url)
                if width == 390:
                    screenshot(page, f"header-{code}-{width}-{url.strip('/').split('/')[-1]}")
            context.close()

        context = _context(browser, 390)
        page = context.new_page()
        page.goto(f"{base}/{code}/")
        button = page.locator(".site-menu > summary")
        assert button.text_content().strip() == menu_button  # its name (an icon on the screen)
        # The keyboard reaches it and opens it; its links and the search are on the screen.
        button.focus()
        page.keyboard.press("Enter")
        assert page.locator(".site-menu").get_attribute("open") is not None
        assert page.locator("nav.main-menu").is_visible()
        assert page.locator("#site-search-q").is_visible()
        assert page.locator("nav.main-menu a").count() >= 5
        assert page.evaluate(MENU_LINKS_OFF_SCREEN) == []
        assert page.evaluate(WIDER_THAN_VIEWPORT) == []
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('nav.main-menu') !== null")
        screenshot(page, f"header-{code}-390-menu-open")
        assert _violations(axe, page) == []
        # Escape closes it, focus back on its button; opening the languages closes it too.
        page.keyboard.press("Escape")
        assert page.locator(".site-menu").get_attribute("open") is None
        assert page.evaluate("document.activeElement.closest('.site-menu') !== null")
        button.click()
        _open_menu(page)
        assert page.locator(".site-menu").get_attribute("open") is None
        assert page.evaluate(OPTIONS_OUTSIDE_VIEWPORT) == []
        screenshot(page, f"header-{code}-390-languages-open")
        assert _violations(axe, page) == []
        # A link of the open menu leads to its page; the search box searches.
        page.keyboard.press("Escape")
        button.click()
        page.locator("nav.main-menu").get_by_role("link", name=resources_link, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1 and page.evaluate(CONTENT_TOP) <= 120
        button.click()
        page.fill("#site-search-q", "budzet")
        page.press("#site-search-q", "Enter")
        page.wait_for_load_state()
        assert f"/{code}/search/" in page.url
        context.close()

        # Without JavaScript the menu still opens (a native disclosure) and its links work.
        context = _context(browser, 390, javascript=False)
        page = context.new_page()
        page.goto(f"{base}/{code}/")
        page.locator(".site-menu > summary").click()
        page.locator("nav.main-menu").get_by_role("link", name=resources_link, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1
        context.close()

        # A desktop shows the menu and search in the header, with no menu button.
        context = _context(browser, 1280)
        page = context.new_page()
        for url in _header_pages(code)[:3]:
            page.goto(base + url)
            assert not page.locator(".site-menu > summary").is_visible()
            assert page.locator("nav.main-menu").is_visible()
            assert page.locator("#site-search-q").is_visible()
            assert page.evaluate(CONTENT_TOP) <= 160
            assert page.evaluate(MENU_LINKS_OFF_SCREEN) == []
            screenshot(page, f"header-{code}-1280-{url.strip('/').split('/')[-1]}")
            assert _violations(axe, page) == [], (code, url)
        page.goto(f"{base}/{code}/")
        page.locator("nav.main-menu").get_by_role("link", name=resources_link, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1
        _open_menu(page)
        screenshot(page, f"header-{code}-1280-languages-open")
        context.close()


def test_campaign_download_links_name_their_language(seeded_live_server, browser):
    """Five posters, five links reading "Poster: …": each link's accessible name says its
    language, in the reader's language; the reader's own comes first."""
    base = seeded_live_server.url
    for code, poster, own, english, width in (
        ("sq", "Poster", "shqip", "anglisht", 390),
        ("sr", "Плакат", "српски (ћирилица)", "енглески", 1280),
    ):
        campaign = (
            CampaignPage.objects.filter(locale__language_code=code, materials__kind="press-kit")
            .distinct()
            .get()
        )
        context = _context(browser, width)
        page = context.new_page()
        page.goto(base + campaign.url)
        shown = f"{poster}: {campaign.title}"
        links = page.get_by_role("link", name=re.compile("^" + re.escape(shown)))
        assert links.count() >= 4
        seen = {link.evaluate(SHOWN_TEXT) for link in links.all()}
        assert seen == {shown}, seen  # the same words on the screen…
        names = [
            link.evaluate("(a) => a.textContent.replace(/\\s+/g, ' ').trim()")
            for link in links.all()
        ]
        assert len(set(names)) == len(names), names  # …but no two names alike
        assert names[0] == f"{shown} ({own})"
        assert page.get_by_role("link", name=f"{shown} ({english})", exact=True).count() == 1
        screenshot(page, f"campaign-{code}-{width}")
        context.close()
