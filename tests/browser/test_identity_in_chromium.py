"""The site's look in real Chromium: call key facts that read whole on phones and desktops, the sidebar,
the self-hosted typeface; in Serbian (Cyrillic) and Albanian (Latin), with axe-core."""

import pytest

from calls.models import CallPage
from calls.status import CLOSED
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

# Every word of the key facts must sit on one line, and no line may start with a list separator.
# Words are measured with Range.getClientRects (a word cut across lines has rects on two lines);
# a line start is a character lower than the one before it.
FACTS_LAYOUT = """
(selector) => {
    const problems = [];
    const separator = /[,;·•–—\\/|]/;
    for (const box of document.querySelectorAll(selector)) {
        const chars = [];
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            const text = node.textContent;
            for (const match of text.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                if (lines.size > 1) problems.push(`"${match[0]}" is split across lines`);
            }
            for (let i = 0; i < text.length; i++) {
                if (/\\s/.test(text[i])) continue;
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                chars.push({ ch: text[i], top: range.getBoundingClientRect().top });
            }
        }
        chars.forEach((c, i) => {
            if (i > 0 && c.top > chars[i - 1].top + 5 && separator.test(c.ch)) {
                problems.push(`a line starts with "${c.ch}" in "${box.textContent.trim()}"`);
            }
        });
    }
    return problems;
}
"""

FACES_FOR = """
async (text) => (await document.fonts.load('700 16px "Noto Sans"', text)).map((face) => face.status)
"""


@pytest.fixture
def root_collection(transactional_db):
    """Flushing between transactional tests drops Wagtail's root collection; seeding needs it."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def test_call_key_facts_never_break_a_word_and_the_sidebar_holds_them(
    root_collection, seeded_live_server, open_page, axe
):
    for language in ("sr", "sq"):
        calls = list(CallPage.objects.live().filter(locale__language_code=language))
        assert len(calls) >= 3
        for viewport in ("phone", "desktop"):
            for number, call in enumerate(calls):
                page, response = open_page(seeded_live_server.url + call.url, viewport)
                assert response.status == 200
                problems = page.evaluate(FACTS_LAYOUT, ".call-facts dd")
                assert problems == [], (language, viewport, call.url, problems)
                if number:
                    continue
                # The first call of each language and width: where the facts sit, the type, axe.
                sidebar = page.locator(".call-sidebar").bounding_box()
                body = page.locator(".call > section").first.bounding_box()
                if viewport == "desktop":  # the right-hand column, beside the body text
                    assert sidebar["x"] > body["x"] + body["width"]
                    assert sidebar["x"] + sidebar["width"] > 1280 * 0.85
                else:  # stacked: label over value, the facts before the body
                    assert sidebar["y"] < body["y"]
                    label = page.locator(".call-facts dt").first.bounding_box()
                    value = page.locator(".call-facts dd").first.bounding_box()
                    assert value["y"] >= label["y"] + label["height"] - 1
                assert page.locator(".call-countdown").count() == (
                    0 if call.status == CLOSED else 1
                )
                family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
                assert family.startswith('"Noto Sans"')
                # The self-hosted subsets cover Cyrillic (ђ ѓ ќ ѕ), Latin-1 (ë ç) and Latin Extended (đ).
                faces = page.evaluate(FACES_FOR, "ђћџѓќѕ ëç đ")
                assert len(faces) >= 3 and all(status == "loaded" for status in faces), faces
                screenshot(page, f"call-facts-{language}-{viewport}")
                violations = axe.run(page).response["violations"]
                assert [v["id"] for v in violations] == [], (language, viewport)
