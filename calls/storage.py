"""Where applicants' files live: a private location with no public URL — a folder beside the media,
or the private bucket (AWS_PRIVATE_BUCKET_NAME) when the site runs on S3-compatible storage."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

NO_ADDRESS = "Applicants' files have no public address; use the staff download view."


def private_root():
    """``CALLS_PRIVATE_ROOT``, else a sibling of MEDIA_ROOT that the public site never serves."""
    configured = getattr(settings, "CALLS_PRIVATE_ROOT", None)
    if configured:
        return str(configured)
    return str(Path(settings.MEDIA_ROOT).with_name(Path(settings.MEDIA_ROOT).name + "-private"))


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk with no URL at all (FileSystemStorage would fall back to MEDIA_URL)."""

    def url(self, name):
        raise ValueError(NO_ADDRESS)


class PrivateS3Storage(S3Storage):
    """The private bucket: objects readable with the site's credentials only, and no address at
    all (not even a signed one): staff and the intake download through the site's views."""

    def __init__(self, **options):
        options = {
            "bucket_name": settings.AWS_PRIVATE_BUCKET_NAME,
            "default_acl": "private",
            "custom_domain": None,  # a CDN in front of the media bucket never fronts this one
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "private, no-store"},
            **options,
        }
        super().__init__(**options)

    def url(self, name, *args, **kwargs):
        raise ValueError(NO_ADDRESS)


def private_storage():
    """The storage of applicants' files: reached only through permission-checked views."""
    if getattr(settings, "AWS_PRIVATE_BUCKET_NAME", None):
        return PrivateS3Storage()
    return PrivateFileSystemStorage(location=private_root(), base_url=None)


def remove_orphan_files(older_than=None, now=None):
    """Delete private files that no ``ApplicationFile`` (or ``PendingUpload``) row names, once they are older than
    ``older_than`` (default 1 hour: a request writes its files just before the transaction that
    stores their rows). Only a process killed between the two leaves such files. Returns the names."""
    from datetime import timedelta

    from django.utils import timezone

    from calls.models import ApplicationFile, PendingUpload

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
