"""`manage.py db_worker`: django-tasks-db's worker, with a heartbeat for /health/."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from runtime.heartbeat import Heartbeat


class Command(db_worker.Command):
    help = db_worker.Command.help + " Records a heartbeat that /health/ reports."

    def handle(self, *args, reload=False, worker_id=None, **options):
        # With --reload the parent process only watches files; the child runs the tasks.
        if reload and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            return super().handle(*args, reload=reload, worker_id=worker_id, **options)
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            return super().handle(*args, reload=reload, worker_id=worker_id, **options)
        finally:  # also on SIGTERM/SIGINT: the worker exits through SystemExit
            heartbeat.stop()
