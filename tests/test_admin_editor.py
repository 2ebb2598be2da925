"""The page editor: taxonomy choices in the page's language; the news item's main image."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from home.models import Country, GrantType, Topic
from news.models import NewsIndexPage, NewsPage
from wagtail_localize.models import Translation

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
