"""Readable addresses: words of the page's language in ASCII, for seeded, edited and translated
pages; archive routes with a segment per language that the language switcher keeps."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from calls.models import CallPage
from home.addresses import page_slug, route_segment
from home.seeding import load_content, rename_seeded_page
from news.models import NewsIndexPage, NewsPage, StoryPage
from news.seeding import CONTENT_DIR as NEWS_CONTENT
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db


def _switcher_links(html):
    """{hreflang: href} of the language menu's links."""
    menu = html.split('class="language-switcher"')[1].split("</details>")[0]
    return {
        lang: href.replace("&amp;", "&")
        for href, lang in re.findall(r'<a href="([^"]+)"[^>]*hreflang="([^"]+)"', menu)
    }


def _hreflang(html):
    pattern = r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">'
    return dict(re.findall(pattern, html))


def test_seeded_pages_have_ascii_addresses_in_their_own_language():
    english = load_content("en", NEWS_CONTENT)["items"]
    for model in (NewsPage, StoryPage):
        for page in model.objects.filter(locale__language_code="en"):
            assert not re.match(r"[ns]\d\d-", page.slug), page.slug  # no seed ids
            assert page.slug == page_slug(page.title)
    assert {page_slug(item["title"]) for item in english.values()} <= set(
        Page.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    )
    for code in ("en", "sq", "mk", "sr"):
        for page in CallPage.objects.filter(locale__language_code=code):
            assert page.slug == page_slug(page.title), (code, page.slug)
            assert page.slug != page.code.lower()
    for page in Page.objects.filter(depth__gt=2):
        assert page.slug.isascii() and page.slug == page.slug.lower(), page.slug
    # Albanian and Macedonian calls are at addresses of their own words, not English ones.
    sq, en = call("WBCSP-2026-CORE-01", "sq"), call("WBCSP-2026-CORE-01", "en")
    assert sq.slug != en.slug and sq.slug.startswith("mbeshtetje")


def test_an_older_seed_address_redirects_to_the_readable_one(
    client, django_capture_on_commit_callbacks
):
    page = NewsPage.objects.filter(locale__language_code="en").order_by("path").first()
    readable = page.slug
    old_url = page.url.replace(f"/{readable}/", "/n01-old-address/")
    NewsPage.objects.filter(pk=page.pk).update(
        slug="n01-old-address",
        url_path=page.url_path.replace(f"/{readable}/", "/n01-old-address/"),
    )
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail redirects on commit
        rename_seeded_page(page, readable)  # what seeding does with a database seeded before
    page.refresh_from_db()
    assert page.slug == readable
    assert Redirect.objects.filter(redirect_page=page).exists()
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"].endswith(page.url)


def test_a_call_translated_through_wagtail_localize_gets_a_slug_from_its_own_title(
    admin_user, django_capture_on_commit_callbacks
):
    source = call("WBCSP-2026-CORE-01", "en")
    new_call = source.copy(
        update_attrs={
            "title": "Youth participation grants 2027",
            "slug": "youth-participation-grants-2027",
            "code": "WBCSP-2027-YOUTH-07",
        },
        keep_live=True,
    )
    sq = Locale.objects.get(language_code="sq")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(admin_user, [sq]).create_translations(new_call)
    translation = Translation.objects.get(
        source__object_id=new_call.translation_key, target_locale=sq
    )
    # The translator translates the title and leaves the slug as it came (the English one).
    title = StringSegment.objects.select_related("string", "context").get(
        source=translation.source, context__path="title"
    )
    StringTranslation.objects.create(
        translation_of=title.string,
        locale=sq,
        context=title.context,
        data="Grante për pjesëmarrjen e të rinjve 2027",
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=admin_user, publish=True)
    albanian = CallPage.objects.get(translation_key=new_call.translation_key, locale=sq)
    assert albanian.slug == "grante-per-pjesemarrjen-e-te-rinjve-2027"
    assert albanian.live_revision.as_object().slug == albanian.slug


def test_a_page_titled_in_cyrillic_gets_a_latin_slug():
    """As in the admin when the slug is left empty: Django's slugify would drop every letter."""
    index = NewsIndexPage.objects.get(locale__language_code="mk")
    page = NewsPage.objects.child_of(index).first()
    page.title, page.slug = "Граѓани на Куманово", ""
    page.save()
    assert page.slug == "gragjani-na-kumanovo"


@pytest.mark.parametrize("code", ["sr", "sq"])
def test_story_archive_has_its_languages_address_and_switcher_keeps_it(client, code):
    index = NewsIndexPage.objects.get(locale__language_code=code)
    url = index.archive_url("stories")
    assert url == f"{index.url}{route_segment('stories', code)}/"
    assert "/stories/" not in url
    # The English segment (older addresses, a swapped prefix) leads to this language's archive.
    old = client.get(f"{index.url}stories/?country=serbia")
    assert old.status_code == 301 and old["Location"] == f"{url}?country=serbia"
    html = client.get(url, {"country": "serbia", "page": "1"}).content.decode()
    links, alternates = _switcher_links(html), _hreflang(html)
    for other in NewsIndexPage.objects.select_related("locale"):
        lang = other.locale.language_code.replace("sr-latn", "sr-Latn")
        assert links[lang] == f"{other.archive_url('stories')}?country=serbia"
        assert alternates[lang] == f"http://testserver{other.archive_url('stories')}"
        assert client.get(other.archive_url("stories")).status_code == 200


def test_campaign_list_has_its_languages_address(client):
    from resources.models import ResourceIndexPage

    library = ResourceIndexPage.objects.get(locale__language_code="sq")
    assert library.campaigns_url.endswith("/fushata/")
    html = client.get(library.campaigns_url).content.decode()
    english = ResourceIndexPage.objects.get(locale__language_code="en")
    assert _switcher_links(html)["en"] == english.campaigns_url


def test_search_switcher_keeps_the_query_and_filters_but_not_the_page_number(client):
    html = client.get(
        "/sr/search/", {"q": "буџет", "type": "news.newspage", "page": "2"}
    ).content.decode()
    links = _switcher_links(html)
    assert links["sq"] == "/sq/search/?q=%D0%B1%D1%83%D1%9F%D0%B5%D1%82&type=news.newspage"
    assert links["en"].startswith("/en/search/?q=") and "page=" not in links["en"]
    assert 'hreflang="sq" data-untranslated' not in html


def test_confirmation_address_is_short(client):
    page = call("WBCSP-2026-CORE-01", "sq")
    data = valid_post(page)
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    response = client.post(page.url, data)
    location = response["Location"]
    token = location.rstrip("/").rsplit("/", 1)[1]
    assert len(token) <= 30, token
    assert client.get(location).status_code == 200
    # A token altered in any way is refused.
    assert client.get(location.replace(token, token[:-1] + "A")).status_code == 404


def test_cached_language_links_follow_the_route_and_the_query(client):
    """The switcher and hreflang fragments are cached per page: the archive route and the kept
    query are part of their key, so one page's two archives or two searches never swap links."""
    index = NewsIndexPage.objects.get(locale__language_code="sr")
    english = NewsIndexPage.objects.get(locale__language_code="en")
    news = client.get(index.url).content.decode()
    stories = client.get(index.archive_url("stories")).content.decode()
    assert _switcher_links(news)["en"] == english.url
    assert _switcher_links(stories)["en"] == english.archive_url("stories")
    assert _hreflang(stories)["en"].endswith(english.archive_url("stories"))
    first = _switcher_links(client.get("/sr/search/", {"q": "mreza"}).content.decode())
    second = _switcher_links(client.get("/sr/search/", {"q": "budzet"}).content.decode())
    assert first["en"] == "/en/search/?q=mreza" and second["en"] == "/en/search/?q=budzet"
