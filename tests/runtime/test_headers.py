"""Response headers: a strict Content-Security-Policy on public pages (none on the admin), the
other security headers, and `check --deploy` clean with the documented production environment."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from news.models import NewsPage
from tests.runtime.helpers import settings_under

pytestmark = pytest.mark.django_db

# What README's "Deploying" section asks an operator to set.
DOCUMENTED_PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "ALLOWED_HOSTS": "hub.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://hub.example.org",
    "WAGTAILADMIN_BASE_URL": "https://hub.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "UPLOAD_VIRUS_SCAN": "clamav",  # as deploy/hub.env.example says
}


def _policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_public_pages_have_a_strict_policy_and_security_headers(client):
    news = NewsPage.objects.live().filter(locale__language_code="mk").first()
    for url in ["/en/", news.url, "/sr/search/?q=budget"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_is_left_without_a_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


@override_settings(SECURE_HSTS_SECONDS=2592000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_over_https(client):
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=2592000; includeSubDomains")


def test_check_deploy_is_clean_with_the_documented_production_environment():
    kept = [name for name in ("PATH", "HOME", "LANG", "DATABASE_URL") if name in os.environ]
    env = {name: os.environ[name] for name in kept}  # not the test process's own switches
    env.update(DOCUMENTED_PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_requires_its_base_url():
    environment = {k: v for k, v in DOCUMENTED_PRODUCTION.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(SECRET_KEY="x" * 50, WAGTAILADMIN_BASE_URL=None)
    with pytest.raises(ImproperlyConfigured, match="WAGTAILADMIN_BASE_URL"):
        settings_under("config.settings.production", **environment)
