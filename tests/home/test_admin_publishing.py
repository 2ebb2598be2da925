"""The page editor: topics and countries are ticked as checkboxes, and a refused publish says what
happened (not published, the draft kept and when it was saved, and why)."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from calls.models import CallPage
from home.models import Country, Topic
from news.models import NewsPage
from resources.models import ResourcePage
from tests.news.helpers import news_edit_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [NewsPage, CallPage, ResourcePage])
def test_topics_and_countries_are_checkboxes_of_the_pages_language(admin_client, model):
    page = model.objects.filter(locale__language_code="en").first()
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = editor.content.decode()
    for name, terms in (("topics", Topic), ("countries", Country)):
        assert not re.search(rf'<select[^>]*name="{name}"', html), name  # no Ctrl-click list
        ticked = re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"', html)
        own = terms.objects.filter(locale__language_code="en").values_list("pk", flat=True)
        assert {int(pk) for pk in ticked} == set(own), name


def _error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def test_a_refused_publish_says_the_draft_is_kept_and_why(admin_client):
    page = NewsPage.objects.filter(locale__language_code="en", listing_image__isnull=False).first()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    draft = news_edit_form(page, title="Women mayors' network meets in Skopje", image_alt=" ")
    assert admin_client.post(url, draft).status_code == 302  # saved as a draft ("Saved")

    refused = admin_client.post(url, draft | {"action-publish": "action-publish"})
    assert refused.status_code == 200
    (message,) = _error_messages(refused)
    assert "could not be saved" not in message
    assert "Not published: the live page is unchanged" in message
    assert re.search(r"Your draft was saved at .*\d\d:\d\d CET", message)
    assert "alternative text" in message  # why, with the field's own error
    page.refresh_from_db()
    assert page.title != "Women mayors' network meets in Skopje"  # the live page is unchanged
    assert page.has_unpublished_changes


def test_a_refused_publish_without_a_draft_says_nothing_was_saved(admin_client):
    page = NewsPage.objects.filter(locale__language_code="en", listing_image__isnull=False).first()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    refused = admin_client.post(url, news_edit_form(page, image_alt="") | {"action-publish": "1"})
    (message,) = _error_messages(refused)
    assert "Not published and not saved" in message and "alternative text" in message


def test_saving_a_draft_with_errors_keeps_wagtails_message(admin_client):
    page = NewsPage.objects.filter(locale__language_code="en").first()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.post(url, news_edit_form(page, title=""))
    assert response.status_code == 200
    assert any("could not be saved" in m for m in _error_messages(response))
