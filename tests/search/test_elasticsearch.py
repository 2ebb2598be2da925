"""Elasticsearch: mappings, documents and query bodies checked offline; a live round trip when
ELASTICSEARCH_URL points at a cluster (none can be installed on the CI machines)."""

import os

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from search.folding import fold_for_search
from search.indexing import FOLDED_FIELD

pytestmark = pytest.mark.django_db

LIVE_URL = os.environ.get("ELASTICSEARCH_URL")


@pytest.fixture
def backend():
    """The backend the settings select when ELASTICSEARCH_URL is set; creating it does not connect."""
    return get_search_backend(
        "wagtail.search.backends.elasticsearch9",
        URLS=[LIVE_URL or "http://127.0.0.1:9"],
        INDEX="hub-test",
        TIMEOUT=5,
    )


def _text_fields(mapping):
    return {
        name: spec for name, spec in mapping["properties"].items() if spec.get("type") == "text"
    }


def test_mapping_indexes_the_folded_text(backend):
    mapping = backend.mapping_class(StandardPage).get_mapping()
    folded = [name for name in _text_fields(mapping) if name.endswith(FOLDED_FIELD)]
    assert folded, sorted(mapping["properties"])


def test_document_carries_folded_words_of_a_cyrillic_page(backend):
    page = StandardPage.objects.get(locale__language_code="sr", slug="o-programu")
    document = backend.mapping_class(StandardPage).get_document(page)
    folded = next(value for key, value in document.items() if key.endswith(FOLDED_FIELD))
    assert "drustv" in folded.split()
    assert not any("\u0400" <= ch <= "\u04ff" for ch in folded)


def test_query_body_asks_for_the_folded_terms(backend):
    query = fold_for_search("Društvo ĐAKOVO", "hr")
    compiler = backend.query_compiler_class(Page.objects.live(), query)
    body = repr(compiler.get_query())
    assert "drustv" in body and "dakov" in body


@pytest.mark.skipif(
    not LIVE_URL, reason="no Elasticsearch server here: set ELASTICSEARCH_URL to run"
)
def test_live_cluster_finds_cyrillic_page_from_latin_query(backend):
    backend.reset_index()
    for model in (StandardPage,):
        index = backend.get_index_for_model(model)
        index.add_model(model)
        index.add_items(model, list(model.objects.live()))
    index.refresh()
    results = backend.search(
        fold_for_search("drustvo", "sr"), Page.objects.live().filter(locale__language_code="sr")
    )
    assert any(page.slug == "o-programu" for page in results)
