"""What an applicant reads around the form: the error summary, the size limits the browser checks,
the 413 of the development server, and the confirmation page and e-mail (issue 19, section 2)."""

import re
from pathlib import Path

import pytest
import requests
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from calls.models import Application
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db


def _apply(client, language, django_capture_on_commit_callbacks, **overrides):
    page = call("WBCSP-2026-CORE-01", language)
    data = valid_post(page, **overrides)
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after the commit
        response = client.post(page.url, data, REMOTE_ADDR=f"10.19.2.{len(mail.outbox) + 1}")
    assert response.status_code == 302, response.content.decode()[:500]
    return page, response


# --- 2.3 The error summary ------------------------------------------------------------------


def test_the_error_summary_links_each_error_to_its_field(client):
    page = call("WBCSP-2026-CORE-01", "sr")
    data = valid_post(page, organisation_name="", email="not-an-email", organisation_type="")
    html = client.post(page.url, data, REMOTE_ADDR="10.19.1.1").content.decode()
    summary = html.split('id="apply-errors"')[1].split("</div>")[0]
    links = re.findall(r'<a href="#(id_[a-z_]+)">([^<]+)</a>', summary)
    targets = [target for target, _text in links]
    assert targets == ["id_organisation_name", "id_email", "id_organisation_type", "id_budget"]
    for target in targets:  # each link leads somewhere on the page
        assert f'id="{target}"' in html
    # Each says which field and what is wrong, in the page's language.
    texts = dict(links)
    assert texts["id_organisation_name"].startswith("Назив организације")
    assert "e-" in texts["id_email"].lower() or "адрес" in texts["id_email"].lower()


# --- 2.2 Limits the browser checks, and the 413 ----------------------------------------------


def test_the_form_carries_the_size_limits_and_its_messages(client, settings):
    settings.CALLS_MAX_FILE_SIZE, settings.CALLS_MAX_APPLICATION_SIZE = 10 * 2**20, 25 * 2**20
    html = client.get(call("WBCSP-2026-CORE-01", "mk").url).content.decode()
    form = html.split('<form class="call-form"')[1].split(">")[0]
    assert 'data-max-file-size="10485760"' in form
    assert 'data-max-application-size="26214400"' in form
    # The server's own message, its limit written as Macedonian writes it; the browser adds the size.
    assert "ограничувањето е 10,0\xa0MB по датотека" in form and "(%(size)s)" in form
    assert 'data-decimal-separator=","' in form
    # In Macedonian, for the file, the total, and every answer other than success.
    for name in ("error-file", "error-total", "failed-too-large", "failed-busy",
                 "failed-server", "failed-connection"):  # fmt: skip
        text = re.search(rf'data-{name}="([^"]+)"', form)[1]
        assert re.search("[а-ш]", text), (name, text)


@pytest.mark.parametrize("language, title", [("mk", "Образецот е преголем"), ("sq", "Formulari")])
def test_the_development_server_answers_an_oversized_post_with_the_413_page(
    seeded_live_server, settings, language, title
):
    """The live server is Django's runserver (basehttp's WSGIServer, wsgiref): it turned the
    413's "Connection: close" into a plain-text 500."""
    settings.CALLS_MAX_REQUEST_SIZE = 50_000
    page = call("WBCSP-2026-CORE-01", language)
    response = requests.post(
        seeded_live_server.url + page.url,
        data=b"x" * 60_000,
        headers={"Content-Type": "multipart/form-data; boundary=x"},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.headers["Content-Type"].startswith("text/html")
    assert title in response.text and "<html" in response.text
    assert not Application.objects.exists()


def test_the_429_page_says_the_answers_are_still_in_the_form(client, settings):
    settings.CALLS_RATE_LIMIT, settings.CALLS_RATE_WINDOW = 0, 60
    page = call("WBCSP-2026-CORE-01", "sq")
    response = client.post(page.url, valid_post(page), REMOTE_ADDR="10.19.3.1")
    assert response.status_code == 429
    assert "përgjigjet" in response.content.decode().lower()


# --- 2.5 The confirmation page and e-mail ----------------------------------------------------


@pytest.mark.parametrize(
    "language, amount",
    [("bs", "8.500"), ("sr", "8.500"), ("sq", "8.500"), ("mk", "8.500"), ("en", "8,500")],
)
def test_the_amount_is_written_as_the_language_writes_numbers(
    client, django_capture_on_commit_callbacks, language, amount
):
    _page, response = _apply(
        client, language, django_capture_on_commit_callbacks, requested_amount="8500"
    )
    html = client.get(response["Location"]).content.decode()
    assert f"<dd>{amount}</dd>" in html
    assert "<dd>8500</dd>" not in html
    assert f": {amount}\n" in mail.outbox[-1].body
    assert Application.objects.get().form_data["requested_amount"] == "8500"  # stored as sent


def test_the_reference_is_kept_on_one_line(client, django_capture_on_commit_callbacks):
    _page, response = _apply(client, "en", django_capture_on_commit_callbacks)
    html = client.get(response["Location"]).content.decode()
    assert re.search(r'class="call-reference">[^<]*<strong id="reference">SB-\d{4}-\d{6}<', html)
    css = (Path(__file__).resolve().parents[2] / "site/static/css/calls.css").read_text()
    assert re.search(r"\.call-reference strong \{[^}]*white-space: nowrap", css)


@pytest.mark.parametrize(
    "language, segment", [("sq", "pranuar"), ("mk", "primeno"), ("sr", "primljeno")]
)
def test_the_confirmation_address_uses_the_language_s_word(
    client, django_capture_on_commit_callbacks, language, segment
):
    page, response = _apply(client, language, django_capture_on_commit_callbacks)
    location = response["Location"]
    assert location.startswith(f"{page.url}{segment}/")
    assert "/received/" not in location
    assert client.get(location).status_code == 200
    # The English word of older links still leads to the confirmation.
    old = location.replace(f"/{segment}/", "/received/")
    moved = client.get(old)
    assert moved.status_code == 302 and moved["Location"] == location


def test_the_english_confirmation_address_is_unchanged(client, django_capture_on_commit_callbacks):
    page, response = _apply(client, "en", django_capture_on_commit_callbacks)
    assert response["Location"].startswith(f"{page.url}received/")
    assert client.get(response["Location"]).status_code == 200


def test_the_e_mail_links_to_the_call_on_the_configured_base_url(
    client, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000/"
    page, _response = _apply(client, "sq", django_capture_on_commit_callbacks)
    body = mail.outbox[-1].body
    assert f"http://127.0.0.1:8000{page.get_url_parts()[2]}\n" in body
    assert "http://localhost/" not in body
