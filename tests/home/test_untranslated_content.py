"""Untranslated content is never shown in the wrong language.

The rule, applied everywhere (home.languages.in_language): readers of a language see pages in
that language only. A page without a live translation is left out of that language's menus,
footer, home page, related links, archives, library, search and sitemap, and the language
switcher on the original says the page is not translated yet (tests/home/test_languages.py). A link
an editor chose in another language leads to its translation when there is one.
"""

import pytest
from wagtail.models import Locale, Page

from home.models import Footer, HomePage, MainMenu, StandardPage
from news.models import NewsPage, StoryPage

pytestmark = pytest.mark.django_db


def _locale(code):
    return Locale.objects.get(language_code=code)


def _version(page, code):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code=code)


@pytest.fixture
def about_en():
    return StandardPage.objects.get(locale__language_code="en", slug="about")


def _hrefs(html):
    import re

    return re.findall(r'href="([^"]+)"', html)


def test_menu_link_chosen_in_english_leads_to_the_translation(client, about_en):
    menu = MainMenu.objects.get(locale__language_code="mk")
    menu.links = [("link", {"page": about_en, "url": "", "label": ""})]
    menu.save()
    about_mk = _version(about_en, "mk")
    html = client.get("/mk/").content.decode()
    assert about_mk.url in _hrefs(html)
    assert about_en.url not in _hrefs(html)
    assert about_mk.title in html


def test_menu_and_footer_leave_out_a_page_not_live_in_the_language(client, about_en):
    about_mk = _version(about_en, "mk")
    assert about_mk.url in _hrefs(client.get("/mk/").content.decode())
    about_mk.unpublish()
    footer = Footer.objects.get(locale__language_code="mk")
    footer.links = [("link", {"page": about_en, "url": "", "label": "За нас"})]
    footer.save()
    html = client.get("/mk/").content.decode()
    assert about_mk.url not in _hrefs(html)  # would be a 404
    assert about_en.url not in _hrefs(html)  # would be English on a Macedonian page
    assert "За нас" not in html
    # Albanian readers still see their page in both places.
    about_sq = _version(about_en, "sq")
    assert about_sq.url in _hrefs(client.get("/sq/").content.decode())


def test_home_features_pages_in_its_own_language_only(client):
    home_mk = HomePage.objects.get(locale__language_code="mk")
    news_en = NewsPage.objects.filter(locale__language_code="en").order_by("-date").first()
    news_mk = _version(news_en, "mk")
    home_mk.featured = [("page", news_en)]  # chosen in English by mistake
    home_mk.save_revision().publish()
    html = client.get("/mk/").content.decode()
    assert news_mk.url in _hrefs(html) and news_mk.title in html
    assert news_en.url not in _hrefs(html)

    news_mk.unpublish()
    html = client.get("/mk/").content.decode()
    assert news_mk.url not in _hrefs(html) and news_en.url not in _hrefs(html)
    assert news_en.title not in html


def test_related_pages_and_source_call_follow_the_reader_language(client):
    from calls.models import CallPage

    story_mk = StoryPage.objects.filter(locale__language_code="mk").first()
    call_en = CallPage.objects.filter(locale__language_code="en").first()
    call_mk = _version(call_en, "mk")
    news_en = NewsPage.objects.filter(locale__language_code="en").first()
    news_mk = _version(news_en, "mk")
    story_mk.source_call = call_en
    story_mk.related_pages = [("page", news_en)]
    story_mk.save_revision().publish()
    html = client.get(story_mk.url).content.decode()
    assert call_mk.url in _hrefs(html) and news_mk.url in _hrefs(html)
    assert call_en.url not in _hrefs(html) and news_en.url not in _hrefs(html)

    call_mk.unpublish()
    news_mk.unpublish()
    html = client.get(story_mk.url).content.decode()
    for page in (call_mk, call_en, news_mk, news_en):
        assert page.url not in _hrefs(html)


def test_an_untranslated_item_is_absent_from_every_listing_of_the_language(client):
    news_en = NewsPage.objects.filter(locale__language_code="en").order_by("-date").first()
    news_mk = _version(news_en, "mk")
    news_mk.unpublish()
    archive = news_mk.get_parent().url
    pages = ["/mk/", archive, f"{archive}feed/rss/", "/sitemap.xml"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert news_mk.url not in body, url
        assert news_en.title not in body or url == "/sitemap.xml", url
    search = client.get("/mk/search/", {"q": news_mk.title}).content.decode()
    assert news_mk.url not in _hrefs(search) and news_en.url not in _hrefs(search)
    # The English original is unaffected and says Macedonian readers cannot have it yet.
    english = client.get(news_en.url).content.decode()
    assert "not translated yet" in english


def test_a_call_to_action_in_a_page_body_follows_the_reader_language(client, about_en):
    about_mk = _version(about_en, "mk").specific
    contact_en = StandardPage.objects.get(locale__language_code="en", slug="contact")
    contact_mk = _version(contact_en, "mk")
    button = {"page": contact_en, "url": "", "label": "Пишете ни"}
    about_mk.body = [("call_to_action", {"heading": "Прашања?", "text": "", "link": button})]
    about_mk.save_revision().publish()
    html = client.get(about_mk.url).content.decode()
    assert contact_mk.url in _hrefs(html) and contact_en.url not in _hrefs(html)
    assert "Пишете ни" in html

    contact_mk.unpublish()
    html = client.get(about_mk.url).content.decode()
    assert contact_mk.url not in _hrefs(html) and contact_en.url not in _hrefs(html)
