"""What the runtime app stores: the task workers' heartbeats, read by the health endpoint."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running `manage.py db_worker` process, as last seen (runtime.heartbeat)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "worker heartbeat"

    def __str__(self):
        return f"{self.hostname}:{self.pid} ({self.worker_id})"
