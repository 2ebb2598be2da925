"""Query bounds: the home page costs a bounded number of queries, whatever it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

# 19 for the page and chrome, 8 for the news slot (lists with images and renditions), 1 for the
# calls slot; Wagtail's routing adds one lookup of the home page's translation outside English.
HOME_QUERY_BOUND = 28


def _queries_for(client, url):
    client.get(url)  # warm Wagtail's site-root-path cache, as on a running site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.parametrize("code", ["en", "sr"])
def test_home_page_query_bound(client, django_assert_max_num_queries, code):
    client.get(f"/{code}/")
    with django_assert_max_num_queries(HOME_QUERY_BOUND):
        response = client.get(f"/{code}/")
    assert response.status_code == 200


def test_home_queries_do_not_grow_with_featured_pages(client):
    before, response = _queries_for(client, "/en/")
    featured_before = response.content.decode().count('class="card"')
    home = HomePage.objects.get(locale__language_code="en")
    extra = StandardPage.objects.filter(locale__language_code="en")
    home.featured = [("page", block.value) for block in home.featured] + [
        ("page", page) for page in extra[:3]
    ]
    home.save_revision().publish()
    after, response = _queries_for(client, "/en/")
    assert response.content.decode().count('class="card"') == featured_before + 3
    assert after == before
