"""Where applicants' files live: a private location with no public URL."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_root():
    """``CALLS_PRIVATE_ROOT``, else a sibling of MEDIA_ROOT that the public site never serves."""
    configured = getattr(settings, "CALLS_PRIVATE_ROOT", None)
    if configured:
        return str(configured)
    return str(Path(settings.MEDIA_ROOT).with_name(Path(settings.MEDIA_ROOT).name + "-private"))


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk with no URL at all (FileSystemStorage would fall back to MEDIA_URL)."""

    def url(self, name):
        raise ValueError("Applicants' files have no public address; use the staff download view.")


def private_storage():
    """The storage of applicants' files: reached only through permission-checked views."""
    return PrivateFileSystemStorage(location=private_root(), base_url=None)
