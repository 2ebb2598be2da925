"""Detail pages cost at most DETAIL_PAGE_BOUND queries once the shared caches are warm (routing,
site chrome, the page's own fragments), and no more — warm or cold — when their lists (related
pages, taxonomy, files, materials) grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from calls.models import CallPage
from home.models import Country, Topic
from news.models import NewsPage, StoryPage
from resources.models import CampaignMaterial, CampaignPage, ResourceFile, ResourcePage
from runtime import content_version

pytestmark = pytest.mark.django_db

DETAIL_PAGE_BOUND = 12
# With warm fragments a page reads itself (and a call its form); measured: 1 to 4.
WARM_FRAGMENTS_BOUND = 4


def _queries(client, page, warm=True):
    """Queries of one render: warm (caches filled by a first visit, as on a running site) or
    cold (right after an edit anywhere: routes, chrome and page fragments built afresh)."""
    client.get(page.url)  # renditions and share cards exist from here on
    if not warm:
        content_version.bump()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert response.status_code == 200, page.url
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("model", "code"),
    [
        (NewsPage, "en"), (NewsPage, "sr"), (StoryPage, "en"), (StoryPage, "mk"),
        (CallPage, "en"), (CallPage, "sr"), (ResourcePage, "en"), (ResourcePage, "sq"),
        (CampaignPage, "en"), (CampaignPage, "sr"),
    ],
)  # fmt: skip
def test_detail_page_query_bound(client, model, code):
    page = model.objects.live().filter(locale__language_code=code).first()
    assert _queries(client, page) <= WARM_FRAGMENTS_BOUND <= DETAIL_PAGE_BOUND


def _republish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def test_news_page_queries_do_not_grow_with_related_pages_and_taxonomy(client):
    page = NewsPage.objects.live().filter(locale__language_code="en").first()
    page.related_pages = [("page", p) for p in NewsPage.objects.filter(locale=page.locale)[:1]]
    page.topics, page.countries = list(page.topics.all())[:1], list(page.countries.all())[:1]
    page = _republish(page)
    before = _queries(client, page), _queries(client, page, warm=False)
    others = NewsPage.objects.live().filter(locale=page.locale).exclude(pk=page.pk)[:6]
    page.related_pages = [("page", other) for other in others]
    page.topics = list(Topic.objects.filter(locale=page.locale)[:4])
    page.countries = list(Country.objects.filter(locale=page.locale)[:5])
    page.tags.add("budget", "youth", "transparency")
    page = _republish(page)
    after = _queries(client, page), _queries(client, page, warm=False)
    html = client.get(page.url).content.decode()
    assert all(other.title in html for other in others)  # the six related pages are listed
    assert after == before and after[0] <= DETAIL_PAGE_BOUND


def test_resource_and_campaign_queries_do_not_grow_with_files_and_materials(client):
    documents = list(Document.objects.all()[:4])
    assert len(documents) == 4
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()
    campaign = CampaignPage.objects.live().filter(locale__language_code="en").first()
    pages = (resource, campaign)
    before = [_queries(client, page, warm) for page in pages for warm in (True, False)]
    for document in documents:
        resource.files.add(ResourceFile(document=document, language="en"))
        campaign.materials.add(CampaignMaterial(kind="poster", document=document, language="en"))
    pages = resource, campaign = _republish(resource), _republish(campaign)
    assert resource.files.count() >= len(documents) and campaign.materials.count() >= 4
    assert [_queries(client, page, warm) for page in pages for warm in (True, False)] == before
