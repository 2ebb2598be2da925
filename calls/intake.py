"""Handing applications to the intake (grant-management) system through an outbox.

Each application has an ``IntakeDelivery`` row, written in the same transaction as the
application. Delivery POSTs a JSON document (schema: ``calls/schema/intake-application.schema.json``)
to ``INTAKE_URL``, signed with HMAC-SHA256 of the body under ``INTAKE_SECRET`` and carrying the
application's UUID as the idempotency key, so the intake can ignore a repeat.
Connection errors, timeouts and 5xx are retried with exponential backoff; 4xx fails for good.
No HTTP call is made inside a database transaction: a worker claims a row with a lease
(``calls.outbox``), records the attempt as in progress, posts, then records the outcome.

Delivery is at least once (the contract in ``calls/README.md``): an attempt whose worker was
killed during the request, or that timed out, has an unknown outcome — the intake may have stored
the application — and is made again with the same ``Idempotency-Key``. The intake must treat a
repeated key as the same application. Tasks run on the ``intake`` queue, never behind e-mails.
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import UTC, timedelta

import requests
import urllib3
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from urllib3.util import Timeout

from calls import outbox
from calls.outbox import backoff, begin_attempt, finish, lease_margin
from calls.records.applications import IntakeAttempt, IntakeDelivery
from calls.tokens import FILE_URL_SALT, make_token

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Intake-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
QUEUE = "intake"
# IntakeAttempt.outcome: an attempt is written as IN_PROGRESS before its request starts (its
# finished_at equal to started_at until it ends); one whose worker died stays so and is marked
# INTERRUPTED — outcome unknown — when the delivery is taken up again.
IN_PROGRESS, INTERRUPTED = "in_progress", "interrupted"
DELIVERED, RETRY, FAILED = "delivered", "retry", "failed"
INTERRUPTED_ERROR = "The worker stopped during the request: the intake may or may not have received the application."
RESPONSE_KEPT = 4000  # characters of the intake's answer kept on the row
# Settings (config/settings/base.py) are read when used, so that tests can change them.


def intake_url():
    return settings.INTAKE_URL


def intake_secret():
    return settings.INTAKE_SECRET


def intake_timeout():
    return float(settings.INTAKE_TIMEOUT)


def retry_period():
    """After how long a delivery still failing is reported overdue (it is retried all the same)."""
    return timedelta(seconds=float(settings.INTAKE_RETRY_SECONDS))


def file_url_max_age():
    return int(settings.INTAKE_FILE_URL_MAX_AGE)


def sign(body, secret=None):
    """``sha256=<hex HMAC-SHA256 of the body>``."""
    secret = intake_secret() if secret is None else secret
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(body, signature, secret):
    """Check a signature as the intake does (constant-time comparison)."""
    return hmac.compare_digest(sign(body, secret), signature or "")


def file_download_url(stored_file):
    """An absolute, signed and expiring address where the intake can fetch one file."""
    page = stored_file.application.page.specific
    token = make_token(stored_file.pk, FILE_URL_SALT)
    path = page.url + page.reverse_subpage("file", kwargs={"token": token})
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return path if path.startswith("http") else base + path


def intake_document(application):
    """The JSON document sent to the intake for one application."""
    return {
        "schema": "wbcsp-intake-application/1",
        "id": str(application.uuid),
        "reference": application.reference,
        "call_code": application.call_code,
        "language": application.language,
        "country": application.country or None,
        "submitted_at": application.submit_time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "fields": application.form_data,
        "files": [
            {
                "field": stored.field_key,
                "name": stored.original_name,
                "content_type": stored.content_type,
                "size": stored.size,
                "sha256": stored.sha256,
                "url": file_download_url(stored),
                "url_expires_at": (timezone.now() + timedelta(seconds=file_url_max_age()))
                .astimezone(UTC)
                .isoformat()
                .replace("+00:00", "Z"),
            }
            for stored in application.files.all()
        ],
    }


def lease():
    """How long a worker may hold a delivery: longer than an attempt can last (``_post`` takes
    ``INTAKE_TIMEOUT`` at most, plus one last read of at most as long), so that no other worker
    sends it again while it is in flight."""
    return timedelta(seconds=intake_timeout() * 2) + lease_margin()


def _post(url, body, headers):
    """POST and read the answer within about ``INTAKE_TIMEOUT`` in all: urllib3's total timeout
    up to the answer's headers (not one per socket read, which a slow intake could repeat for
    ever), then only what is kept of the body, for as long as the total allows. Returns (status,
    text); a body cut short keeps the status, which is what counts."""
    seconds = intake_timeout()
    deadline = time.monotonic() + seconds
    timeout = Timeout(total=seconds, connect=seconds, read=seconds)
    with requests.post(url, data=body, headers=headers, timeout=timeout, stream=True) as response:
        kept = b""
        while len(kept) < RESPONSE_KEPT * 4 and time.monotonic() < deadline:
            chunk = response.raw.read1(RESPONSE_KEPT * 4 - len(kept), decode_content=True)
            if not chunk:
                break
            kept += chunk
        text = kept.decode(response.encoding or "utf-8", errors="replace")[:RESPONSE_KEPT]
        return response.status_code, text


def mark_interrupted(delivery_ids=None, now=None):
    """Attempts still in progress whose delivery no worker holds any more (its lease ended or was
    released): their worker died during the request, so what the intake received is unknown."""
    now = now or timezone.now()
    gone = IntakeAttempt.objects.filter(outcome=IN_PROGRESS).exclude(delivery__lease_until__gte=now)
    if delivery_ids is not None:
        gone = gone.filter(delivery_id__in=delivery_ids)
    return gone.update(outcome=INTERRUPTED, error=INTERRUPTED_ERROR)


def attempt_delivery(delivery, now=None):
    """Try to deliver a claimed row once, outside any transaction, and record the outcome.

    Every try is kept as an ``IntakeAttempt``. Connection errors, timeouts and 5xx are retried with
    backoff, however long the intake stays down; after ``INTAKE_RETRY_SECONDS`` the row is marked
    overdue in its error (and logged) for staff, and still retried. A 4xx fails for good.
    """
    now = now or timezone.now()
    url = intake_url()
    if not url:
        delivery.last_error = "INTAKE_URL is not set; the application waits in the outbox."
        IntakeDelivery.objects.filter(pk=delivery.pk, lease_token=delivery.lease_token).update(
            last_error=delivery.last_error,
            next_attempt_at=now + backoff(1),
            lease_until=None,
            lease_token="",
        )
        return delivery
    application = delivery.application
    body = json.dumps(intake_document(application), ensure_ascii=False, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        SIGNATURE_HEADER: sign(body),
        IDEMPOTENCY_HEADER: str(application.uuid),
    }
    # An earlier attempt left in progress belonged to a worker that died (this one holds the lease).
    IntakeAttempt.objects.filter(delivery_id=delivery.pk, outcome=IN_PROGRESS).update(
        outcome=INTERRUPTED, error=INTERRUPTED_ERROR
    )
    if not begin_attempt(delivery, now):
        return delivery  # the lease ran out before the request: another worker has the row
    started = timezone.now()
    # On record before the request starts: a worker killed during it leaves this row in progress.
    tried = IntakeAttempt.objects.create(
        delivery_id=delivery.pk, started_at=started, finished_at=started, outcome=IN_PROGRESS
    )
    status, response_status, response_body, error = IntakeDelivery.PENDING, None, "", ""
    try:
        response_status, response_body = _post(url, body, headers)
    except (requests.RequestException, urllib3.exceptions.HTTPError) as failure:
        error = f"{type(failure).__name__}: {failure}"[:2000]
    else:
        if 200 <= response_status < 300:
            status = IntakeDelivery.DELIVERED
        elif 400 <= response_status < 500:
            status = IntakeDelivery.FAILED
            error = f"The intake refused the application (HTTP {response_status})."
        else:
            error = f"The intake answered HTTP {response_status}."
    fields = {"response_status": response_status, "response_body": response_body}
    if status == IntakeDelivery.FAILED:
        fields.update(status=status, last_error=error)
    elif status == IntakeDelivery.PENDING:
        if now - delivery.created_at >= retry_period():
            error = f"Overdue: still not delivered after {retry_period()}; retrying. {error}"
            logger.error("Intake delivery of %s overdue: %s", application, error)
        fields.update(last_error=error, next_attempt_at=now + backoff(delivery.attempts))
    outcome = {IntakeDelivery.DELIVERED: DELIVERED, IntakeDelivery.FAILED: FAILED}.get(
        status, RETRY
    )
    IntakeAttempt.objects.filter(pk=tried.pk).update(
        finished_at=timezone.now(), outcome=outcome, response_status=response_status, error=error
    )
    finish(delivery, succeeded=status == IntakeDelivery.DELIVERED, now=now, **fields)
    return delivery


@task(queue_name=QUEUE)
def deliver_application(delivery_id):
    """Background task: deliver one outbox row if it is due and no other worker holds it."""
    outbox.run_task(deliver_application, IntakeDelivery, lease(), attempt_delivery, delivery_id)


def enqueue_delivery(delivery_id):
    outbox.enqueue(deliver_application, delivery_id)


def deliver_due(now=None, limit=200):
    """Deliver, in this process, every pending row whose next attempt is due."""
    return outbox.attempt_due(IntakeDelivery, lease(), attempt_delivery, now, limit)


def enqueue_due(now=None):
    """Queue a delivery task for every due row not already in flight (the outbox loop's pass);
    attempts left in progress by a dead worker are marked interrupted first."""
    mark_interrupted(now=now)
    return outbox.enqueue_due(deliver_application, IntakeDelivery, lease(), now)


def retry_now(delivery):
    """Staff asked for a retry: make the row pending and due, then queue it."""
    delivery.status = IntakeDelivery.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.created_at = timezone.now()  # a fresh retry period
    delivery.lease_until, delivery.lease_token = None, ""
    delivery.save(
        update_fields=["status", "next_attempt_at", "created_at", "lease_until", "lease_token"]
    )
    transaction.on_commit(lambda: enqueue_delivery(delivery.pk))
