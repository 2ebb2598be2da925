"""Claiming and finishing outbox rows (``calls.models.OutboxRow``) without holding a transaction
around the slow part.

A worker *claims* a due row with one conditional UPDATE that sets a lease (``lease_until``, a random
``lease_token``); only the process whose UPDATE matched may work on it. The HTTP call or SMTP
conversation then runs outside any transaction, and the outcome is written back only by the holder of
the lease — except a success, which is always recorded so that nothing is sent again after it. An
attempt is counted when it begins (``begin_attempt``), before the request, so that one cut off by a
killed worker is still on record. A worker that dies mid-run leaves a lease that expires; the row
is then due again. On PostgreSQL the
candidate row is picked with ``SELECT … FOR UPDATE SKIP LOCKED`` so that concurrent workers take
different rows instead of queueing on the same one; on SQLite every transaction holds the write lock
from its start (``transaction_mode=IMMEDIATE``), which serialises claims.
"""

import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def _due(now):
    return Q(status="pending", next_attempt_at__lte=now) & (
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )


def _retrying(operation, attempts=5):
    """Run a short database write, waiting and trying again if the database is busy."""
    for attempt in range(attempts):
        try:
            return operation()
        except OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * 2**attempt)
    return None


def claim(model, lease, pk=None, now=None):
    """Take one due row of ``model`` (the given one, or the most overdue) for this process; or None."""
    now = now or timezone.now()
    token = uuid.uuid4().hex

    def take():
        with transaction.atomic():
            candidates = model.objects.filter(_due(now))
            if pk is not None:
                candidates = candidates.filter(pk=pk)
            if connection.features.has_select_for_update_skip_locked:
                candidates = candidates.select_for_update(skip_locked=True)
            candidate = candidates.order_by("next_attempt_at", "pk").values_list("pk", flat=True)
            candidate = next(iter(candidate[:1]), None)
            if candidate is None:
                return None
            # The lease runs from when it is taken: time spent waiting for the write lock
            # (SQLite under load) must not shorten it, or another worker could send the row while
            # this one still is.
            taken = model.objects.filter(_due(now), pk=candidate).update(
                lease_until=timezone.now() + lease, lease_token=token
            )
            return candidate if taken else None

    taken = _retrying(take)
    if taken is None:
        return None
    return model.objects.get(pk=taken)


def begin_attempt(row, now):
    """Count an attempt on the claimed ``row`` before it is made, so that one cut off by a killed
    worker is still counted; False if this process no longer holds the row's lease."""
    counted = _retrying(
        lambda: (
            type(row)
            .objects.filter(pk=row.pk, lease_token=row.lease_token)
            .update(attempts=F("attempts") + 1, last_attempt_at=now)
        )
    )
    if counted:
        row.attempts += 1
        row.last_attempt_at = now
    return bool(counted)


def finish(row, *, succeeded, now=None, **fields):
    """Record the outcome of the attempt on ``row`` (counted by ``begin_attempt``) and release its
    lease.

    A success is written whoever holds the lease now (the row must never be sent again); any other
    outcome only by the holder, so that a worker whose lease expired does not overwrite the newer
    attempt's result. Returns True if the row was updated.
    """
    now = now or timezone.now()
    fields.update(lease_until=None, lease_token="")
    if succeeded:
        fields.update(status=row.DELIVERED, delivered_at=now, last_error="")
        target = type(row).objects.filter(pk=row.pk, status=row.PENDING)
    else:
        target = type(row).objects.filter(pk=row.pk, lease_token=row.lease_token)
    updated = _retrying(lambda: target.update(**fields))
    if not updated:
        logger.warning("%s %s: the outcome of an attempt came after its lease", type(row), row.pk)
    row.refresh_from_db()
    return bool(updated)


def run_task(task, model, lease, attempt, pk):
    """The body of an outbox task: claim row ``pk`` of ``model`` if it is due and no other worker
    holds it, make one ``attempt(row)``, and schedule the next one if it is still pending."""
    row = claim(model, lease, pk=pk)
    if row is not None:
        attempt(row)
        schedule_retry(task, row)


def enqueue(task, pk):
    """Queue ``task`` for row ``pk`` (at once with the immediate backend); if queueing fails the
    row stays pending and the outbox worker (``deliver_intake``) takes it."""
    try:
        task.enqueue(pk)
    except Exception:
        logger.exception("Could not queue %s for row %s; the outbox worker will retry", task, pk)


def in_flight(task, lease, now=None):
    """Rows (by pk) for which a database-backend task of ``task`` is waiting to run now or started
    within the last ``lease`` (a task started longer ago whose worker died holds no lease any
    more, so its row is free again). A task deferred to later does not count: its row is queued
    afresh if it is due before."""
    now = now or timezone.now()
    tasks = DBTaskResult.objects.filter(task_path=task.module_path, backend_name=task.backend)
    waiting = tasks.ready() | tasks.running().filter(started_at__gte=now - lease)
    pks = set()
    for arguments in waiting.values_list("args_kwargs", flat=True):
        args = (arguments or {}).get("args") or []
        if args:
            pks.add(args[0])
    return pks


def _serialise_queueing():
    """Make concurrent outbox loops queue one after the other (inside their transaction): SQLite's
    IMMEDIATE transactions already hold the write lock; PostgreSQL takes an advisory lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [QUEUEING_LOCK])


QUEUEING_LOCK = 0x0B0C  # the advisory lock of the outbox loops (any constant of its own)


def enqueue_due(task, model, lease, now=None, limit=500):
    """Queue ``task`` for every due row of ``model`` that is not in flight (at most ``limit``, the
    most overdue first); returns their pks.

    With the database task backend, picking the rows and queueing them is one short transaction
    that concurrent loops take in turn, so two loops never queue the same row twice. With another
    backend (the immediate one runs a task as it is queued) rows are queued one at a time outside
    any transaction — no HTTP or SMTP call ever runs inside one — and the lease alone keeps
    workers apart.
    """
    now = now or timezone.now()

    def due():
        rows = model.objects.filter(_due(now)).order_by("next_attempt_at", "pk")
        return list(rows.values_list("pk", flat=True)[:limit])

    if not isinstance(task.get_backend(), DatabaseBackend):
        queued = due()
        for pk in queued:
            enqueue(task, pk)
        return queued

    def queue():
        with transaction.atomic():
            _serialise_queueing()
            candidates = due()
            busy = in_flight(task, lease, now) if candidates else set()
            queued = [pk for pk in candidates if pk not in busy]
            for pk in queued:
                task.enqueue(pk)
            return queued

    return _retrying(queue)


def attempt_due(model, lease, attempt, now=None, limit=200):
    """Make ``attempt(row, now)`` on every due row of ``model``, one claimed row at a time (at
    most ``limit``); returns the rows attempted."""
    attempted = []
    while len(attempted) < limit:
        row = claim(model, lease, now=now)
        if row is None:
            break
        attempted.append(attempt(row, now))
    return attempted


def schedule_retry(task, row):
    """Queue ``task`` for the row's next attempt where the task backend can defer (the database
    backend): the task worker alone then retries; ``deliver_intake --loop`` remains the safety net
    for rows whose worker died (``enqueue_due``)."""
    if row.status != row.PENDING:
        return
    try:
        if task.get_backend().supports_defer:
            task.using(run_after=row.next_attempt_at).enqueue(row.pk)
    except Exception:
        logger.exception("Could not schedule the retry of %s %s", type(row).__name__, row.pk)


def lease_margin():
    """Seconds a lease outlasts the longest an attempt can take (``CALLS_OUTBOX_LEASE_MARGIN``)."""
    return timedelta(seconds=float(settings.CALLS_OUTBOX_LEASE_MARGIN))


def backoff(attempts):
    """Wait before the next try: 1 min, 2, 4, … doubling, at most 2 hours."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 2 * 3600))
