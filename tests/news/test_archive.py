"""The news and story archives: filters alone and combined, counts, paging and hostile input."""

import pytest

from news.archive import PER_PAGE
from news.models import NewsPage, StoryPage
from tests.news.helpers import add_news, card_titles, newsroom, seeded_item

pytestmark = pytest.mark.django_db


def _get(client, url, params=""):
    return client.get(url + params)


def test_archive_lists_only_this_languages_live_news_newest_first(client):
    index = newsroom("en")
    hidden = seeded_item("n03")
    hidden.unpublish()
    response = client.get(index.url)
    assert response.status_code == 200
    titles = card_titles(response)
    assert len(titles) == 11
    assert titles[0] == "Citizens of Kumanovo help shape their municipal budget"
    assert hidden.title not in titles
    assert "Граѓаните на Куманово" not in response.content.decode()
    assert "11 items" in response.content.decode()


def test_story_archive_lists_stories_only(client):
    index = newsroom("en")
    response = client.get(index.archive_url("stories"))
    titles = card_titles(response)
    assert len(titles) == 6
    assert "The youth council that changed Bitola's bus timetable" in titles
    assert "Citizens of Kumanovo help shape their municipal budget" not in titles


@pytest.mark.parametrize(
    "params, expected",
    [
        ("?country=north-macedonia", 2),
        ("?topic=governance", 7),  # the theme matches its sub-topics' items too
        ("?topic=anti-corruption", 2),
        ("?grant_type=media", 2),
        ("?tag=journalism", 2),
        ("?year=2025", 4),
        ("?country=north-macedonia&topic=governance", 2),
        ("?country=north-macedonia&topic=security-and-stability", 0),
        ("?topic=governance&grant_type=media&year=2026", 1),
        ("?country=serbia&tag=journalism&year=2026", 1),
        ("?country=albania&topic=governance&grant_type=core&tag=transparency&year=2025", 1),
    ],
)
def test_filters_alone_and_combined(client, params, expected):
    response = client.get(newsroom("en").url + params)
    assert response.status_code == 200
    assert len(card_titles(response)) == expected


def test_filters_use_the_same_slugs_in_every_language(client):
    for code in ["mk", "sr", "sq", "sr-latn"]:
        response = client.get(newsroom(code).url + "?country=north-macedonia&topic=governance")
        assert response.status_code == 200
        assert len(card_titles(response)) == 2, code
    mk = client.get(newsroom("mk").url + "?country=north-macedonia&topic=governance")
    assert card_titles(mk)[0] == "Граѓаните на Куманово го обликуваат општинскиот буџет"


def test_tag_filter_in_cyrillic(client):
    response = client.get(newsroom("sr").url, {"tag": "новинарство"})
    assert len(card_titles(response)) == 2


def test_option_counts_follow_the_other_filters(client):
    html = client.get(newsroom("en").url + "?topic=governance").content.decode()
    # Seven governance items: two of them from North Macedonia, none from Kosovo.
    assert 'value="north-macedonia">North Macedonia (2)</option>' in html
    assert 'value="kosovo"' not in html
    # The topic facet ignores its own selection, so other themes stay reachable.
    assert 'value="security-and-stability">Security and Stability (6)</option>' in html
    assert 'value="governance" selected>Governance (7)</option>' in html


def test_labels_are_translated(client):
    html = client.get(newsroom("sr").url).content.decode()
    assert "Северна Македонија (2)" in html
    assert '<label for="filter-country">Земља</label>' in html


def test_story_filters(client):
    url = newsroom("en").archive_url("stories")
    assert len(card_titles(client.get(url + "?grant_type=local"))) == 2
    assert len(card_titles(client.get(url + "?country=kosovo&topic=security-and-stability"))) == 1


def test_twelve_a_page_and_shareable_page_links(client):
    index = newsroom("en")
    add_news(index, 20)
    first = client.get(index.url + "?tag=extra")
    assert len(card_titles(first)) == PER_PAGE
    assert 'href="?tag=extra&amp;page=2"' in first.content.decode()
    second = client.get(index.url + "?tag=extra&page=2")
    assert len(card_titles(second)) == 8
    assert set(card_titles(first)).isdisjoint(card_titles(second))


def test_empty_result_explains_itself(client):
    response = client.get(newsroom("en").url + "?country=kosovo&topic=governance")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing matches all of these filters" in html
    assert "Remove filter Country: Kosovo" in html


def test_unknown_slug_gives_a_friendly_empty_page(client):
    response = client.get(newsroom("en").url + "?country=atlantis")
    html = response.content.decode()
    assert response.status_code == 200
    assert card_titles(response) == []
    assert "There is nothing filed under “atlantis” (Country)." in html


@pytest.mark.parametrize(
    "params",
    [
        "?year=20x5",
        "?year=99999",
        "?country=<script>alert(1)</script>",
        "?country=%3Cscript%3E",
        "?topic=" + "a" * 500,
        "?tag=" + "ж" * 300,
        "?grant_type=core'--",
    ],
)
def test_hostile_values_give_a_friendly_404_never_500(client, params):
    for url in (newsroom("en").url, newsroom("en").archive_url("stories")):
        response = client.get(url + params)
        assert response.status_code == 404, (url, params)
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html
        assert 'class="search-form"' in html  # the site's own 404 page, with search


@pytest.mark.parametrize("page", ["99999", "3", "9" * 400])
def test_a_page_past_the_end_shows_the_last_page(client, page):
    index = newsroom("en")
    add_news(index, 20)
    last = client.get(index.url + "?tag=extra&page=2")
    response = client.get(index.url + "?tag=extra&page=" + page)
    assert response.status_code == 200
    assert card_titles(response) == card_titles(last)
    assert len(card_titles(response)) == 8


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "<script>alert(1)</script>"])
def test_a_page_that_is_not_a_page_number_shows_the_first_page(client, page):
    for url in (newsroom("en").url, newsroom("en").archive_url("stories")):
        first = client.get(url)
        response = client.get(url, {"page": page})
        assert response.status_code == 200, (url, page)
        assert card_titles(response) == card_titles(first)
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_harmless_odd_values_are_still_fine(client):
    url = newsroom("en").url
    assert client.get(url + "?country=&topic=").status_code == 200
    assert client.get(url + "?page=1").status_code == 200
    assert client.get(url + "?unknown=whatever").status_code == 200
    assert client.get(url + "?year=1999").status_code == 200


def test_story_models_exist_in_every_language():
    for code in ["en", "sq", "bs", "hr", "sr", "sr-latn", "mk", "cnr"]:
        index = newsroom(code)
        assert NewsPage.objects.child_of(index).live().count() == 12, code
        assert StoryPage.objects.child_of(index).live().count() == 6, code
