"""Calls in real Chromium: an Albanian applicant on a phone, and the Serbian (Cyrillic) pages; axe-core."""

import re

import pytest

from calls.models import Application, CallIndexPage
from tests.browser.conftest import screenshot
from tests.calls.helpers import PDF

pytestmark = pytest.mark.browser

WIDER_THAN_VIEWPORT = """
[...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((el) => el.tagName + "." + el.className)
"""


@pytest.fixture
def root_collection(transactional_db):
    """Flushing between transactional tests drops Wagtail's root collection (made by a migration);
    documents and images need it before the site is seeded again."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _violations(axe, page):
    results = axe.run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def _check(page, axe, name):
    screenshot(page, name)
    assert page.evaluate(WIDER_THAN_VIEWPORT) == [], name
    assert _violations(axe, page) == [], name


def _fill_and_send(page, country_label):
    page.fill("#id_organisation_name", "Qendra për Demokraci Lokale")
    page.fill("#id_email", "aplikuesi@example.org")
    page.select_option("#id_country", label=country_label)
    page.select_option("#id_organisation_type", index=1)
    page.check("#id_themes_0")
    page.fill("#id_requested_amount", "8000")
    page.fill("#id_project_summary", "Karta qytetare për shërbimet komunale në tri qytete.")
    page.set_input_files(
        "#id_budget", files=[{"name": "buxheti.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator(".call-form button[type=submit]").click()
    page.wait_for_load_state()


def test_albanian_applicant_on_a_phone(
    root_collection, seeded_live_server, open_page, axe, settings
):
    settings.CALLS_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    page, response = open_page(f"{seeded_live_server.url}/sq/", "phone")
    assert response.status == 200
    index_url = CallIndexPage.objects.get(locale__language_code="sq").url
    page.goto(seeded_live_server.url + index_url)
    _check(page, axe, "calls-index-sq-phone")

    # Calls open to Kosovo, by the filter form (no JavaScript needed).
    page.select_option("#filter-status", "open")
    page.select_option("#filter-country", "kosovo")
    page.locator(".call-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "country=kosovo" in page.url and "status=open" in page.url
    first = page.locator(".call-card").first
    assert "Mbyllet së shpejti" in first.inner_text()  # the one closing this week comes first
    first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Nisma lokale")
    _check(page, axe, "call-page-sq-phone")

    _fill_and_send(page, "Kosova")
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(r"SB-\d{4}-\d{6}", reference)
    assert "buxheti.pdf" in page.content()
    _check(page, axe, "call-confirmation-sq-phone")
    application = Application.objects.get(reference=reference)
    assert application.language == "sq" and application.country == "kosovo"
    assert application.files.get().original_name == "buxheti.pdf"


def test_serbian_cyrillic_pages_and_form_errors(
    root_collection, seeded_live_server, open_page, axe, settings
):
    settings.CALLS_MIN_FILL_SECONDS = 0
    index_url = CallIndexPage.objects.get(locale__language_code="sr").url
    page, response = open_page(seeded_live_server.url + index_url, "desktop")
    assert response.status == 200
    _check(page, axe, "calls-index-sr-desktop")
    page.locator(".call-card a").filter(has_text="Институционална").click()
    page.wait_for_load_state()
    _check(page, axe, "call-page-sr-desktop")
    # Sent without the required fields: errors are announced, the page stays accessible.
    page.locator(".call-form button[type=submit]").click()
    page.locator(".call-alert[role=alert]").first.wait_for(timeout=10_000)  # sent by script
    assert page.locator(".call-alert[role=alert]").count() == 1
    _check(page, axe, "call-form-errors-sr-desktop")
    _fill_and_send(page, "Србија")
    assert re.fullmatch(r"SB-\d{4}-\d{6}", page.locator("#reference").inner_text())
    _check(page, axe, "call-confirmation-sr-desktop")
