"""Applicants against the production stack on loopback (gunicorn with 2 workers, the task worker
and the outbox worker, a real Redis), with the intake and the mail server misbehaving.

Each case counts what a programme officer would: applications stored, files on disk, deliveries
accepted by the intake per application, repeats, and e-mails. Every wait is bounded; timings are
measured in bench/bench_apply.py, not here."""

import hashlib
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from calls import abuse
from tests.calls.helpers import call
from tests.reliability.stack import wait_until

pytestmark = pytest.mark.django_db


def _token():
    return abuse.started_token(time.time() - 60)


def _marker():
    return uuid.uuid4().hex[:8]


def _apply_many(stack, count, concurrency, marker, language="en"):
    from tests.reliability.stack import apply

    path = call("WBCSP-2026-CORE-01", language).url

    network = int(marker[:4], 16) % 250  # a different client address for every applicant

    def one(number):
        return apply(
            stack.base, path, f"Udruženje {marker}-{number}",
            f"198.{18 + number // 250}.{network}.{number % 250 + 1}", _token(),
        )  # fmt: skip

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(one, range(count)))


def _applications(stack, marker):
    return stack.rows.query(
        "SELECT a.id, a.uuid, a.reference FROM calls_application a "
        "WHERE CAST(a.form_data AS TEXT) LIKE %s ORDER BY a.id",
        (f"%{marker}%",),
    )


def _uuid(value):
    value = str(value).replace("-", "")
    return str(uuid.UUID(value))


def _files_present(stack, ids):
    """Every stored file row of these applications has its file, with the recorded digest."""
    placeholders = ",".join(["%s"] * len(ids))
    files = stack.rows.query(
        f"SELECT application_id, file, sha256 FROM calls_applicationfile "
        f"WHERE application_id IN ({placeholders})",
        tuple(ids),
    )
    root = Path(str(stack.media) + "-private")
    for _app, name, digest in files:
        assert hashlib.sha256((root / name).read_bytes()).hexdigest() == digest
    return len(files)


def _delivered(stack, ids):
    placeholders = ",".join(["%s"] * len(ids))
    return stack.rows.scalar(
        f"SELECT COUNT(*) FROM calls_intakedelivery WHERE status = 'delivered' "
        f"AND application_id IN ({placeholders})",
        tuple(ids),
    )


def test_fifty_applicants_ten_at_a_time_all_stored_delivered_once(stack):
    stack.intake.mode, stack.smtp.mode = "ok", "ok"
    marker = _marker()
    results = _apply_many(stack, 50, 10, marker)
    statuses = [response.status_code for _elapsed, response, _confirmation in results]
    assert statuses == [302] * 50
    references = set()
    for _elapsed, _response, confirmation in results:
        assert confirmation.status_code == 200
        assert confirmation.headers["Cache-Control"] == "private, no-store"
        reference = confirmation.text.split('id="reference">')[1].split("<")[0]
        references.add(reference)
    assert len(references) == 50
    applications = _applications(stack, marker)
    assert len(applications) == 50 and {row[2] for row in applications} == references
    ids = [row[0] for row in applications]
    assert _files_present(stack, ids) == 50
    wait_until(lambda: _delivered(stack, ids) == 50, timeout=60, what="50 deliveries")
    for _id, key, _reference in applications:
        assert stack.intake.accepted(_uuid(key)) == 1
    wait_until(lambda: len([m for m in stack.smtp.messages if marker in m]) >= 50, timeout=60)
    assert len([m for m in stack.smtp.messages if marker in m]) == 50


def test_intake_500_hang_down_then_recovery_delivers_each_once(stack):
    intake, rows = stack.intake, stack.rows
    marker = _marker()
    intake.mode = "500"
    ((_elapsed, first, _),) = _apply_many(stack, 1, 1, marker + "a")
    assert first.status_code == 302
    (app_a,) = _applications(stack, marker + "a")
    key_a = _uuid(app_a[1])
    tries = "SELECT t.outcome, t.response_status, t.error FROM calls_intakeattempt t JOIN calls_intakedelivery d ON d.id = t.delivery_id WHERE d.application_id = %s ORDER BY t.id"

    def finished():  # an attempt is on record as in progress from before its request
        return [row for row in rows.query(tries, (app_a[0],)) if row[0] != "in_progress"]

    wait_until(lambda: len(finished()) == 1, what="the 500 recorded")

    # Hanging intake: the applicant still gets the confirmation while the intake holds the call.
    intake.hanging.clear()
    intake.release.clear()
    intake.mode = "hang"
    rows.make_due()
    ((_elapsed, second, confirmation),) = _apply_many(stack, 1, 1, marker + "b")
    assert second.status_code == 302 and confirmation.status_code == 200
    wait_until(intake.hanging.is_set, what="a request held by the intake")
    wait_until(lambda: len(finished()) >= 2, what="the timeout recorded")
    intake.release.set()

    intake.stop()  # down: connection refused
    rows.make_due()
    wait_until(
        lambda: any("ConnectionError" in r[2] for r in rows.query(tries, (app_a[0],))),
        what="the refused connection recorded",
    )
    intake.mode = "ok"
    intake.start()
    rows.make_due()
    (app_b,) = _applications(stack, marker + "b")
    wait_until(lambda: _delivered(stack, [app_a[0], app_b[0]]) == 2, what="both delivered")
    outcomes = [outcome for outcome, _status, _error in rows.query(tries, (app_a[0],))]
    assert outcomes[0] == "retry" and outcomes[-1] == "delivered"
    assert outcomes.count("delivered") == 1
    errors = " ".join(error for _o, _s, error in rows.query(tries, (app_a[0],)))
    assert "HTTP 500" in errors and "Timeout" in errors and "ConnectionError" in errors
    assert intake.accepted(key_a) == 1 and intake.accepted(_uuid(app_b[1])) == 1
    rows.make_due()
    time.sleep(1.5)  # three polls of the outbox worker: nothing is sent again
    assert intake.accepted(key_a) == 1


def test_a_worker_killed_mid_delivery_and_restarted_delivers_once(stack):
    intake, rows = stack.intake, stack.rows
    marker = _marker()
    intake.hanging.clear()
    intake.release.clear()
    intake.mode = "hang"
    ((_elapsed, response, _),) = _apply_many(stack, 1, 1, marker)
    assert response.status_code == 302
    wait_until(intake.hanging.is_set, what="the delivery in flight")
    stack.kill_worker("tasks")  # whichever worker holds it dies without recording anything
    stack.kill_worker("outbox")
    intake.release.set()
    intake.mode = "ok"
    (app,) = _applications(stack, marker)
    key = _uuid(app[1])
    stack.start_worker("tasks")
    stack.start_worker("outbox")
    rows.make_due()  # (if the timeout was recorded before the kill, its backoff has passed)
    wait_until(lambda: _delivered(stack, [app[0]]) == 1, timeout=40, what="delivery after restart")
    assert intake.requests_for(key) == ["hang", 200]  # the same idempotency key both times
    rows.make_due()
    time.sleep(1.5)
    assert intake.requests_for(key) == ["hang", 200]


def test_two_outbox_workers_at_once_never_deliver_twice(stack):
    stack.intake.mode = "slow"
    stack.start_worker("outbox-2")
    try:
        marker = _marker()
        results = _apply_many(stack, 12, 6, marker)
        assert [r.status_code for _e, r, _c in results] == [302] * 12
        applications = _applications(stack, marker)
        ids = [row[0] for row in applications]
        wait_until(lambda: _delivered(stack, ids) == 12, timeout=60, what="12 deliveries")
        keys = [_uuid(row[1]) for row in applications]
        assert [len(stack.intake.requests_for(key)) for key in keys] == [1] * 12
    finally:
        stack.kill_worker("outbox-2")
        stack.intake.mode = "ok"


def test_a_hanging_mail_server_costs_the_applicant_nothing_and_the_mail_follows(stack):
    smtp, rows = stack.smtp, stack.rows
    marker = _marker()
    smtp.mode = "hang"
    ((_elapsed, response, confirmation),) = _apply_many(stack, 1, 1, marker)
    assert response.status_code == 302 and confirmation.status_code == 200
    (app,) = _applications(stack, marker)
    mail = (
        "SELECT status, attempts, last_error FROM calls_confirmationmail WHERE application_id = %s"
    )
    wait_until(lambda: rows.query(mail, (app[0],))[0][2], what="the failed attempt recorded")
    status, _attempts, error = rows.query(mail, (app[0],))[0]
    assert status == "pending" and "timed out" in error.lower()
    smtp.mode = "ok"
    rows.make_due()
    wait_until(lambda: rows.query(mail, (app[0],))[0][0] == "delivered", what="the mail sent")
    assert len(smtp.messages_with(app[2])) == 1


def _raw_post(stack, path, address, declared, body):
    """A POST written on a socket; returns the status, or None if no answer came (5 s)."""
    import socket

    with socket.create_connection(("127.0.0.1", stack.port), timeout=5) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: {address}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {declared}\r\n\r\n".encode()
            + body
        )
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    if not answer:
        return None, ""
    return int(answer.split()[1]), answer.decode(errors="replace")


SMALL = b"--x--\r\n"
DECLARED = 20 * 1024 * 1024


def test_rate_limit_holds_across_both_workers_and_before_the_body(stack):
    path = call("WBCSP-2026-CORE-01", "en").url
    pids = set()
    for round_number in range(5):  # until both gunicorn workers have answered (bounded)
        address = f"203.0.113.{round_number + 1}"
        before = len(stack.access_log())
        with ThreadPoolExecutor(max_workers=5) as pool:
            first = list(
                pool.map(
                    lambda _, a=address: _raw_post(stack, path, a, len(SMALL), SMALL)[0], range(5)
                )
            )
        assert 429 not in first and None not in first  # counted, then refused by CSRF (no token)
        # 20 MB declared, 1 KB sent: over the limit, refused without waiting for the rest.
        with ThreadPoolExecutor(max_workers=5) as pool:
            then = list(
                pool.map(
                    lambda _, a=address: _raw_post(stack, path, a, DECLARED, b"-" * 1024)[0],
                    range(5),
                )
            )
        assert then == [429] * 5
        time.sleep(0.2)  # gunicorn writes the access log after the response
        for line in stack.access_log()[before:]:
            pids.add(line.split()[0])
        if len(pids) >= 2:
            break
    assert len(pids) >= 2, "both gunicorn workers answered"


def test_a_300_mb_request_is_refused_before_it_is_read(stack):
    path = call("WBCSP-2026-CORE-01", "sq").url
    before = stack.rows.scalar("SELECT COUNT(*) FROM calls_application")
    status, answer = _raw_post(stack, path, "203.0.113.200", 300 * 1024 * 1024, b"-" * 65536)
    assert status == 413
    assert "Formulari është shumë i madh" in answer  # in the page's language
    assert stack.rows.scalar("SELECT COUNT(*) FROM calls_application") == before
