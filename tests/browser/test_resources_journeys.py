"""The library in real Chromium: the two journeys of the issue, and axe-core on its pages."""

import io
import re
import zipfile
from pathlib import Path

import pytest

from resources.models import CampaignPage, ResourceIndexPage, ResourcePage
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def _violations(axe, page):
    results = axe.run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def test_bosnian_reader_finds_an_advocacy_guide_in_bosnian_as_pdf(seeded_live_server, open_page):
    """Phone width, in Bosnian: library → Guide + Bosanski → the advocacy guide → its Bosnian PDF."""
    page, _response = open_page(f"{seeded_live_server.url}/bs/", "phone")
    page.locator(".site-menu > summary").click()  # on a phone the menu is behind its button
    page.locator('nav.main-menu a[href="/bs/resursi/"]').click()
    page.wait_for_load_state()
    page.locator('input[name="type"][value="guide"]').check()
    page.locator('input[name="language"][value="bs"]').check()
    page.locator(".library__filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "type=guide" in page.url and "language=bs" in page.url  # a shareable address
    results = page.locator(".resource-list .card__title a")
    assert results.all_inner_texts() == [
        "Vodič za zagovaranje za lokalne organizacije civilnog društva"
    ]
    screenshot(page, "resources-library-bs-phone")
    results.first.click()
    page.wait_for_load_state()
    bosnian = page.locator(".file-list__item", has=page.locator('a[lang="bs"]'))
    assert "PDF" in bosnian.inner_text()
    assert page.locator(".file-list__item").first.inner_text() == bosnian.inner_text()  # first
    screenshot(page, "resources-guide-bs-phone")
    with page.expect_download() as download_info:
        bosnian.locator("a").click()
    download = download_info.value
    assert re.fullmatch(r"advocacy-guide-bs(_[A-Za-z0-9]{7})?\.pdf", download.suggested_filename)
    assert Path(download.path()).read_bytes()[:4] == b"%PDF"


def test_albanian_partner_downloads_the_current_campaign_kit(seeded_live_server, open_page):
    """Desktop, in Albanian: library → current campaign → the whole Albanian kit as one zip."""
    page, _response = open_page(f"{seeded_live_server.url}/sq/", "desktop")
    page.locator('nav.main-menu a[href="/sq/burime/"]').click()
    page.wait_for_load_state()
    page.locator(".current-campaigns .card__title a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Shoqëri e përbashkët: këtu jetojmë së bashku"
    materials = page.locator(".campaign__kit .material-list__item").all_inner_texts()
    assert any("PDF" in text and "shqip" in text.lower() for text in materials), materials
    screenshot(page, "resources-campaign-sq-desktop")
    with page.expect_download() as download_info:
        page.locator('.kit-downloads a[href$="/kit/sq/"]').click()
    download = download_info.value
    assert download.suggested_filename == "shoqeri-e-perbashket-sq.zip"
    with open(download.path(), "rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    # A re-seeded database re-uploads the files; storage may add a suffix to keep names unique.
    names = [re.sub(r"_[A-Za-z0-9]{7}(\.\w+)$", r"\1", name) for name in names]
    assert sorted(names) == [
        "logo/shared-society-logo-all.png",
        "poster/shared-society-poster-sq.pdf",
        "press-kit/shared-society-press-kit-sq.pdf",
        "social-media/shared-society-social-media-sq.png",
    ]


def test_library_resource_and_campaign_pages_are_accessible(seeded_live_server, open_page, axe):
    for code in ["mk", "en"]:
        library = ResourceIndexPage.objects.get(locale__language_code=code)
        guide = ResourcePage.objects.filter(locale__language_code=code).order_by("path").first()
        campaign = CampaignPage.objects.filter(locale__language_code=code).order_by("path").first()
        urls = {
            "library": f"{library.url}?type=guide&type=toolkit",
            "campaigns": library.campaigns_url,
            "resource": guide.url,
            "campaign": campaign.url,
        }
        for name, url in urls.items():
            viewport = "phone" if code == "mk" else "desktop"
            page, response = open_page(f"{seeded_live_server.url}{url}", viewport)
            assert response.status == 200, url
            assert page.locator("h1").count() == 1
            screenshot(page, f"resources-{name}-{code}-{viewport}")
            assert _violations(axe, page) == [], f"{code} {name}"
