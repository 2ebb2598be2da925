"""Sharing in real Chromium: a call, a resource and the home page name a share image that can be
fetched (1200×630 PNG) and described in the page's language; campaign pages at 390 and 1280 px."""

import functools
import http.server
import io
import re
import threading

import pytest
from PIL import Image

from calls.models import CallPage
from home.models import HomePage
from resources.models import CampaignPage, ResourcePage
from tests.browser.conftest import screenshot
from tests.services import free_port

pytestmark = pytest.mark.browser

CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture
def media_server(settings):
    """MEDIA_ROOT served over loopback HTTP, as the proxy serves it in production."""
    port = free_port()
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(settings.MEDIA_ROOT)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MEDIA_URL = f"http://127.0.0.1:{port}/"
    yield settings.MEDIA_URL
    server.shutdown()
    server.server_close()


def _meta(page, key):
    return page.locator(f'meta[property="{key}"], meta[name="{key}"]').get_attribute("content")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_call_resource_and_home_share_a_card_in_their_language(
    seeded_live_server, media_server, open_page, viewport
):
    for code in ["sr", "sq"]:
        pages = [
            CallPage.objects.live().filter(locale__language_code=code).first(),
            ResourcePage.objects.live().filter(locale__language_code=code).first(),
            HomePage.objects.get(locale__language_code=code),
        ]
        for wagtail_page in pages:
            page, response = open_page(seeded_live_server.url + wagtail_page.url, viewport)
            assert response.status == 200
            image_url = _meta(page, "og:image")
            assert image_url.startswith("http://"), image_url
            fetched = page.request.get(image_url, timeout=5000)
            assert fetched.status == 200, image_url
            assert fetched.headers["content-type"] in ("image/png", "image/jpeg")
            assert Image.open(io.BytesIO(fetched.body())).size == (1200, 630)
            alt = _meta(page, "og:image:alt")
            assert alt and _meta(page, "twitter:image:alt") == alt
            if code == "sr":
                assert CYRILLIC.search(alt), alt
            else:
                assert not CYRILLIC.search(alt) and "Programi" in alt, alt


def test_campaign_pages_and_a_share_card_look_right(seeded_live_server, media_server, open_page):
    """Screenshots of the campaign page (sr, sq; phone, desktop) and of a share card."""
    for code in ["sr", "sq"]:
        campaign = CampaignPage.objects.filter(
            locale__language_code=code, materials__kind="press-kit"
        ).distinct()[0]
        for viewport in ["phone", "desktop"]:
            page, response = open_page(seeded_live_server.url + campaign.url, viewport)
            assert response.status == 200
            previews = page.locator(".material-list__preview")
            assert previews.count() > 0
            # (The media server here is another origin, which the site's CSP rightly refuses to
            # load images from; renditions' files are checked in tests/resources.)
            assert previews.first.get_attribute("alt")
            screenshot(page, f"campaign-{code}-{viewport}")
        card, _response = open_page(_meta(page, "og:image"), "desktop")
        screenshot(card, f"share-card-campaign-{code}")
