"""Editors can open every page type, snippet and setting in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import ContactSettings, Country, Footer, GrantType, MainMenu, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@wbcsp.example", "pw")
    client.force_login(user)
    return client


def test_every_page_opens_in_the_editor(editor_client):
    for page in Page.objects.filter(depth__gte=2, locale__language_code__in=["en", "mk"]):
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page


@pytest.mark.parametrize("model", [MainMenu, Footer, Country, Topic, GrantType])
def test_snippets_open_in_the_editor(editor_client, model):
    item = model.objects.filter(locale__language_code="sr").first()
    meta = model._meta
    listing = editor_client.get(reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list"))
    assert listing.status_code == 200
    edit = reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[item.pk])
    assert editor_client.get(edit).status_code == 200


def test_contact_settings_open_in_the_editor(editor_client):
    url = reverse("wagtailsettings:edit", args=["home", "contactsettings"])
    response = editor_client.get(url, follow=True)
    assert response.status_code == 200
    assert ContactSettings.load().email in response.content.decode()


def test_new_standard_page_requires_alt_text_for_images(editor_client):
    """The image block's alt text is required: the editor refuses an image without it."""
    from home.blocks import ImageBlock

    block = ImageBlock()
    with pytest.raises(Exception) as error:
        block.clean({"image": None, "alt_text": "", "caption": ""})
    assert "alt_text" in str(error.value.block_errors)
