"""Replays, duplicates, oversized and rate-limited posts: recognised before anything is stored twice."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from calls import abuse
from calls.models import Application, ApplicationFile
from calls.storage import private_root
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db


def _data(page, **overrides):
    data = valid_post(page, **overrides)
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    return data


def _files_on_disk():
    import os

    return sum(len(files) for _root, _dirs, files in os.walk(private_root()))


def test_a_replayed_post_stores_nothing_new_and_shows_the_first_reference(client):
    page = call("WBCSP-2026-CORE-01", "en")
    data = _data(page)
    on_disk = _files_on_disk()
    first = client.post(page.url, data, REMOTE_ADDR="10.7.0.1")
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    again = client.post(page.url, data, REMOTE_ADDR="10.7.0.2")
    assert first.status_code == again.status_code == 302
    assert Application.objects.count() == 1 and ApplicationFile.objects.count() == 1
    assert _files_on_disk() == on_disk + 1  # the replay's file was not kept
    reference = Application.objects.get().reference
    assert reference in client.get(again["Location"]).content.decode()


def test_the_same_token_with_other_answers_is_another_applicant(client):
    # The call page is shared through the front-end cache, so two visitors may carry one token.
    page = call("WBCSP-2026-CORE-01", "en")
    data = _data(page)
    assert client.post(page.url, data, REMOTE_ADDR="10.7.1.1").status_code == 302
    other = dict(data, organisation_name="Another organisation")
    other["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    assert client.post(page.url, other, REMOTE_ADDR="10.7.1.2").status_code == 302
    assert Application.objects.count() == 2


def test_the_same_answers_again_with_a_new_token_show_the_first_reference(client):
    page = call("WBCSP-2026-CORE-01", "hr")
    first = client.post(page.url, _data(page), REMOTE_ADDR="10.7.2.1")
    fresh = {abuse.STARTED_FIELD: abuse.started_token(time.time() - 30)}
    second = client.post(page.url, _data(page, **fresh), REMOTE_ADDR="10.7.2.1")
    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1
    changed = _data(page, project_summary="A different project.", **fresh)
    changed[abuse.STARTED_FIELD] = abuse.started_token(time.time() - 30)
    assert client.post(page.url, changed, REMOTE_ADDR="10.7.2.1").status_code == 302
    assert Application.objects.count() == 2


@override_settings(CALLS_MAX_REQUEST_SIZE=50_000)
def test_an_oversized_post_is_refused_before_its_body_is_read(client):
    page = call("WBCSP-2026-CORE-01", "mk")

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

    response = client.generic(
        "POST", page.url, b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="300000000", **{"wsgi.input": Unreadable()},
    )  # fmt: skip
    assert response.status_code == 413
    assert "Образецот е преголем" in response.content.decode()  # in the page's language
    assert response["Cache-Control"] == "private, no-store"
    assert not Application.objects.exists()


def test_the_rate_limit_is_counted_before_the_body_is_read(client, settings):
    page = call("WBCSP-2026-CORE-01", "en")
    settings.CALLS_RATE_LIMIT, settings.CALLS_RATE_WINDOW = 1, 60
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    behind_proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client.post(page.url, _data(page), **behind_proxy).status_code == 302

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

    response = client.generic(
        "POST", page.url, b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="20000", **{"wsgi.input": Unreadable()}, **behind_proxy,
    )  # fmt: skip
    assert response.status_code == 429
    # Another client behind the same proxy is a different address.
    other = dict(behind_proxy, HTTP_X_FORWARDED_FOR="198.51.100.10")
    data = _data(page, organisation_name="Another organisation")
    assert client.post(page.url, data, **other).status_code == 302
