"""Hostile input to the call page never gives a 500: clear errors or 404, nothing stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from calls.models import Application
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "overrides",
    [
        {"country": "<script>alert(1)</script>"},
        {"organisation_type": "admin"},
        {"themes": ["security", "'; DROP TABLE calls_application; --"]},
        {"requested_amount": "NaN"},
        {"requested_amount": "1e999999"},
        {"organisation_name": "x" * 100_000},
        {"email": "a@b" * 200},
        {"organisation_name": "\x00\x01"},
    ],
)
def test_bad_field_values_are_refused_clearly(client, overrides):
    page = call("WBCSP-2026-CORE-01", "bs")
    data = valid_post(page, **overrides)
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    response = client.post(page.url, data, REMOTE_ADDR="10.4.4.4")
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "suffix", ["received/garbage/", "received/MQ/", "files/garbage/", "files/", "calendar/x/"]
)
def test_forged_addresses_are_404(client, suffix):
    assert client.get(call().url + suffix).status_code == 404


def test_post_without_any_field_or_token(client):
    page = call()
    response = client.post(page.url, {}, REMOTE_ADDR="10.5.5.5")
    assert response.status_code == 400
    assert not Application.objects.exists()
