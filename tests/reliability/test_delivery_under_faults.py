"""Intake deliveries against the production stack on loopback when the mail server is a black hole
and when workers are killed mid-request: what a programme officer and the intake would notice
(how soon each application reached the intake, the attempts on record, repeats of a key)."""

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest

from calls import abuse
from tests.calls.helpers import call
from tests.reliability.stack import apply, wait_until

pytestmark = pytest.mark.django_db

MAX_LAG_SECONDS = 10


def _apply_many(stack, count, concurrency, marker):
    path = call("WBCSP-2026-CORE-01", "en").url
    network = int(marker[:4], 16) % 250  # a different client address for every applicant

    def one(number):
        token = abuse.started_token(time.time() - 60)
        address = f"198.{18 + number // 250}.{network}.{number % 250 + 1}"
        return apply(stack.base, path, f"Udruženje {marker}-{number}", address, token)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(one, range(count)))


def _applications(stack, marker):
    """(id, idempotency key, reference, submitted at as a Unix time) of the marked applications."""
    rows = stack.rows.query(
        "SELECT id, uuid, reference, submit_time FROM calls_application "
        "WHERE CAST(form_data AS TEXT) LIKE %s ORDER BY id",
        (f"%{marker}%",),
    )
    return [
        (pk, str(uuid.UUID(str(key).replace("-", ""))), ref, _unix(at)) for pk, key, ref, at in rows
    ]


def _unix(moment):
    if isinstance(moment, str):  # SQLite: "2026-12-07 20:40:01.123456" in UTC
        moment = datetime.fromisoformat(moment.replace(" ", "T")).replace(tzinfo=None)
        return (moment - datetime(1970, 1, 1)).total_seconds()
    return moment.timestamp()


def _in(ids):
    return "(" + ",".join(str(int(pk)) for pk in ids) + ")"


def test_a_black_hole_mail_server_never_delays_a_delivery_and_the_mails_follow(stack):
    intake, smtp, rows = stack.intake, stack.smtp, stack.rows
    intake.mode, smtp.mode = "ok", "hang"  # SMTP accepts connections and never answers
    marker = uuid.uuid4().hex[:8]
    try:
        results = _apply_many(stack, 20, 5, marker)
        assert [response.status_code for _e, response, _c in results] == [302] * 20
        applications = _applications(stack, marker)
        assert len(applications) == 20
        keys = [key for _pk, key, _ref, _at in applications]
        wait_until(
            lambda: all(intake.accepted(key) for key in keys), timeout=60, what="20 deliveries"
        )
        lags = [intake.arrivals[key] - submitted for _pk, key, _r, submitted in applications]
        print(f"delivery lag with SMTP black-holed: max {max(lags):.2f} s, "
              f"mean {sum(lags) / len(lags):.2f} s")  # fmt: skip
        assert max(lags) < MAX_LAG_SECONDS, sorted(round(lag, 1) for lag in lags)
        assert [intake.accepted(key) for key in keys] == [1] * 20
        assert smtp.messages_with(marker) == []  # nothing got through the black hole...
        ids = _in(pk for pk, *_ in applications)
        mail = f"SELECT status, attempts, last_error FROM calls_confirmationmail WHERE application_id IN {ids}"
        wait_until(lambda: any("timed out" in row[2].lower() for row in rows.query(mail)),
                   what="a timed-out mail attempt recorded")  # fmt: skip
    finally:
        smtp.mode = "ok"
    # ...and once the mail server answers again, every applicant gets the confirmation once.
    rows.make_due()
    wait_until(
        lambda: len(smtp.messages_with(marker)) >= 20,
        timeout=90,
        what="the 20 mails after recovery",
    )
    wait_until(lambda: {row[0] for row in rows.query(mail)} == {"delivered"}, what="mail rows")
    for _pk, _key, reference, _at in applications:
        assert len(smtp.messages_with(reference)) == 1


def _attempts(stack, application_id):
    return stack.rows.query(
        "SELECT t.outcome FROM calls_intakeattempt t JOIN calls_intakedelivery d "
        "ON d.id = t.delivery_id WHERE d.application_id = %s ORDER BY t.id",
        (application_id,),
    )


def test_a_worker_killed_mid_request_leaves_the_attempt_on_record_and_delivers_again(stack):
    intake, rows = stack.intake, stack.rows
    intake.mode, intake.slow_seconds = "slow", 1.5  # the intake stores it even if the worker died
    intake.arrived.clear()
    marker = uuid.uuid4().hex[:8]
    try:
        ((_elapsed, response, _confirmation),) = _apply_many(stack, 1, 1, marker)
        assert response.status_code == 302
        wait_until(intake.arrived.is_set, what="the delivery in flight")
        stack.kill_worker("tasks")  # the only process that sends deliveries dies mid-request
        ((pk, key, _reference, _at),) = _applications(stack, marker)
        # The attempt is on record although nobody lived to write its outcome.
        assert [outcome for (outcome,) in _attempts(stack, pk)] == ["in_progress"]
        delivery = "SELECT status, attempts FROM calls_intakedelivery WHERE application_id = %s"
        assert rows.query(delivery, (pk,)) == [("pending", 1)]
        wait_until(lambda: intake.accepted(key) == 1, what="the intake storing the first request")
        stack.start_worker("tasks")
        # Once the lease has run out the outbox loop marks the attempt interrupted and queues the
        # delivery again; the intake gets the same key a second time.
        wait_until(lambda: rows.query(delivery, (pk,))[0][0] == "delivered", timeout=40,
                   what="the delivery made again")  # fmt: skip
    finally:
        intake.mode = "ok"
        if "tasks" not in stack.workers:
            stack.start_worker("tasks")
    assert [outcome for (outcome,) in _attempts(stack, pk)] == ["interrupted", "delivered"]
    assert rows.query(delivery, (pk,)) == [("delivered", 2)]  # two attempts, two requests
    assert intake.requests_for(key) == [200, 200]  # the same key: the intake can drop the repeat
    rows.make_due()
    time.sleep(1.5)  # three polls of the outbox loop: nothing more is sent
    assert intake.requests_for(key) == [200, 200]


def test_kills_during_a_stream_of_deliveries_repeat_only_what_was_in_flight(stack):
    """Five kills of every worker mid-request while ten applications are delivered: each kill can
    repeat only the requests in flight at that moment, always with the same key; every request the
    intake received is an attempt on record."""
    intake, rows = stack.intake, stack.rows
    intake.mode, intake.slow_seconds = "slow", 0.6
    marker = uuid.uuid4().hex[:8]
    kills = 0
    try:
        results = _apply_many(stack, 10, 5, marker)
        assert [response.status_code for _e, response, _c in results] == [302] * 10
        for _round in range(5):
            intake.arrived.clear()
            if not intake.arrived.wait(15):
                break  # everything delivered already
            for name in [name for name in list(stack.workers) if name != "mailer"]:
                stack.kill_worker(name)
            kills += 1
            for name in ("tasks", "outbox"):
                stack.start_worker(name)
            time.sleep(0.5)
        applications = _applications(stack, marker)
        ids = _in(pk for pk, *_ in applications)
        delivered = f"SELECT COUNT(*) FROM calls_intakedelivery WHERE status = 'delivered' AND application_id IN {ids}"
        wait_until(lambda: rows.scalar(delivered) == 10, timeout=90, what="10 deliveries")
    finally:
        intake.mode = "ok"
    keys = [key for _pk, key, _ref, _at in applications]
    duplicates = intake.duplicates(keys)
    requests = sum(len(intake.requests_for(key)) for key in keys)
    recorded = rows.scalar(
        f"SELECT COUNT(*) FROM calls_intakeattempt t JOIN calls_intakedelivery d "
        f"ON d.id = t.delivery_id WHERE d.application_id IN {ids}"
    )
    print(f"{kills} kills: {duplicates} duplicates, {requests} requests, {recorded} attempts")
    assert all(intake.accepted(key) >= 1 for key in keys)
    assert duplicates <= kills  # one delivery worker: at most one request in flight per kill
    # No attempt the intake saw is missing from the record (one may be on record and never have
    # reached the intake, if the kill came between the two).
    assert requests <= recorded <= requests + kills


def _queued(stack, task_path):
    """The row ids of the tasks of ``task_path`` waiting in the queue (one entry per task)."""
    rows = stack.rows.query(
        "SELECT args_kwargs FROM django_tasks_database_dbtaskresult "
        "WHERE status = 'READY' AND task_path = %s",
        (task_path,),
    )
    return sorted(
        (json.loads(value) if isinstance(value, str) else value)["args"][0] for (value,) in rows
    )


def test_two_outbox_loops_never_queue_a_delivery_twice(stack):
    """Tasks lost (as with a worker killed before it took them): two outbox loops polling the same
    outbox queue each due delivery once, and each is then delivered once."""
    intake, rows = stack.intake, stack.rows
    intake.mode = "ok"
    stack.kill_worker("tasks")  # nothing takes the queued tasks for now
    stack.start_worker("outbox-2")
    marker = uuid.uuid4().hex[:8]
    path = "calls.intake.deliver_application"
    try:
        results = _apply_many(stack, 6, 3, marker)
        assert [response.status_code for _e, response, _c in results] == [302] * 6
        ids = [pk for pk, *_ in _applications(stack, marker)]
        deliveries = [
            row[0]
            for row in rows.query(
                f"SELECT id FROM calls_intakedelivery WHERE application_id IN {_in(ids)}"
            )
        ]
        rows.query(
            "DELETE FROM django_tasks_database_dbtaskresult WHERE status = 'READY' AND task_path = %s",
            (path,),
        )
        rows.make_due()
        wait_until(lambda: set(deliveries) <= set(_queued(stack, path)), what="queued again")
        time.sleep(2)  # four polls of each loop
        queued = _queued(stack, path)
        assert [queued.count(pk) for pk in deliveries] == [1] * 6
    finally:
        stack.kill_worker("outbox-2")
        stack.start_worker("tasks")
    keys = [key for _pk, key, _ref, _at in _applications(stack, marker)]
    wait_until(lambda: all(intake.accepted(key) for key in keys), what="6 deliveries")
    time.sleep(1)
    assert [intake.accepted(key) for key in keys] == [1] * 6
