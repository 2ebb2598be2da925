"""The form's start token means what it says (issue 24, item 7): single-use, fresh from an uncached
endpoint, and a cached page's token never passes unflagged — while every application is stored."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from calls import abuse
from calls.models import Application
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db


def _post(client, token, address, name="Qendra për Demokraci Lokale"):
    page = call("WBCSP-2026-CORE-01", "en")
    data = valid_post(page, organisation_name=name, **{abuse.STARTED_FIELD: token})
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    return client.post(page.url, data, REMOTE_ADDR=address)


def test_the_endpoint_gives_a_fresh_token_that_no_cache_keeps(client):
    page = call("WBCSP-2026-CORE-01", "en")
    response = client.get(page.url + "start/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = response.json()["token"]
    assert abuse.token_source(token) == abuse.FRESH
    assert f'data-token-url="{page.url}start/"' in client.get(page.url).content.decode()


def test_a_reused_token_stores_the_second_application_flagged(client):
    token = abuse.started_token(time.time() - 60)
    assert _post(client, token, "10.7.0.1", "First organisation").status_code == 302
    assert _post(client, token, "10.7.0.2", "Second organisation").status_code == 302
    first, second = Application.objects.order_by("pk")
    assert first.review_reason == ""
    assert second.review_reason == Application.REUSED_TOKEN
    assert "already used" in second.review_note


@override_settings(CALLS_MIN_FILL_SECONDS=5)
def test_a_fresh_token_sent_too_soon_is_flagged(client):
    page = call("WBCSP-2026-CORE-01", "en")
    token = client.get(page.url + "start/").json()["token"]
    assert _post(client, token, "10.7.0.3").status_code == 302
    assert Application.objects.get().review_reason == Application.SENT_FAST


@override_settings(CALLS_MIN_FILL_SECONDS=0)  # the page was cached long ago: old enough
def test_a_token_from_a_cached_page_is_stored_but_flagged(client):
    page = call("WBCSP-2026-CORE-01", "en")
    html = client.get(page.url).content.decode()
    token = html.split(f'name="{abuse.STARTED_FIELD}" value="')[1].split('"')[0]
    assert abuse.token_source(token) == abuse.PAGE
    assert _post(client, token, "10.7.0.4").status_code == 302
    assert Application.objects.get().review_reason == Application.PAGE_TOKEN
