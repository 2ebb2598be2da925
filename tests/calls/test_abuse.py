"""Spam and abuse: honeypot, minimum fill time (flagged, never refused), per-address rate limit with a
friendly 429."""

import csv
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from calls import abuse
from calls.models import Application
from tests.calls.helpers import PDF, PNG, call, valid_post

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


def _post_with_two_files(client, **overrides):
    """A real multipart post of the Albanian call with its budget and registration scan."""
    page = call("WBCSP-2026-LOC-02", "sq")
    data = valid_post(page, **overrides)
    data["budget"] = SimpleUploadedFile("buxheti.pdf", PDF, content_type="application/pdf")
    data["registration_certificate"] = SimpleUploadedFile("regjistrimi.png", PNG, "image/png")
    return client.post(page.url, data, REMOTE_ADDR="10.1.1.9")


@pytest.mark.parametrize(
    "token, reason",
    [
        (lambda: abuse.started_token(time.time()), Application.SENT_FAST),  # autofill: 0 s
        (lambda: abuse.started_token(time.time() - 2), Application.SENT_FAST),
        (lambda: "forged", Application.NO_START_TOKEN),
        (lambda: None, Application.NO_START_TOKEN),  # the hidden field missing
    ],
)
def test_a_fast_or_untimed_form_is_stored_with_its_files_and_flagged(client, token, reason):
    response = _post_with_two_files(client, **{abuse.STARTED_FIELD: token()})
    assert response.status_code == 302  # the confirmation page: nothing lost
    application = Application.objects.get()
    assert application.review_reason == reason
    assert application.form_data["organisation_name"] == "Qendra për Demokraci Lokale"
    assert application.form_data["budget"] == "buxheti.pdf"
    files = {stored.field_key: stored for stored in application.files.all()}
    assert files["budget"].file.read() == PDF
    assert files["registration_certificate"].file.read() == PNG
    assert client.get(response["Location"]).status_code == 200


def test_a_form_sent_after_a_human_pause_is_not_flagged(client):
    assert _post_with_two_files(client).status_code == 302
    assert Application.objects.get().review_reason == ""


def test_staff_see_the_flag_in_the_list_the_inspect_page_and_the_export(client, admin_client):
    _post_with_two_files(client, **{abuse.STARTED_FIELD: abuse.started_token(time.time())})
    application = Application.objects.get()
    flag = "Sent within seconds of opening the form"
    listing = admin_client.get("/admin/calls/applications/").content.decode()
    assert "To review" in listing and flag in listing
    flagged = admin_client.get("/admin/calls/applications/", {"review_reason": "sent_fast"})
    assert application.reference in flagged.content.decode()
    unflagged = admin_client.get("/admin/calls/applications/", {"review_reason": "no_start_token"})
    assert application.reference not in unflagged.content.decode()
    inspect = admin_client.get(f"/admin/calls/applications/inspect/{application.pk}/")
    assert flag in inspect.content.decode()
    export = admin_client.get(
        "/admin/calls/export/", {"call": application.call_code, "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1][rows[0].index("review")] == "sent_fast"


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
