"""The site chrome (main menu, footer, language switcher, hreflang links) and the body and head
of detail pages are rendered once per language and page, and an edit shows on the very next
render: publish, unpublish, move, delete of pages, snippet and settings edits. Previews are never
cached; a call's status follows the clock even when its page comes from the cache."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from calls.models import CallPage
from home.models import ContactSettings, Footer, MainMenu, StandardPage
from news.models import NewsPage
from resources.models import CampaignPage, ResourcePage

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


def _article(html):
    return re.search(r'<main id="main".*?</main>', html, re.S).group(0)


def test_a_detail_page_body_is_rendered_once_per_publish(client):
    page = NewsPage.objects.live().filter(locale__language_code="sr").first()
    assert page.intro in _article(client.get(page.url).content.decode())
    # A write that bypasses Django's signals is invisible: the page's fragments are cached.
    NewsPage.objects.filter(pk=page.pk).update(intro="Невидљив увод")
    html = client.get(page.url).content.decode()
    assert "Невидљив увод" not in html and page.intro in _article(html)
    # Publishing (as the admin does) shows the new text on the next render, head included.
    page.refresh_from_db()
    page.intro = "Нови увод вести о општинском буџету."
    page.title = "Грађани Куманова обликују општински буџет"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert page.intro in _article(html)
    assert f'"headline": "{page.title}"' in html  # the head's structured data
    assert f'<meta property="og:title" content="{page.title}">' in html  # the share card


def test_a_preview_shows_the_draft_and_never_the_cached_live_page(client):
    page = NewsPage.objects.live().filter(locale__language_code="en").first()
    live_intro = page.intro
    assert live_intro in client.get(page.url).content.decode()  # the live body is now cached
    page.intro = "A draft introduction the editor is still working on."
    preview = page.make_preview_request().render().content.decode()
    assert page.intro in _article(preview) and live_intro not in _article(preview)
    assert live_intro in _article(client.get(page.url).content.decode())  # nothing stored


def test_a_cached_call_page_changes_its_status_when_the_clock_says_so(client, monkeypatch):
    call = CallPage.objects.live().filter(locale__language_code="en").first()
    now = timezone.now()
    call.opening_at, call.deadline = now - timedelta(days=30), now + timedelta(days=7, hours=1)
    call.save_revision().publish()
    first, second = client.get(call.url), client.get(call.url)  # built, then from the cache
    for response in (first, second):
        assert 'call-status call-status--open"' in response.content.decode()
        # The page is shared at most until "closing soon", also when its body came from the cache.
        shared = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
        assert 0 < shared <= 3600
    later = now + timedelta(hours=1, seconds=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = client.get(call.url).content.decode()
    assert 'call-status call-status--closing-soon"' in html


def test_shared_pages_name_their_own_address_without_the_query(client):
    page = NewsPage.objects.live().filter(locale__language_code="mk").first()
    html = client.get(f"{page.url}?utm_source=newsletter").content.decode()
    assert f'<meta property="og:url" content="http://testserver{page.url}">' in html


def test_a_campaign_page_is_kept_until_it_becomes_current(client):
    campaign = CampaignPage.objects.live().filter(locale__language_code="sq").first()
    tomorrow = timezone.localdate() + timedelta(days=1)
    campaign.start_date, campaign.end_date = tomorrow, tomorrow + timedelta(days=30)
    campaign.save_revision().publish()
    midnight = timezone.make_aware(datetime.combine(tomorrow, time()))
    assert campaign.shown_until() == midnight
    for _visit in range(2):  # rendered, then from the fragment cache
        response = client.get(campaign.url)
        assert "tag--current" not in response.content.decode()
        shared = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
        assert shared <= (midnight - timezone.now()).total_seconds()


def test_a_renamed_document_shows_at_once_where_a_page_lists_it(client):
    resource = (
        ResourcePage.objects.live().filter(locale__language_code="bs", files__isnull=False).first()
    )
    document = resource.files.first().document
    assert document.title in _article(client.get(resource.url).content.decode())
    document.title = "Vodič za zagovaranje (izmijenjeno izdanje 2026)"
    document.save()  # as the document editor saves it
    assert document.title in _article(client.get(resource.url).content.decode())
