"""Sharing: every page type names an image, its size and description for social media, and a
page without a picture of its own gets a share card drawn in its language when it is published."""

import io
import re
from html import unescape

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.models import Page

from calls.models import CallIndexPage, CallPage
from home.models import HomePage, ShareCard, StandardPage
from news.models import NewsIndexPage, NewsPage, StoryPage
from resources.models import CampaignPage, ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db

PAGE_TYPES = [HomePage, StandardPage, NewsIndexPage, NewsPage, StoryPage, CallIndexPage, CallPage,
              ResourceIndexPage, ResourcePage, CampaignPage]  # fmt: skip
CYRILLIC = re.compile("[\u0400-\u04ff]")


def share_tags(html):
    """{property or name: content} of the page's og:/twitter: meta tags."""
    tags = re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', html)
    return {key: unescape(value) for key, value in tags}


def _stored(url):
    """The stored file behind a media URL of the test server."""
    name = url.split("/media/", 1)[1]
    with default_storage.open(name) as handle:
        return Image.open(io.BytesIO(handle.read()))


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
@pytest.mark.parametrize("code", ["sr", "sq"])
def test_every_page_type_names_its_share_image(client, model, code):
    page = model.objects.live().filter(locale__language_code=code).first()
    tags = share_tags(client.get(page.url).content.decode())
    assert tags["og:image"].startswith("http://testserver/"), tags  # absolute
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image:alt"] and tags["twitter:image:alt"] == tags["og:image:alt"]
    assert tags["twitter:title"] == tags["og:title"]
    # The size named is the file's own: a card is exactly 1200×630, a cropped photo within a pixel.
    assert int(tags["og:image:width"]) == 1200 and abs(int(tags["og:image:height"]) - 630) <= 1
    if code == "sr":
        assert CYRILLIC.search(tags["og:image:alt"]), tags["og:image:alt"]
    if "/share-cards/" in tags["og:image"]:
        image = _stored(tags["og:image"])
        assert image.size == (1200, 630) and image.format == "PNG"
        assert page.title in tags["og:image:alt"] or page.specific_class is HomePage


def test_search_page_is_shared_with_the_languages_home_card(client):
    with translation.override("sr"):
        url = reverse("search")
    tags = share_tags(client.get(url + "?q=drustvo").content.decode())
    home = HomePage.objects.get(locale__language_code="sr")
    assert tags["og:image"].endswith(home.share_card.file.url)
    assert tags["og:title"] == "Претражи" and CYRILLIC.search(tags["og:image:alt"])


def test_an_article_with_a_described_picture_shares_that_picture(client):
    article = NewsPage.objects.live().filter(locale__language_code="sq").exclude(image_alt="")
    article = article.exclude(listing_image=None).first()
    tags = share_tags(client.get(article.url).content.decode())
    assert "/share-cards/" not in tags["og:image"] and "/images/" in tags["og:image"]
    assert tags["og:image:alt"] == article.image_alt


def test_cards_are_drawn_on_publish_not_when_shared(client, django_assert_max_num_queries):
    assert not Page.objects.live().filter(depth__gte=2, share_card=None).exists()
    call = CallPage.objects.live().filter(locale__language_code="mk").first()
    with django_assert_max_num_queries(60):
        client.get(call.url)
    before = call.share_card.file.name
    client.get(call.url)
    assert ShareCard.objects.get(page=call).file.name == before


def test_a_new_title_redraws_the_card(client):
    page = ResourcePage.objects.live().filter(locale__language_code="sr").first()
    before = page.share_card.file.name
    page.title = "Водич за праћење општинског буџета"
    page.save_revision().publish()
    card = ShareCard.objects.get(page=page)
    assert card.file.name != before and "Водич за праћење општинског буџета" in card.alt_text
    tags = share_tags(client.get(page.url).content.decode())
    assert tags["og:image"].endswith(card.file.url)
    assert _stored(tags["og:image"]).size == (1200, 630)
