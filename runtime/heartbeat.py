"""Task workers say they are alive: a thread of each `manage.py db_worker` process records a
heartbeat row every WORKER_HEARTBEAT_SECONDS; /health/ counts the workers seen within
WORKER_HEARTBEAT_MAX_AGE. A stopped worker deletes its row; a killed one stops beating.

A thread rather than the worker's loop: a long task (a large campaign kit) keeps the process busy
but alive, and the heartbeat says the process is there, not that it is idle.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from runtime.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

FORGET_AFTER = timedelta(days=1)  # rows of workers that died without a goodbye


def beat(worker_id, started_at):
    """Record that ``worker_id`` is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


def live_workers(now=None):
    """(number of workers seen within WORKER_HEARTBEAT_MAX_AGE, the latest heartbeat or None)."""
    now = now or timezone.now()
    latest = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True)
    newest = latest.first()
    recent = now - timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)
    return WorkerHeartbeat.objects.filter(last_seen__gte=recent).count(), newest


class Heartbeat:
    """Beats for one worker in a daemon thread from ``start()`` until ``stop()``."""

    def __init__(self, worker_id, interval=None):
        self.worker_id = worker_id
        self.interval = interval or settings.WORKER_HEARTBEAT_SECONDS
        self.started_at = timezone.now()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self):
        WorkerHeartbeat.objects.filter(last_seen__lt=timezone.now() - FORGET_AFTER).delete()
        beat(self.worker_id, self.started_at)  # before the first task: healthy from the start
        self._thread.start()

    def stop(self):
        """Stop beating and remove this worker's row: it is gone, not late."""
        self._stopped.set()
        self._thread.join(timeout=self.interval + 5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("could not remove the heartbeat of worker %s", self.worker_id)

    def _run(self):
        while not self._stopped.wait(self.interval):
            try:
                beat(self.worker_id, self.started_at)
            except DatabaseError:  # e.g. SQLite busy: the next beat will do
                logger.warning("heartbeat of worker %s not recorded", self.worker_id, exc_info=True)
            finally:
                connection.close()  # this thread's own connection; a fresh one next time
