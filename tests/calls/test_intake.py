"""Handoff to the intake, against a real HTTP server on loopback (pytest-httpserver)."""

import json
import socket
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from werkzeug import Response

from calls.intake import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, deliver_due, verify
from calls.models import Application, IntakeDelivery
from tests.calls import schema_check
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db
SECRET = "test-intake-secret"
SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[2] / "calls/schema/intake-application.schema.json"
    ).read_text()
)


@pytest.fixture
def intake(settings, httpserver):
    settings.INTAKE_URL = httpserver.url_for("/intake")
    settings.INTAKE_SECRET = SECRET
    settings.INTAKE_TIMEOUT = 1
    return httpserver


def _apply(client, capture, language="sq"):
    page = call("WBCSP-2026-CORE-01", language)
    data = valid_post(page)
    data["budget"] = SimpleUploadedFile("Buxheti 2026.pdf", PDF)
    with capture(execute=True):
        response = client.post(page.url, data)
    assert response.status_code == 302
    return Application.objects.get()


def _later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_delivered_signed_idempotent_and_valid(client, intake, django_capture_on_commit_callbacks):
    intake.expect_oneshot_request("/intake", method="POST").respond_with_json({"ok": True})
    application = _apply(client, django_capture_on_commit_callbacks)
    delivery = IntakeDelivery.objects.get(application=application)
    assert delivery.status == "delivered" and delivery.attempts == 1
    request, _response = intake.log[0]
    body = request.get_data()
    assert verify(body, request.headers[SIGNATURE_HEADER], SECRET)
    assert not verify(body, request.headers[SIGNATURE_HEADER], "another secret")
    assert request.headers[IDEMPOTENCY_HEADER] == str(application.uuid)
    document = json.loads(body)
    assert schema_check.errors(document, SCHEMA) == []
    assert document["reference"] == application.reference
    assert document["language"] == "sq" and document["call_code"] == "WBCSP-2026-CORE-01"
    assert document["fields"]["organisation_type"] == "cso"
    assert document["submitted_at"].endswith("Z")
    (file,) = document["files"]
    assert file["name"] == "Buxheti-2026.pdf" and file["size"] == len(PDF)
    # The signed address serves the file to the intake; a tampered one does not.
    path = file["url"].removeprefix("http://testserver")
    download = client.get(path)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert client.get(path[:-6] + "AAAAA/").status_code == 404


def test_intake_down_then_back_delivers_once(
    client, settings, httpserver, django_capture_on_commit_callbacks
):
    settings.INTAKE_SECRET = SECRET
    settings.INTAKE_URL = f"http://127.0.0.1:{_closed_port()}/intake"
    application = _apply(client, django_capture_on_commit_callbacks)
    delivery = IntakeDelivery.objects.get(application=application)
    assert delivery.status == "pending" and delivery.attempts == 1
    assert "ConnectionError" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()
    assert deliver_due() == []  # not due yet: backoff

    settings.INTAKE_URL = httpserver.url_for("/intake")
    httpserver.expect_request("/intake", method="POST").respond_with_json({"ok": True})
    deliver_due(_later(2))
    deliver_due(_later(500))  # already delivered: nothing is sent again
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2
    assert len(httpserver.log) == 1


def test_500_then_200_with_exponential_backoff_and_one_key(
    client, intake, django_capture_on_commit_callbacks
):
    intake.expect_ordered_request("/intake").respond_with_data("busy", status=500)
    intake.expect_ordered_request("/intake").respond_with_data("still busy", status=503)
    intake.expect_ordered_request("/intake").respond_with_json({"ok": True})
    application = _apply(client, django_capture_on_commit_callbacks)
    delivery = IntakeDelivery.objects.get(application=application)
    first_wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert delivery.status == "pending" and delivery.response_status == 500
    deliver_due(_later(1.5))
    delivery.refresh_from_db()
    second_wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert delivery.response_status == 503 and second_wait == 2 * first_wait
    deliver_due(_later(10))
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 3
    keys = {request.headers[IDEMPOTENCY_HEADER] for request, _ in intake.log}
    assert keys == {str(application.uuid)}


def test_timeout_is_retried(client, intake, django_capture_on_commit_callbacks):
    def slow(request):
        time.sleep(1.5)
        return Response("late", status=200)

    intake.expect_ordered_request("/intake").respond_with_handler(slow)
    intake.expect_ordered_request("/intake").respond_with_json({"ok": True})
    application = _apply(client, django_capture_on_commit_callbacks)
    delivery = IntakeDelivery.objects.get(application=application)
    assert delivery.status == "pending" and "Timeout" in delivery.last_error
    deliver_due(_later(2))
    delivery.refresh_from_db()
    assert delivery.status == "delivered"


def test_400_fails_visibly_and_staff_can_retry(
    client, admin_client, intake, django_capture_on_commit_callbacks
):
    intake.expect_ordered_request("/intake").respond_with_json(
        {"error": "unknown call"}, status=400
    )
    application = _apply(client, django_capture_on_commit_callbacks)
    delivery = IntakeDelivery.objects.get(application=application)
    assert delivery.status == "failed" and delivery.response_status == 400
    assert "unknown call" in delivery.response_body
    assert deliver_due(_later(600)) == []  # a 4xx is not retried by itself

    inspect = admin_client.get(f"/admin/calls/applications/inspect/{application.pk}/")
    html = inspect.content.decode()
    assert inspect.status_code == 200 and "unknown call" in html and "Retry delivery now" in html
    assert "<code>failed</code> 400" in html  # every attempt is listed
    assert "Confirmation e-mail" in html
    listing = admin_client.get("/admin/calls/applications/", {"delivery__status": "failed"})
    assert application.reference in listing.content.decode()

    intake.expect_ordered_request("/intake").respond_with_json({"ok": True})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/calls/deliveries/{delivery.pk}/retry/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2


def test_an_outage_longer_than_the_retry_period_is_overdue_then_delivered_once(
    client, intake, settings, django_capture_on_commit_callbacks
):
    intake.expect_ordered_request("/intake").respond_with_data("down", status=502)
    intake.expect_ordered_request("/intake").respond_with_data("down", status=502)
    application = _apply(client, django_capture_on_commit_callbacks)
    delivery = IntakeDelivery.objects.get(application=application)
    assert delivery.status == "pending"
    deliver_due(timezone.now() + timedelta(hours=49))
    delivery.refresh_from_db()
    # Still retried (every 2 h at most), and flagged for staff.
    assert delivery.status == "pending" and "Overdue" in delivery.last_error
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(minutes=2)
    intake.expect_ordered_request("/intake").respond_with_json({"ok": True})
    deliver_due(timezone.now() + timedelta(days=30))
    deliver_due(timezone.now() + timedelta(days=31))
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 3
    outcomes = list(delivery.tries.values_list("outcome", "response_status"))
    assert outcomes == [("retry", 502), ("retry", 502), ("delivered", 200)]
    assert len(intake.log) == 3


def test_worker_command_delivers_what_is_due(
    client, settings, httpserver, django_capture_on_commit_callbacks
):
    settings.INTAKE_URL = ""  # not configured yet: the application waits in the outbox
    application = _apply(client, django_capture_on_commit_callbacks)
    delivery = IntakeDelivery.objects.get(application=application)
    assert delivery.status == "pending" and delivery.attempts == 0
    settings.INTAKE_URL = httpserver.url_for("/intake")
    settings.INTAKE_SECRET = SECRET
    httpserver.expect_request("/intake").respond_with_json({"ok": True})
    IntakeDelivery.objects.update(next_attempt_at=timezone.now())
    call_command("deliver_intake")
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
