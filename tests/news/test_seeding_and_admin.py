"""Demo content: in every language, linked as translations, idempotent; editors can add items."""

import re

import pytest
from django.contrib.auth import get_user_model

from home.seeding import seed_site
from news.models import NewsPage, StoryPage
from tests.news.helpers import newsroom, seeded_item

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def test_seeding_again_creates_nothing():
    before = NewsPage.objects.count(), StoryPage.objects.count()
    report = seed_site()
    assert [item for item in report.created if item.startswith(("news", "stories"))] == []
    assert (NewsPage.objects.count(), StoryPage.objects.count()) == before == (96, 48)


def test_items_are_translations_of_the_english_ones():
    english = seeded_item("n01")
    versions = NewsPage.objects.filter(translation_key=english.translation_key)
    assert sorted(page.locale.language_code for page in versions) == sorted(
        ["en", "sq", "bs", "hr", "sr", "sr-latn", "mk", "cnr"]
    )
    by_code = {page.locale.language_code: page for page in versions}
    assert CYRILLIC.search(by_code["sr"].title) and CYRILLIC.search(by_code["mk"].title)
    assert not CYRILLIC.search(by_code["sr-latn"].title)
    assert by_code["sr-latn"].title == "Građani Kumanova oblikuju opštinski budžet"
    assert len({page.title for page in versions}) == 8 - 1  # bs and cnr differ, sr-latn from sr
    assert by_code["mk"].countries.get().locale.language_code == "mk"


def test_demo_content_covers_every_country_and_both_themes():
    index = newsroom("en")
    for model, minimum in ((NewsPage, 12), (StoryPage, 6)):
        items = model.objects.child_of(index)
        assert items.count() >= minimum
        countries = set(items.values_list("countries__slug", flat=True))
        assert countries >= {
            "albania", "bosnia-and-herzegovina", "kosovo", "montenegro", "north-macedonia", "serbia"
        }  # fmt: skip
        themes = set(items.values_list("topics__slug", flat=True))
        assert {"governance", "security-and-stability"} <= themes
        with_image = items.filter(listing_image__isnull=False)
        assert with_image.exists() and not with_image.filter(image_alt="").exists()
    # No picture stands in for several articles: in a language, each image belongs to one article.
    images = [
        item.listing_image_id
        for model in (NewsPage, StoryPage)
        for item in model.objects.child_of(index).filter(listing_image__isnull=False)
    ]
    assert len(images) == len(set(images))


def test_search_finds_seeded_news(client):
    response = client.get("/sr/search/", {"q": "Куманово"})
    assert response.status_code == 200
    assert "Грађани Куманова обликују општински буџет" in response.content.decode()


def test_editors_can_open_the_add_forms(client):
    """English stories are edited in the page editor; their translations in wagtail-localize's."""
    admin = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(admin)
    index = newsroom("en")
    for model in ("newspage", "storypage"):
        response = client.get(f"/admin/pages/add/news/{model}/{index.pk}/")
        assert response.status_code == 200, model
    edit = client.get(
        f"/admin/pages/{StoryPage.objects.filter(locale=index.locale).first().pk}/edit/"
    )
    assert edit.status_code == 200
    assert "Outcomes in figures" in edit.content.decode()
