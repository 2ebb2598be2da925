"""Fixtures of the home app's tests."""

import re

import pytest
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

PURGED = []


class RecordingBackend(BaseBackend):
    """Records the addresses a purge names instead of sending them to a proxy."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings, django_capture_on_commit_callbacks):
    """``purged(action)`` runs ``action`` with its on-commit work and returns what it returned and
    the paths the front-end cache was told to purge."""
    settings.WAGTAILFRONTENDCACHE = {"record": {"BACKEND": "tests.home.conftest.RecordingBackend"}}
    PURGED.clear()

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result, {re.sub(r"^https?://[^/]+", "", url) for url in PURGED}

    return run
