"""The calls index: status order, combinable filters with counts, shareable URLs, hostile input."""

import re

import pytest

from calls.models import CallIndexPage
from tests.calls.helpers import call_codes_in

pytestmark = pytest.mark.django_db


def _index(language):
    return CallIndexPage.objects.get(locale__language_code=language)


def _codes(html):
    """Codes of the calls listed, lower-case (found by their pages, not their addresses)."""
    language = re.search(r'<html lang="([^"]+)"', html).group(1).lower()
    return [code.lower() for code in call_codes_in(html, language)]


def test_index_lists_open_then_forthcoming_then_closed(client):
    response = client.get(_index("sq").url)
    assert response.status_code == 200
    assert _codes(response.content.decode()) == [
        "wbcsp-2026-loc-02",  # closing soon: nearest deadline
        "wbcsp-2026-media-03",
        "wbcsp-2026-core-01",
        "wbcsp-2026-reg-04",  # forthcoming
        "wbcsp-2026-cb-05",  # closed, most recent first
        "wbcsp-2025-nat-06",
    ]
    html = response.content.decode()
    assert "Mbyllet së shpejti" in html or "Closing soon" in html


def test_filters_combine_and_count(client):
    url = _index("sq").url
    html = client.get(url, {"status": "open", "country": "kosovo"}).content.decode()
    assert _codes(html) == ["wbcsp-2026-loc-02", "wbcsp-2026-media-03", "wbcsp-2026-core-01"]
    # Counts are for the other active filters: three open calls accept Kosovo.
    assert re.search(r'<option value="kosovo" selected>Kosov[aë] \(3\)</option>', html)
    html = client.get(url, {"status": "open", "country": "kosovo", "grant_type": "local"})
    assert _codes(html.content.decode()) == ["wbcsp-2026-loc-02"]
    html = client.get(url, {"topic": "security-and-stability"}).content.decode()
    # A theme matches calls on its sub-topics too (community safety, dealing with the past).
    assert _codes(html) == ["wbcsp-2026-loc-02", "wbcsp-2026-reg-04"]


def test_filtered_address_is_shareable(client):
    url = _index("sr").url + "?status=closed&country=serbia"
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    assert _codes(first) == _codes(second) == ["wbcsp-2026-cb-05"]
    assert '<option value="closed" selected>' in first


@pytest.mark.parametrize(
    "params",
    [
        {"status": "'; DROP TABLE calls_callpage; --"},
        {"country": "\x00"},
        {"topic": "<script>alert(1)</script>"},
        {"grant_type": "x" * 5000},
        {"status": ["open", "closed"], "page": "-1"},
        {"country[]": "kosovo", "status": "%00"},
    ],
)
def test_hostile_parameters_never_fail(client, params):
    response = client.get(_index("en").url, params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_no_match_says_so(client):
    html = client.get(_index("en").url, {"status": "forthcoming", "country": "kosovo"}).content
    assert "No call matches these filters." in html.decode()
