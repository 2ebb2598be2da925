"""The faceted library: combinable facets, counts that follow the other filters, hostile input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.resources.helpers import add_resources, counts, library, titles

pytestmark = pytest.mark.django_db

# Site chrome (~12: site, menu, footer, language versions) + library (~15: view restrictions,
# topics, countries, six facet counts, count, page of results, their languages, campaigns, the
# library's language for the campaigns address in that language).
LIBRARY_QUERY_BOUND = 28


def test_unfiltered_library_counts_every_type(client):
    response = client.get(library("en").url)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 10
    assert counts(response, "type") == {
        "training-module": 2, "guide": 2, "toolkit": 2, "template": 1, "report": 1,
        "video": 1, "webinar": 1,
    }  # fmt: skip
    html = response.content.decode()
    assert 'name="type" value="guide"' in html
    assert "10 resources" in html


def test_facets_combine_and_counts_follow_the_other_filters(client):
    url = library("en").url
    response = client.get(url, {"type": "guide", "language": "bs"})
    assert titles(response) == ["Advocacy guide for local civil-society organisations"]
    # Type counts are those within Bosnian material; language counts those within guides.
    assert counts(response, "type") == {
        "guide": 1, "training-module": 1, "toolkit": 1, "template": 1,
    }  # fmt: skip
    assert counts(response, "language") == {
        "en": 2, "sq": 1, "bs": 1, "hr": 1, "sr": 1, "mk": 1,
    }  # fmt: skip
    # A facet's own counts ignore its own selection, so the other guides stay reachable.
    assert counts(response, "type")["guide"] == 1
    assert counts(response, "country") == {"bosnia-and-herzegovina": 1, "regional": 1}


def test_options_of_one_facet_are_alternatives(client):
    response = client.get(library("en").url, {"type": ["guide", "toolkit"], "sort": "title"})
    assert titles(response) == [
        "Advocacy guide for local civil-society organisations",
        "Anti-corruption monitoring toolkit",
        "Community safety guide for neighbourhood groups",
        "Toolkit for preventing violent extremism at local level",
    ]
    assert counts(response, "type")["video"] == 1  # other types still offered


def test_topic_country_audience_level_filters(client):
    url = library("en").url
    response = client.get(url, {"topic": "media-freedom"})
    assert sorted(titles(response)) == [
        "Media freedom in the Western Balkans: annual report",
        "Video: fact-checking in ten minutes a day",
    ]
    response = client.get(url, {"country": "montenegro", "audience": "csos"})
    assert titles(response) == ["Training module: advanced advocacy and coalition building"]
    response = client.get(url, {"level": "advanced", "audience": "local-government"})
    assert titles(response) == ["Toolkit for preventing violent extremism at local level"]
    assert counts(response, "level") == {"introductory": 1, "advanced": 1}


def test_facets_use_the_same_slugs_in_every_language(client):
    response = client.get(library("sr").url, {"type": "guide", "language": "bs"})
    assert titles(response) == ["Водич за заговарање за локалне организације цивилног друштва"]
    html = response.content.decode()
    assert "Босна и Херцеговина" in html  # the country facet's label in Serbian


def test_sorting_by_newest_and_by_title(client):
    url = library("en").url
    newest = titles(client.get(url))
    assert newest[0] == "Webinar recording: citizens and the municipal budget"  # 2026-10-07
    by_title = titles(client.get(url, {"sort": "title"}))
    assert by_title == sorted(by_title)


def test_shareable_url_and_pagination_keep_the_filters(client):
    index = library("en")
    add_resources(index, 20)
    response = client.get(index.url, {"type": "guide", "sort": "title"})
    assert len(response.context["resources"]) == 12
    html = response.content.decode()
    assert "?type=guide&amp;sort=title&amp;page=2" in html
    second = client.get(index.url, {"type": "guide", "sort": "title", "page": 2})
    assert len(second.context["resources"]) == 22 - 12


@pytest.mark.parametrize(
    "query",
    [
        "type=%3Cscript%3Ealert(1)%3C/script%3E",
        "topic=%27%20OR%201%3D1--&country=%00",
        "language=xx&language=" + "a" * 5000,
        "page=-1",
        "page=abc",
        "page=999999999999999999999",
        "sort=__import__",
        "type[]=guide&level=advanced%00",
        "&".join(["type=guide"] * 500),
        "country=serbia&country=serbia&country=SERBIA",
    ],
)
def test_hostile_facet_values_never_fail(client, query):
    response = client.get(f"{library('en').url}?{query}")
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_unknown_values_are_ignored_not_matched(client):
    response = client.get(library("en").url, {"type": "nonsense", "country": "atlantis"})
    assert response.context["page_obj"].paginator.count == 10
    assert response.context["active_filters"] == []


def _library_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def test_library_queries_do_not_grow_with_the_number_of_resources(client):
    index = library("en")
    url = f"{index.url}?language=en&type=guide&type=toolkit"
    ten, response = _library_queries(client, index.url)
    assert response.context["page_obj"].paginator.count == 10
    ten_filtered, _response = _library_queries(client, url)
    add_resources(index, 90)
    hundred, response = _library_queries(client, index.url)
    assert response.context["page_obj"].paginator.count == 100
    hundred_filtered, _response = _library_queries(client, url)
    assert hundred == ten
    assert hundred_filtered == ten_filtered
    assert ten <= LIBRARY_QUERY_BOUND, ten


def test_campaign_index_lists_current_and_past_campaigns(client):
    index = library("en")
    response = client.get(index.campaigns_url)
    assert response.status_code == 200
    assert [c.slug for c in response.context["current_campaigns"]] == ["shared-society"]
    assert [c.slug for c in response.context["past_campaigns"]] == ["your-voice-counts"]
    # The library itself features the current campaign and links to the campaign index.
    html = client.get(index.url).content.decode()
    assert "Shared society: we live here together" in html
    assert f'href="{index.campaigns_url}"' in html
