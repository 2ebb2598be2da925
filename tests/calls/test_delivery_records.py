"""What staff see of deliveries (attempts cut off by a dead worker, the export's columns) and how
the outbox loop queues work (one task per due row, each kind on its own queue)."""

import csv
import io
import socket
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from werkzeug import Response

from calls import confirmation_mail, intake, outbox
from calls.admin_views import export_columns
from calls.models import Application, ConfirmationMail, IntakeAttempt, IntakeDelivery
from tests.calls.helpers import call

pytestmark = pytest.mark.django_db
DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "intake", "mail"],
    }
}


def _application(language="sq", country="albania"):
    page = call("WBCSP-2026-CORE-01", language)
    application = Application.objects.create(
        page=page,
        call_code=page.code,
        language=language,
        country=country,
        email="info@qqm.example",
        form_data={"organisation_name": "Qendra", "country": country, "organisation_type": "cso"},
    )
    application.assign_reference()
    return application


def _cut_off(application, lease_left):
    """A delivery whose worker began an attempt and then (if the lease ran out) died."""
    started = timezone.now() - timedelta(seconds=30)
    delivery = IntakeDelivery.objects.create(
        application=application,
        attempts=1,
        last_attempt_at=started,
        next_attempt_at=started,
        lease_until=timezone.now() + lease_left,
        lease_token="a" * 32,
    )
    IntakeAttempt.objects.create(
        delivery=delivery, started_at=started, finished_at=started, outcome=intake.IN_PROGRESS
    )
    return delivery


def _inspect(admin_client, application):
    response = admin_client.get(f"/admin/calls/applications/inspect/{application.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_attempt_cut_off_by_a_dead_worker_shows_as_interrupted(admin_client):
    application = _application()
    _cut_off(application, lease_left=timedelta(seconds=-5))
    html = _inspect(admin_client, application)
    assert "<code>interrupted</code>" in html
    assert "Interrupted, outcome unknown" in html and "same idempotency key" in html


def test_an_attempt_whose_worker_still_holds_the_delivery_is_in_progress(admin_client):
    application = _application("mk")
    _cut_off(application, lease_left=timedelta(minutes=1))
    html = _inspect(admin_client, application)
    assert "<code>in_progress</code>" in html and "Interrupted" not in html


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_outbox_loop_marks_the_cut_off_attempt_and_delivers_with_the_same_key(
    settings, httpserver
):
    settings.INTAKE_URL = httpserver.url_for("/intake")
    settings.INTAKE_SECRET = "secret"
    httpserver.expect_request("/intake", method="POST").respond_with_json({"ok": True})
    application = _application()
    delivery = _cut_off(application, lease_left=timedelta(seconds=-5))
    call_command("deliver_intake", stdout=io.StringIO())  # immediate tasks: runs them here
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2
    outcomes = list(delivery.tries.values_list("outcome", flat=True))
    assert outcomes == ["interrupted", "delivered"]
    ((request, _response),) = httpserver.log
    assert request.headers[intake.IDEMPOTENCY_HEADER] == str(application.uuid)


def test_each_attempt_is_counted_and_recorded_when_it_starts(settings):
    settings.INTAKE_URL = f"http://127.0.0.1:{_closed_port()}/intake"  # down
    delivery = IntakeDelivery.objects.create(application=_application())
    intake.deliver_due()
    delivery.refresh_from_db()
    (attempt,) = delivery.tries.all()
    assert delivery.attempts == 1 and attempt.outcome == intake.RETRY
    assert attempt.finished_at >= attempt.started_at >= delivery.last_attempt_at


def test_an_intake_answering_drop_by_drop_never_holds_a_delivery_past_its_lease(
    settings, httpserver
):
    settings.INTAKE_URL = httpserver.url_for("/intake")
    settings.INTAKE_TIMEOUT = 1

    def drip():
        for _ in range(20):  # 10 s in all, each drop well within the socket timeout
            time.sleep(0.5)
            yield b" "

    httpserver.expect_request("/intake").respond_with_response(Response(drip(), status=200))
    delivery = IntakeDelivery.objects.create(application=_application())
    intake.deliver_due()
    delivery.refresh_from_db()
    (attempt,) = delivery.tries.all()
    assert delivery.status == "delivered"  # the status line is the answer
    took = attempt.finished_at - attempt.started_at
    assert took < intake.lease() - outbox.lease_margin(), took


def test_two_outbox_loops_queue_each_due_row_once_on_its_own_queue(settings):
    settings.TASKS = DATABASE_TASKS
    deliveries = [IntakeDelivery.objects.create(application=_application()) for _ in range(3)]
    mail = ConfirmationMail.objects.create(application=deliveries[0].application)
    leased = deliveries[2]
    leased.lease_until, leased.lease_token = timezone.now() + timedelta(minutes=1), "b" * 32
    leased.save()  # a worker holds it: in flight
    first = intake.enqueue_due(), confirmation_mail.enqueue_due()
    second = intake.enqueue_due(), confirmation_mail.enqueue_due()  # another loop, or next pass
    assert first == ([deliveries[0].pk, deliveries[1].pk], [mail.pk])
    assert second == ([], [])
    paths = [
        intake.deliver_application.module_path,
        confirmation_mail.send_confirmation_mail.module_path,
    ]
    queued = DBTaskResult.objects.filter(status="READY", task_path__in=paths)
    by_queue = sorted((task.queue_name, task.args_kwargs["args"][0]) for task in queued)
    assert by_queue == sorted(
        [("intake", deliveries[0].pk), ("intake", deliveries[1].pk), ("mail", mail.pk)]
    )
    # A task deferred to later does not hold back a row that is due now (the clock moved on).
    queued.delete()
    intake.deliver_application.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(
        deliveries[0].pk
    )
    assert intake.enqueue_due() == [deliveries[0].pk, deliveries[1].pk]


def test_the_export_has_one_country_column(client, admin_client):
    _application("sr", "serbia")
    columns = export_columns("WBCSP-2026-CORE-01")
    assert len(columns) == len(set(columns))
    response = admin_client.get(
        "/admin/calls/export/", {"call": "WBCSP-2026-CORE-01", "format": "csv"}
    )
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header.count("country") == 1 and header == columns
    assert row[header.index("country")] == "serbia"
    assert row[header.index("organisation_type")] == "cso"
