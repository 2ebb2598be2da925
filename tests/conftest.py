"""Shared fixtures: the seeded eight-language site is built once per test session (per worker)."""

import os

import pytest
from django.core.cache import cache

from home.seeding import seed_site
from tests import seeded_snapshot
from tests.services import redis_url  # noqa: F401  (a fixture shared by every test package)

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable
# from the test body and from live_server's thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate (pytest-django), then seed the demo site once and keep a snapshot of it; each test
    runs in a rolled-back transaction, or (transactional tests) on the snapshot put back."""
    with django_db_blocker.unblock():
        seed_site()
        seeded_snapshot.take()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths; a test that changes pages must not leak into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded_site(db):
    """The seeded site, for tests that run inside the per-test transaction."""
    return seed_site


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """The seeded site for a test whose writes are committed (other threads and processes see
    them): transactional tests empty the database after them, so the seeded site is put back."""
    seeded_snapshot.restore()


@pytest.fixture
def seeded_live_server(seeded_transactional_db, live_server):
    """A live server over the seeded database."""
    return live_server
