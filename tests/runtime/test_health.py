"""GET /health/: JSON for a load balancer, never cached, 503 when the cache is unreachable."""

import pytest
from django.test import override_settings

from tests.services import free_port

pytestmark = pytest.mark.django_db


def test_health_answers_json_and_is_never_cached(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert body["checks"]["worker"] == {
        "ok": True,
        "backend": "ImmediateBackend",
        "worker": "not needed",
    }
    assert client.post("/health/").status_code == 405


def test_health_fails_when_redis_is_unreachable(client, redis_url):
    unreachable = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    reachable = {**unreachable, "default": {**unreachable["default"], "LOCATION": redis_url}}
    with override_settings(CACHES=reachable):
        assert client.get("/health/").status_code == 200
    with override_settings(CACHES=unreachable):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False
    assert response.json()["status"] == "fail"
