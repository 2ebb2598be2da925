"""News and story pages: what readers and search engines see, JSON-LD, sharing tags, images."""

import json
import re

import pytest

from tests.news.helpers import newsroom, seeded_item

pytestmark = pytest.mark.django_db


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _news(code, key="n01"):
    return seeded_item(key, code)


def _story(code, key="s01"):
    return seeded_item(key, code)


def test_news_page_shows_date_lead_body_taxonomy_and_image(client):
    page = _news("en")
    html = client.get(page.url).content.decode()
    assert '<time datetime="2026-11-18">' in html
    assert "More than 400 residents" in html
    assert "The municipal council adopted 23 of the proposals" in html
    assert "Civic Forum Kumanovo" in html
    assert f'href="{newsroom("en").url}?country=north-macedonia">North Macedonia</a>' in html
    assert 'href="{}?tag=municipal-budget">municipal budget</a>'.format(newsroom("en").url) in html
    figure = re.search(r'<figure class="article-image">(.+?)</figure>', html, re.S).group(1)
    # Art direction: a wide crop from 48rem, a 4:3 crop on phones, both around the focal point.
    wide = re.search(r'<source media="\(min-width: 48rem\)"[^>]+>', figure).group(0)
    assert "fill-704x396" in wide and 'width="704"' in wide and 'height="396"' in wide
    img = re.search(r"<img [^>]+>", figure).group(0)
    assert 'alt="Residents seated around tables at a town hall meeting"' in img
    assert (
        "format-webp" in img and " 780w" in img and 'width="390"' in img and 'height="293"' in img
    )


def test_news_json_ld_is_a_valid_news_article(client):
    page = _news("mk")
    data = _json_ld(client.get(page.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.title
    assert data["datePublished"] == "2026-11-18"
    assert data["inLanguage"] == "mk"
    assert data["image"][0].startswith("http://testserver/") and "fill-1200x630" in data["image"][0]
    assert data["author"] == {"@type": "Organization", "name": "Граѓански форум Куманово"}
    assert data["publisher"]["name"] and data["publisher"]["logo"]["url"].endswith(".svg")
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver{page.url}"
    assert data["dateModified"]


def test_json_ld_cannot_be_broken_out_of(client):
    page = _news("en")
    page.title = "</script><script>alert(1)</script> & more"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["headline"] == "</script><script>alert(1)</script> & more"


def test_story_page_has_its_facts_figures_quote_and_gallery(client):
    page = _story("sr")
    html = client.get(page.url).content.decode()
    assert "Омладинска иницијатива Битољ" in html
    assert "Битољ, Северна Македонија" in html
    assert (
        '<span class="outcomes__number">1.200</span> <span class="outcomes__label">младих дало мишљење</span>'  # as Serbian writes it
        in html
    )
    assert "Први пут је неко у општини питао шта нам треба" in html
    assert 'alt="Јавни скуп на којем ученици представљају своју анкету"' in html
    data = _json_ld(html)
    assert data["@type"] == "Article"
    assert data["author"]["name"] == "Омладинска иницијатива Битољ"


def test_story_links_to_the_call_it_came_from_when_live(client):
    page = _story("en")
    call = newsroom("en").get_parent().get_children().live().exclude(pk=newsroom("en").pk).first()
    page.source_call = call
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f'href="{call.url}">{call.title}</a>' in html
    call.unpublish()
    assert call.title not in client.get(page.url).content.decode().split("story-facts")[1][:400]


def test_sharing_tags(client):
    page = _news("sr")
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in html
    assert '<meta property="og:image" content="http://testserver/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:title" content="{page.title}">' in html
    assert '<meta property="article:published_time" content="2026-11-18">' in html


def test_every_image_has_alt_text_and_dimensions(client):
    for url in [
        newsroom("en").url,
        newsroom("sr").archive_url("stories"),
        _story("mk").url,
        "/en/",
    ]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<img [^>]+>", html):
            assert " alt=" in tag, (url, tag)
            if "/media/" in tag:
                assert " width=" in tag and " height=" in tag, (url, tag)


def test_related_pages_are_listed(client):
    page = _news("en")
    story = _story("en")
    page.related_pages = [("page", story)]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f'<a href="{story.url}">{story.title}</a>' in html.replace("&#x27;", "'")


def test_home_page_shows_latest_news_and_stories_of_its_language(client):
    html = client.get("/mk/").content.decode()
    assert "Граѓаните на Куманово го обликуваат општинскиот буџет" in html
    assert "Младинскиот совет што го смени возниот ред во Битола" in html
    assert "Citizens of Kumanovo" not in html
    assert f'href="{newsroom("mk").archive_url("stories")}"' in html


def test_draft_items_stay_out_of_listings_feeds_and_home(client):
    page = _news("en")
    page.unpublish()
    assert page.title not in client.get("/en/").content.decode()
    assert page.title not in client.get(newsroom("en").url).content.decode()
    assert page.title not in client.get(newsroom("en").url + "feed/rss/").content.decode()


@pytest.mark.parametrize("code", ["sr", "sq"])
def test_story_without_a_photograph_gives_search_engines_its_share_card(client, code):
    """Article structured data names an image (Google asks for one): a story with no picture of
    its own names its drawn share card, the same absolute address its og:image gives."""
    page = _story(code)
    page.listing_image = None
    page.social_image = None
    page.image_alt = ""
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    data = _json_ld(html)
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert data["@type"] == "Article"
    assert og_image.startswith("http://testserver/media/share-cards/"), og_image
    assert data["image"] == [og_image]


def test_story_with_a_photograph_names_the_photograph(client):
    page = _story("sr")
    assert page.listing_image is not None
    data = _json_ld(client.get(page.url).content.decode())
    assert len(data["image"]) == 1 and "/share-cards/" not in data["image"][0]
    assert data["image"][0].startswith("http://testserver/media/images/")
