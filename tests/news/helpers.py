"""Helpers for newsroom tests: the index of a language and a quick way to add live items."""

import re
from datetime import date
from html import unescape

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import Country, Topic
from home.seeding import load_content
from news.models import NewsIndexPage, NewsPage, StoryPage
from news.seeding import CONTENT_DIR
from tests.factories import NewsPageFactory


def newsroom(code):
    return NewsIndexPage.objects.get(locale__language_code=code)


def seeded_item(key, code="en"):
    """A demo news item ("n01") or story ("s01") in a language, found by its English title."""
    model = StoryPage if key.startswith("s") else NewsPage
    title = load_content("en", CONTENT_DIR)["items"][key]["title"]
    english = model.objects.get(locale__language_code="en", title=title)
    if code == "en":
        return english
    return model.objects.get(translation_key=english.translation_key, locale__language_code=code)


def card_titles(response):
    """The titles of the cards listed on an archive page, in order."""
    html = response.content.decode()
    titles = re.findall(r'class="news-card__title"><a href="[^"]+">([^<]+)</a>', html)
    return [unescape(title) for title in titles]


def add_news(index, count, *, country="serbia", topic="governance", image=None, start=1):
    """Add ``count`` live news items to ``index`` (newest last), tagged and with taxonomy."""
    locale = index.locale
    country = Country.objects.get(locale=locale, slug=country)
    topic = Topic.objects.get(locale=locale, slug=topic)
    return [
        NewsPageFactory(
            parent=index,
            title=f"Extra item {number}",
            date=date(2024, 1 + number % 12, 1 + number % 28),
            intro=f"Lead of extra item {number}.",
            listing_image=image,
            image_alt="An illustration",
            countries=[country],
            topics=[topic],
            tags=["extra"],
        )
        for number in range(start, start + count)
    ]


def news_edit_form(page, **changes):
    """What the page editor posts for a news item (its body and related pages emptied), with
    ``changes``."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "date": page.date.isoformat(),
        "listing_image": page.listing_image_id,
        "image_alt": page.image_alt,
        "body": streamfield([]),
        "related_pages": streamfield([]),
        "comments": inline_formset([]),
    }
    return nested_form_data(data | changes)
