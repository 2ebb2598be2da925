"""The site chrome (main menu, footer, language switcher, hreflang links) is rendered once per
language and page, and an edit shows on the very next render: publish, unpublish, move, delete of
pages, snippet and settings edits."""

import re

import pytest
from django.urls import reverse

from home.models import ContactSettings, Footer, MainMenu, StandardPage
from news.models import NewsPage

pytestmark = pytest.mark.django_db


def _menu(client, code):
    html = client.get(f"/{code}/").content.decode()
    return re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)


def _footer(html):
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def _hreflangs(html):
    return set(re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html))


def _switcher_untranslated(html):
    switcher = re.search(r'<details class="language-switcher">.*?</details>', html, re.S).group(0)
    return set(re.findall(r'hreflang="([^"]+)" data-untranslated', switcher))


def _first_link_label(menu):
    return menu.links[0].value["label"] or menu.links[0].value["page"].title


def test_the_menu_is_served_from_the_cache_until_it_is_edited(client):
    menu = MainMenu.objects.get(locale__language_code="en")
    assert _first_link_label(menu) in _menu(client, "en")
    # A write that bypasses Django's signals is invisible: the fragment really is cached.
    links = menu.links.get_prep_value()
    links[0]["value"]["label"] = "Unseen label"
    MainMenu.objects.filter(pk=menu.pk).update(links=links)
    assert "Unseen label" not in _menu(client, "en")
    # An edit as the admin makes it (the model's save) is on the next render.
    menu.refresh_from_db()
    menu.links[0].value["label"] = "Who we are"
    menu.save()
    assert "Who we are" in _menu(client, "en")
    serbian = _menu(client, "sr")  # keyed by language: Serbian keeps its own menu
    assert "Who we are" not in serbian
    assert _first_link_label(MainMenu.objects.get(locale__language_code="sr")) in serbian


def test_a_menu_page_unpublished_or_deleted_leaves_the_menu(client):
    menu = MainMenu.objects.get(locale__language_code="mk")
    linked = [block.value["page"] for block in menu.links if block.value.get("page")]
    first, second = linked[0].specific, linked[1].specific
    assert first.url in _menu(client, "mk") and second.url in _menu(client, "mk")
    first.unpublish()
    assert first.url not in _menu(client, "mk")
    url = second.url
    second.delete()
    assert url not in _menu(client, "mk")


def test_footer_and_contact_settings_edits_show_at_once(client, django_user_model):
    assert "Kontakt a programit" not in _footer(client.get("/sq/").content.decode())
    footer = Footer.objects.get(locale__language_code="sq")
    footer.about_text = "Kontakt a programit për organizatat e shoqërisë civile."
    footer.save()
    assert footer.about_text in _footer(client.get("/sq/").content.decode())

    editor = django_user_model.objects.create_superuser("web", "web@wbcsp.example", "pw")
    client.force_login(editor)
    contact = ContactSettings.load()
    url = reverse("wagtailsettings:edit", args=["home", "contactsettings", contact.pk])
    fields = ["email", "phone", "facebook_url", "instagram_url", "linkedin_url", "youtube_url"]
    data = {name: getattr(contact, name) for name in fields}
    data.update(email="office@wbcsp-secretariat.example", x_url="")
    assert client.post(url, data).status_code == 302
    assert ContactSettings.load().email == "office@wbcsp-secretariat.example"
    client.logout()
    assert "office@wbcsp-secretariat.example" in _footer(client.get("/sq/").content.decode())


def test_language_switcher_and_hreflang_follow_translations(client):
    english = NewsPage.objects.live().filter(locale__language_code="en").first()
    serbian = english.get_translation(english.locale.__class__.objects.get(language_code="sr"))
    html = client.get(english.url).content.decode()
    assert "sr" in _hreflangs(html) and "sr" not in _switcher_untranslated(html)
    serbian.unpublish()
    html = client.get(english.url).content.decode()
    assert "sr" not in _hreflangs(html)
    assert "sr" in _switcher_untranslated(html)  # the switcher now says so and leads home
    serbian.get_latest_revision().publish()
    html = client.get(english.url).content.decode()
    assert "sr" in _hreflangs(html) and "sr" not in _switcher_untranslated(html)


def test_routes_follow_moves_renames_and_unpublishing(client):
    page = StandardPage.objects.live().filter(locale__language_code="hr", depth=3).first()
    old_url = page.url
    assert client.get(old_url).status_code == 200  # routed once, now cached
    page.slug = f"{page.slug}-novo"
    page.save_revision().publish()
    page = StandardPage.objects.get(pk=page.pk)
    assert client.get(old_url).status_code == 404
    assert client.get(page.url).status_code == 200
    parent = page.get_siblings(inclusive=False).live().type(StandardPage).first()
    page.move(parent, pos="last-child")
    page = StandardPage.objects.get(pk=page.pk)
    assert page.url.startswith(parent.url)
    assert client.get(page.url).status_code == 200
    moved_url = page.url
    page.unpublish()
    assert client.get(moved_url).status_code == 404
