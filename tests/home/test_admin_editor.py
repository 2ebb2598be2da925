"""The page editor: taxonomy choices in the page's language; the news item's main image."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail_localize.models import Translation

from home.models import Country, GrantType, Topic
from news.models import NewsIndexPage, NewsPage
from tests.news.helpers import news_edit_form

pytestmark = pytest.mark.django_db
TAXONOMY = {"topics": Topic, "countries": Country, "grant_type": GrantType}


def _offered(response, name):
    """Ids of the choices the rendered editor offers for the field ``name``."""
    html = response.content.decode()
    checkboxes = re.findall(rf'<input[^>]*name="{name}"[^>]*value="(\d+)"', html)
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    options = re.findall(r'<option value="(\d+)"', select.group(1)) if select else []
    return {int(pk) for pk in checkboxes + options}


def _assert_in_language(response, language):
    assert response.status_code == 200
    for name, model in TAXONOMY.items():
        own = set(model.objects.filter(locale__language_code=language).values_list("pk", flat=True))
        form_field = response.context["form"].fields[name]
        assert set(form_field.queryset.values_list("pk", flat=True)) == own, (language, name)
        offered = _offered(response, name)
        assert offered <= own, (language, name)  # the chooser widget renders no list
    names = [str(t) for t in response.context["form"].fields["countries"].queryset]
    assert len(names) == len(set(names))  # "Kosovo" once


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_existing_news_offers_only_its_languages_terms(admin_client, language):
    page = NewsPage.objects.filter(locale__language_code=language).first()
    # A synced translation is edited in wagtail-localize's editor (taxonomy synchronised from
    # English); once its translator stops syncing, Wagtail's own editor shows these fields.
    Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=page.locale
    ).update(enabled=False)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if language in ("en", "sr-latn", "bs"):  # a sample renders: the list shows exactly its own
        own = set(Topic.objects.filter(locale=page.locale).values_list("pk", flat=True))
        assert _offered(response, "topics") == own
    _assert_in_language(response, language)


@pytest.mark.parametrize("language", ["sq", "mk"])
def test_a_new_news_item_offers_only_its_languages_terms(admin_client, language):
    index = NewsIndexPage.objects.get(locale__language_code=language)
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    _assert_in_language(admin_client.get(url), language)


def _english_news_with_image():
    return NewsPage.objects.filter(locale__language_code="en", listing_image__isnull=False).first()


def test_main_image_and_its_alt_text_are_on_the_content_tab(admin_client):
    page = _english_news_with_image()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    content_tab = html[html.index('id="tab-content"') : html.index('id="tab-promote"')]
    promote_tab = html[html.index('id="tab-promote"') :]
    assert 'name="listing_image"' in content_tab and 'name="image_alt"' in content_tab
    assert "Main image" in content_tab
    assert 'name="listing_image"' not in promote_tab


def test_publishing_with_an_image_and_no_alt_text_is_refused(admin_client):
    page = _english_news_with_image()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = news_edit_form(page)
    data["image_alt"] = "  "
    data["title"] = "Women mayors' network meets in Skopje"
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "cannot be published without its alternative text" in response.content.decode()
    page.refresh_from_db()
    assert page.title != data["title"] and page.image_alt.strip()

    del data["action-publish"]  # a draft may be finished later
    assert admin_client.post(url, data).status_code == 302

    data["action-publish"] = "action-publish"
    data["image_alt"] = "Mayors from four countries around a table in Skopje city hall"
    assert admin_client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.title == data["title"] and page.image_alt == data["image_alt"]
