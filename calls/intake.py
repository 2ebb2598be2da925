"""Handing applications to the intake (grant-management) system through an outbox.

Each application has an ``IntakeDelivery`` row, written in the same transaction as the
application. Delivery POSTs a JSON document (schema: ``calls/schema/intake-application.schema.json``)
to ``INTAKE_URL``, signed with HMAC-SHA256 of the body under ``INTAKE_SECRET`` and carrying the
application's UUID as the idempotency key, so the intake can ignore a repeat.
Connection errors, timeouts and 5xx are retried with exponential backoff; 4xx fails for good.
"""

import hashlib
import hmac
import json
import logging
import os
from datetime import UTC, timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from calls.models import IntakeDelivery
from calls.tokens import make_token

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Intake-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
FILE_URL_SALT = "calls.intake-file"


def _setting(name, default):
    value = getattr(settings, name, None)
    if value in (None, ""):
        value = os.environ.get(name, default)
    return value


def intake_url():
    return _setting("INTAKE_URL", "")


def intake_secret():
    return _setting("INTAKE_SECRET", "")


def intake_timeout():
    return float(_setting("INTAKE_TIMEOUT", 10))


def retry_period():
    """How long failures are retried before a delivery is marked failed (at least a day)."""
    return timedelta(seconds=float(_setting("INTAKE_RETRY_SECONDS", 48 * 3600)))


def file_url_max_age():
    return int(_setting("INTAKE_FILE_URL_MAX_AGE", 7 * 24 * 3600))


def backoff(attempts):
    """Wait before the next try: 1 min, 2, 4, … doubling, at most 2 hours."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 2 * 3600))


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


def attempt_delivery(delivery, now=None):
    """Try to deliver once and record the outcome on the delivery row."""
    now = now or timezone.now()
    url = intake_url()
    if not url:
        delivery.last_error = "INTAKE_URL is not set; the application waits in the outbox."
        delivery.next_attempt_at = now + backoff(1)
        delivery.save(update_fields=["last_error", "next_attempt_at"])
        return delivery
    application = delivery.application
    body = json.dumps(intake_document(application), ensure_ascii=False, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        SIGNATURE_HEADER: sign(body),
        IDEMPOTENCY_HEADER: str(application.uuid),
    }
    delivery.attempts += 1
    delivery.last_attempt_at = now
    retry = False
    try:
        response = requests.post(url, data=body, headers=headers, timeout=intake_timeout())
    except requests.RequestException as error:
        retry = True
        delivery.response_status = None
        delivery.response_body = ""
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
    else:
        delivery.response_status = response.status_code
        delivery.response_body = response.text[:4000]
        if 200 <= response.status_code < 300:
            delivery.status = IntakeDelivery.DELIVERED
            delivery.delivered_at = now
            delivery.last_error = ""
        elif 400 <= response.status_code < 500:
            delivery.status = IntakeDelivery.FAILED
            delivery.last_error = (
                f"The intake refused the application (HTTP {response.status_code})."
            )
        else:
            retry = True
            delivery.last_error = f"The intake answered HTTP {response.status_code}."
    if retry:
        if now - delivery.created_at >= retry_period():
            delivery.status = IntakeDelivery.FAILED
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save()
    return delivery


@task()
def deliver_application(delivery_id):
    """Background task: deliver one outbox row if it is still pending."""
    with transaction.atomic():
        delivery = (
            IntakeDelivery.objects.select_for_update()
            .select_related("application__page")
            .filter(pk=delivery_id, status=IntakeDelivery.PENDING)
            .first()
        )
        if delivery is not None:
            attempt_delivery(delivery)


def enqueue_delivery(delivery_id):
    """Queue the delivery (runs at once with the immediate backend); the outbox row stays if this fails."""
    try:
        deliver_application.enqueue(delivery_id)
    except Exception:
        logger.exception(
            "Could not queue intake delivery %s; the outbox worker will retry", delivery_id
        )


def deliver_due(now=None, limit=200):
    """Deliver every pending row whose next attempt is due. Returns the rows attempted."""
    now = now or timezone.now()
    due = list(
        IntakeDelivery.objects.filter(status=IntakeDelivery.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    attempted = []
    for pk in due:
        with transaction.atomic():
            delivery = (
                IntakeDelivery.objects.select_for_update()
                .select_related("application__page")
                .filter(pk=pk, status=IntakeDelivery.PENDING)
                .first()
            )
            if delivery is not None:
                attempted.append(attempt_delivery(delivery, now))
    return attempted


def retry_now(delivery):
    """Staff asked for a retry: make the row pending and due, then queue it."""
    delivery.status = IntakeDelivery.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.created_at = timezone.now()  # a fresh retry period
    delivery.save(update_fields=["status", "next_attempt_at", "created_at"])
    transaction.on_commit(lambda: enqueue_delivery(delivery.pk))
