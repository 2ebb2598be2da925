"""REDIS_URL and TASKS_BACKEND: what each environment gets, and a real Redis behind the cache."""

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from tests.runtime.helpers import settings_under

PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "hub.example.org",
    "WAGTAILADMIN_BASE_URL": "https://hub.example.org",
}


def test_without_redis_each_process_keeps_an_in_memory_cache():
    loaded = settings_under("config.settings.dev", REDIS_URL=None, TASKS_BACKEND=None)
    assert loaded.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert loaded.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


def test_production_queues_tasks_in_the_database_and_uses_redis_when_given():
    loaded = settings_under(
        "config.settings.production", REDIS_URL="redis://10.0.0.5:6379/1", TASKS_BACKEND=None,
        **PRODUCTION,
    )  # fmt: skip
    assert loaded.CACHES["default"]["BACKEND"] == "runtime.resilient_cache.ResilientRedisCache"
    assert loaded.CACHES["default"]["LOCATION"] == "redis://10.0.0.5:6379/1"
    assert loaded.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert {"django_tasks", "django_tasks_db"} <= set(loaded.INSTALLED_APPS)
    immediate = settings_under(
        "config.settings.production", TASKS_BACKEND="immediate", **PRODUCTION
    )
    assert immediate.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


def test_an_unknown_task_backend_is_a_clear_error():
    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND must be one of"):
        settings_under("config.settings.dev", TASKS_BACKEND="celery")


def test_the_redis_cache_is_shared_through_a_real_server(redis_url):
    loaded = settings_under("config.settings.dev", REDIS_URL=redis_url)
    with override_settings(CACHES=loaded.CACHES):
        first, second = caches.create_connection("default"), caches.create_connection("default")
        first.set("runtime-probe", "shared", 30)
        assert second.get("runtime-probe") == "shared"  # another client, as another process
        second.delete("runtime-probe")
