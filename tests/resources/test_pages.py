"""Resource and campaign pages: what they show, structured data, print styles, query bounds."""

import json
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.resources.helpers import campaign, resource

pytestmark = pytest.mark.django_db

PAGE_QUERY_BOUND = 30  # site chrome and language versions included; no per-file queries


def _json_ld(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_resource_page_shows_its_facts_licence_and_files(client):
    page = resource("en", "advocacy-guide")
    html = client.get(page.url).content.decode()
    for text in [
        "Guide", "Civil-society organisations", "Introductory", "32 pages",
        "Citizen participation", "Bosnia and Herzegovina",
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>',
    ]:  # fmt: skip
        assert text in html, text


def test_resource_json_ld_describes_a_learning_resource(client):
    page = resource("en", "advocacy-guide")
    data = _json_ld(client.get(page.url).content.decode())
    assert data["@type"] == "LearningResource"
    assert data["name"] == page.title
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["availableLanguage"] == ["en", "bs", "hr", "sr"]
    assert {part["inLanguage"] for part in data["hasPart"]} == {"en", "bs", "hr", "sr"}
    assert all(part["encodingFormat"] == "application/pdf" for part in data["hasPart"])
    report = resource("en", "media-freedom-report")
    assert _json_ld(client.get(report.url).content.decode())["@type"] == "CreativeWork"


def test_campaign_json_ld_and_open_graph(client):
    page = campaign("sr", "zajednicko-drustvo")
    html = client.get(page.url).content.decode()
    data = _json_ld(html)
    assert data["@type"] == "CreativeWork"
    assert data["inLanguage"] == "sr"
    assert data["temporalCoverage"] == "2026-09-01/2027-06-30"
    assert any(part["encodingFormat"] == "image/png" for part in data["hasPart"])
    assert '<meta property="og:title" content="Заједничко друштво: овде живимо заједно">' in html
    assert '<meta property="og:image"' in html  # the hero doubles as the listing image


def test_json_ld_cannot_close_its_script_element(client):
    page = resource("en", "advocacy-guide")
    page.title = "</script><script>alert(1)</script>"
    page.save()
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["name"] == page.title


def test_campaign_page_groups_material_by_kind_with_kit_downloads(client):
    page = campaign("en", "shared-society")
    html = client.get(page.url).content.decode()
    headings = re.findall(r"<h3>(.*?)</h3>", html)
    assert headings == [
        "Download the whole kit", "Posters", "Social-media cards", "Press kit", "Logos",
    ]  # fmt: skip
    for code in ["en", "sq", "bs", "sr", "mk"]:
        assert f'href="{page.url}kit/{code}/"' in html
    albanian = client.get(campaign("sq", "shoqeri-e-perbashket").url).content.decode()
    assert "Kontaktoni ekipin e fushatës" in albanian  # the call to action


def test_print_stylesheet_hides_navigation_and_shows_links(client):
    """The site-wide print stylesheet applies here (tests/browser/test_print.py prints pages)."""
    html = client.get(resource("en", "advocacy-guide").url).content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    css = (Path(__file__).resolve().parents[2] / "site/static/css/print.css").read_text()
    assert ".site-header" in css and "display: none" in css
    assert 'content: " (" attr(href) ")"' in css


@pytest.mark.parametrize("getter", [
    lambda: resource("en", "project-budget-template"),
    lambda: campaign("en", "shared-society"),
])  # fmt: skip
def test_resource_and_campaign_pages_have_bounded_queries(client, getter):
    page = getter()
    client.get(page.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page.url).status_code == 200
    assert len(captured.captured_queries) <= PAGE_QUERY_BOUND


def test_campaign_lists_only_live_related_pages(client):
    from home.models import StandardPage

    page = campaign("en", "shared-society")
    about, contact = StandardPage.objects.filter(locale__language_code="en")[:2]
    contact.live = False
    contact.save()
    page.related_pages = [("page", about), ("page", contact)]
    page.save()
    html = client.get(page.url).content.decode()
    start = html.index('id="related-heading"')
    section = html[start : html.index("</section>", start)]
    assert about.title in section
    assert contact.title not in section
