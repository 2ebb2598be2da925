"""Private files that no row names: what a process killed between writing an application's files and
storing their rows leaves behind (removed hourly by ``manage.py deliver_intake``)."""

from datetime import timedelta

from django.utils import timezone

from calls.records.applications import ApplicationFile
from calls.records.pending_uploads import PendingUpload
from calls.storage import private_storage


def remove_orphan_files(older_than=None, now=None):
    """Delete private files that no ``ApplicationFile`` (or ``PendingUpload``) row names, once they are older than
    ``older_than`` (default 1 hour: a request writes its files just before the transaction that
    stores their rows). Only a process killed between the two leaves such files. Returns the names."""
    storage = private_storage()
    cutoff = (now or timezone.now()) - (older_than or timedelta(hours=1))
    known = set(ApplicationFile.objects.values_list("file", flat=True))
    # Files kept after a form with errors have rows too (calls/pending_uploads.py, own expiry).
    known |= set(PendingUpload.objects.values_list("file", flat=True))
    removed = []

    def walk(directory):
        try:
            folders, files = storage.listdir(directory)
        except FileNotFoundError:
            return
        for name in files:
            path = f"{directory}/{name}" if directory else name
            if path not in known and storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed.append(path)
        for folder in folders:
            walk(f"{directory}/{folder}" if directory else folder)

    walk("")
    return removed
