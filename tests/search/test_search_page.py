"""The search page: results in the reader's language, highlighted snippets, facets, hostile input."""

import json

import pytest

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_latin_query_without_diacritics_finds_cyrillic_pages(client):
    response = client.get("/sr/search/", {"q": "drustvo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="search-result"' in html
    # The matched Cyrillic word is marked in the snippet.
    assert "<mark>друштв" in html


def test_snippets_escape_page_text(client):
    page = StandardPage.objects.get(locale__language_code="en", slug="about")
    page.intro = "Zanzibarian R&D <script>alert('x')</script> grants"
    page.save_revision().publish()
    html = client.get("/en/search/", {"q": "zanzibarian"}).content.decode()
    assert "<mark>Zanzibarian</mark> R&amp;D" in html
    assert "alert(" not in html.split("<main", 1)[1] or "<script>alert" not in html


def test_type_facets_count_and_filter(client):
    response = client.get("/en/search/", {"q": "programme"})
    facets = response.context["facets"]
    assert sum(facet["count"] for facet in facets) == response.context["total"]
    # Home, standard and section index pages are one reader-facing type: "page".
    assert not any(f["value"].startswith("home.") for f in facets)
    general = next(f for f in facets if f["value"] == "page")
    assert str(general["name"]) == "page"
    filtered = client.get("/en/search/", {"q": "programme", "type": "page"})
    assert len(filtered.context["paginator"].object_list) == general["count"]
    assert any(type(r["page"]) is StandardPage for r in filtered.context["results"])
    assert all(
        getattr(type(r["page"]), "search_as_general_page", False)
        for r in filtered.context["results"]
    )
    html = filtered.content.decode()
    assert "Standard page" not in html and "Home page" not in html and "News index" not in html
    # A chosen filter keeps the filters disclosure open; without one it starts closed (phones).
    assert '<details class="search-filters" open>' in html
    assert '<details class="search-filters">' in response.content.decode()


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("sr", "Ћирилицом или латиницом"),
        ("sr-latn", "Ćirilicom ili latinicom, sa dijakritičkim"),
        ("mk", "На кирилица или латиница"),
        ("bs", "Ćirilicom ili latinicom"),
        ("sq", "Me ose pa shenja diakritike"),
        ("hr", "S dijakritičkim znakovima ili bez njih"),
        ("en", None),
    ],
)
def test_typing_hint_only_where_it_helps(client, code, hint):
    html = client.get(f"/{code}/search/", {"q": "budget"}).content.decode()
    if hint is None:
        assert 'id="search-page-hint"' not in html and "aria-describedby" not in html
        assert "Cyrillic" not in html
    else:
        assert 'aria-describedby="search-page-hint"' in html
        hint_text = html.split('id="search-page-hint" class="hint">')[1].split("</p>")[0]
        assert hint_text.startswith(hint)
    if code == "sq":
        assert "cirilic" not in html.lower()


def test_all_languages_labels_each_result(client):
    response = client.get("/en/search/", {"q": "drustvo", "languages": "all"})
    languages = {result["language_code"] for result in response.context["results"]}
    assert len(languages) > 1
    assert "Српски" in response.content.decode() or "Bosanski" in response.content.decode()


def test_results_paginate_without_losing_the_query(client, monkeypatch):
    monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 3)
    response = client.get("/en/search/", {"q": "drustvo", "languages": "all"})
    assert response.context["paginator"].num_pages > 1
    next_link = response.content.decode().split('rel="next"')[0].rsplit("href=", 1)[1]
    assert "q=drustvo" in next_link and "languages=all" in next_link and "page=2" in next_link


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("2", 2),
        ("99999", "last"),
        ("9" * 5000, "last"),
        ("0", 1),
        ("-2", 1),
        ("abc", 1),
        ("2.0", 1),
    ],
)
def test_page_numbers_follow_the_listing_policy(client, monkeypatch, page, expected):
    """Past the end shows the last page; anything not a whole number of at least 1, the first."""
    monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 3)
    response = client.get("/en/search/", {"q": "drustvo", "languages": "all", "page": page})
    page_obj = response.context["page_obj"]
    assert page_obj.paginator.num_pages > 2
    assert page_obj.number == (page_obj.paginator.num_pages if expected == "last" else expected)


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"unbalanced (AND OR NOT NEAR'},
        {"q": "\x00\x01 drustvo"},
        {"q": "*^-:"},
        {"q": "🙂" * 40},
        {"q": "q" * 10_000},
        {"q": "!!!"},
        {"q": ""},
        {"q": "drustvo", "page": "0"},
        {"q": "drustvo", "page": "99999"},
        {"q": "drustvo", "page": "abc"},
        {"q": "drustvo", "type": "<script>"},
        {"q": "drustvo", "type": "auth.user"},
        {"q": "drustvo", "languages": "x" * 3000},
    ],
)
def test_hostile_input_never_fails(client, params):
    response = client.get("/sr/search/", params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_long_queries_are_cut_to_the_documented_length(client):
    response = client.get("/en/search/", {"q": "civil " * 1000})
    assert len(response.context["search_query"]) <= 200


@pytest.mark.parametrize(
    ("code", "typed", "title_start"),
    [
        ("sr", "priv", "Обавештење"),
        ("sr", "обав", "Обавештење"),
        ("mk", "za prog", "За програмата"),
    ],
)
def test_suggestions_match_title_prefixes_in_any_script(client, code, typed, title_start):
    response = client.get(f"/{code}/search/suggest/", {"q": typed})
    assert response.status_code == 200
    titles = [s["title"] for s in json.loads(response.content)["suggestions"]]
    assert any(title.startswith(title_start) for title in titles), titles


@pytest.mark.parametrize(("params", "bound"), [({}, 28), ({"languages": "all"}, 35)])
def test_search_page_query_bound(client, django_assert_max_num_queries, params, bound):
    """One search per language asked, then one query per page type shown (up to the eight types
    of the site): not one per result."""
    client.get("/hr/search/", {"q": "drustvo", **params})
    with django_assert_max_num_queries(bound):
        response = client.get("/hr/search/", {"q": "drustvo", **params})
    assert response.context["results"]


def test_calls_can_be_narrowed_by_status(client):
    response = client.get("/en/search/", {"q": "call", "type": "calls.callpage"})
    facets = {facet["value"]: facet["count"] for facet in response.context["type_facet"]["options"]}
    assert facets and sum(facets.values()) == len(response.context["paginator"].object_list)
    status, count = next(iter(facets.items()))
    narrowed = client.get("/en/search/", {"q": "call", "type": "calls.callpage", "status": status})
    assert len(narrowed.context["paginator"].object_list) == count
    hostile = client.get("/en/search/", {"q": "call", "type": "calls.callpage", "status": "<x>"})
    assert hostile.status_code == 200
    assert len(hostile.context["paginator"].object_list) == sum(facets.values())
