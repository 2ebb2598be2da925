"""The strict Content-Security-Policy holds in real Chromium: no `securitypolicyviolation` event
and no CSP console error on any public page type, in a Latin and a Cyrillic language."""

import pytest

from calls.models import CallIndexPage, CallPage
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage, StoryPage
from resources.models import CampaignPage, ResourceIndexPage, ResourcePage
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    HomePage, NewsIndexPage, NewsPage, StoryPage, CallIndexPage, CallPage,
    ResourceIndexPage, ResourcePage, CampaignPage, StandardPage,
]  # fmt: skip
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _urls(code):
    urls = [
        model.objects.live().filter(locale__language_code=code).first().url for model in PAGE_TYPES
    ]
    return [*urls, f"/{code}/search/?q=budzet"]


def test_no_csp_violation_on_any_public_page_type(seeded_live_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console_errors = []
    page.on(
        "console",
        lambda message: (
            console_errors.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    found = {}
    try:
        for code in ["sq", "mk"]:
            for url in _urls(code):
                response = page.goto(seeded_live_server.url + url)
                assert response.status == 200, url
                assert "unsafe-inline" not in response.headers["content-security-policy"]
                if "/search/" in url:  # the suggestions script fetches as the reader types
                    with page.expect_response(lambda r: "/search/suggest/" in r.url):
                        page.locator("#search-page-q").fill("budž")
                page.wait_for_load_state("networkidle")
                violations = page.evaluate("window.__cspViolations")
                if violations:
                    found[url] = violations
            screenshot(page, f"csp-search-{code}")
    finally:
        context.close()
    assert found == {}
    assert console_errors == []
