"""The page tree, the seed command, site-wide files (sitemap, robots, favicon) and error pages."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page, Site

from calls.models import CallIndexPage
from home.models import Country, Footer, GrantType, HomePage, MainMenu, StandardPage, Topic
from home.seeding import seed_site
from home.views import server_error
from news.models import NewsIndexPage
from resources.models import ResourceIndexPage
from tests.helpers import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_each_language_has_the_same_tree():
    en_home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(en_home, HomePage)
    en_children = set(en_home.get_children().values_list("translation_key", flat=True))
    assert len(en_children) == 7
    for code in LANGUAGE_CODES:
        home = HomePage.objects.live().get(locale__language_code=code)
        assert home.translation_key == en_home.translation_key
        children = home.get_children().live()
        assert set(children.values_list("translation_key", flat=True)) == en_children
        assert children.type(StandardPage).count() == 4
        for model in (NewsIndexPage, CallIndexPage, ResourceIndexPage):
            assert children.type(model).count() == 1


def test_taxonomy_and_navigation_exist_in_every_language():
    for code in LANGUAGE_CODES:
        assert Country.objects.filter(locale__language_code=code).count() == 7
        assert Topic.objects.filter(locale__language_code=code, parent=None).count() == 2
        assert GrantType.objects.filter(locale__language_code=code).count() == 6
        assert MainMenu.objects.filter(locale__language_code=code).count() == 1
        assert Footer.objects.filter(locale__language_code=code).count() == 1
    # Translations share a translation key; subtopics point at the theme of their own language.
    serbia = Country.objects.filter(slug="serbia")
    assert serbia.values("translation_key").distinct().count() == 1
    for topic in Topic.objects.exclude(parent=None).select_related("parent"):
        assert topic.parent.locale_id == topic.locale_id


def test_seeding_twice_changes_nothing():
    counts = (Page.objects.count(), Country.objects.count(), MainMenu.objects.count())
    report = seed_site()
    assert report.created == []
    assert (Page.objects.count(), Country.objects.count(), MainMenu.objects.count()) == counts


def test_seed_command_keeps_editors_changes(capsys):
    home = HomePage.objects.get(locale__language_code="sq")
    home.hero_heading = "Titull i ndryshuar nga redaktori"
    home.save_revision().publish()
    call_command("seed_site")
    assert "nothing created" in capsys.readouterr().out
    assert HomePage.objects.get(pk=home.pk).hero_heading == "Titull i ndryshuar nga redaktori"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_standard_pages_render(client, code):
    for page in StandardPage.objects.live().filter(locale__language_code=code):
        response = client.get(page.url)
        assert response.status_code == 200
        assert f"<h1>{page.title}</h1>" in response.content.decode()


def test_footer_carries_the_donor_acknowledgement(client):
    html = client.get("/hr/").content.decode()
    footer = Footer.objects.get(locale__language_code="hr")
    assert "site-footer__donor" in html
    assert footer.about_text in html


def test_sitemap_lists_every_language_with_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    locations = [loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)]
    assert len(locations) == Page.objects.live().public().filter(depth__gte=2).count()
    for code in LANGUAGE_CODES:
        assert f"http://testserver/{code}/" in locations
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    entry = next(
        url for url in tree.findall("s:url", SITEMAP_NS)
        if url.find("s:loc", SITEMAP_NS).text == f"http://testserver{about.url}"
    )  # fmt: skip
    hreflangs = {link.get("hreflang") for link in entry.findall("x:link", SITEMAP_NS)}
    assert hreflangs == {"en", "sq", "bs", "hr", "sr", "sr-Latn", "mk", "cnr", "x-default"}


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/no-such-page/", "Page not found"),
        ("/sq/nuk-ekziston/", "Faqja nuk u gjet"),
        ("/sr/nema/", "Страница није пронађена"),
        ("/mk/nema/", "Страницата не е пронајдена"),
        ("/cnr/nema/", "Stranica nije pronađena"),
        ("/en/%00%ff/../<script>/", "Page not found"),
    ],
)
def test_unknown_paths_give_a_404_in_the_readers_language(client, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()


def test_unknown_language_prefix_redirects_then_404s_readably(client):
    response = client.get("/xx/", headers={"accept-language": "sq"}, follow=True)
    assert response.status_code == 404
    assert "Faqja nuk u gjet" in response.content.decode()


def test_server_error_page_needs_no_database():
    request = RequestFactory().get("/hr/")
    with translation.override("hr"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Nešto je pošlo po zlu" in response.content.decode()


def test_admin_login_is_reachable(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    ['"unbalanced (AND OR NOT', "\x00\x01", "*^-:", "🙂" * 50, "q" * 10_000, "   ", "društvo"],
)
def test_search_never_fails_on_input(client, query):
    response = client.get("/bs/search/", {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert 'lang="bs"' in response.content.decode()


@pytest.mark.parametrize("code", ["sr", "sq"])
def test_section_indexes_describe_themselves_to_search_engines(client, code):
    """Without a search description an index page offers its introduction instead (Lighthouse SEO)."""
    for model in (CallIndexPage, ResourceIndexPage, NewsIndexPage):
        index = model.objects.get(locale__language_code=code)
        html = client.get(index.url).content.decode()
        expected = index.search_description or index.intro
        assert expected, f"{model.__name__} in {code} has neither description nor introduction"
        assert '<meta name="description" content="' in html
        assert escape(expected[:40]) in html
