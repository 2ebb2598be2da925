"""Spam and abuse: honeypot, minimum fill time, per-address rate limit with a friendly 429."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from calls import abuse
from calls.models import Application
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db


def _post(client, address="10.1.1.1", **overrides):
    page = call("WBCSP-2026-LOC-02", "sq")
    data = valid_post(page, **overrides)
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    return client.post(page.url, data, REMOTE_ADDR=address)


def test_filled_honeypot_is_refused(client):
    response = _post(client, website="http://spam.example")
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_too_fast_or_missing_timing_is_refused(client):
    assert (
        _post(client, **{abuse.STARTED_FIELD: abuse.started_token(time.time())}).status_code == 400
    )
    assert _post(client, **{abuse.STARTED_FIELD: "forged"}).status_code == 400
    assert _post(client, **{abuse.STARTED_FIELD: None}).status_code == 400
    assert not Application.objects.exists()
    assert _post(client).status_code == 302  # after a human pause it goes through


def test_the_form_carries_a_fresh_timing_token_and_a_hidden_trap(client):
    html = client.get(call("WBCSP-2026-LOC-02", "sq").url).content.decode()
    assert f'name="{abuse.STARTED_FIELD}"' in html
    assert f'name="{abuse.HONEYPOT_FIELD}"' in html and 'aria-hidden="true"' in html


@override_settings(CALLS_RATE_LIMIT=3, CALLS_RATE_WINDOW=60)
def test_rate_limit_per_address_answers_429(client):
    statuses = [
        _post(client, address="10.2.2.2", organisation_name=f"Qendra {n}").status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    response = _post(client, address="10.2.2.2")
    assert response.status_code == 429
    assert "prisni një minutë" in response.content.decode()  # in the applicant's language
    assert Application.objects.count() == 3
    assert _post(client, address="10.3.3.3").status_code == 302  # another address is not affected
