"""Where applicants' files live: a private location with no public URL — a folder beside the media,
or the private bucket (AWS_PRIVATE_BUCKET_NAME) when the site runs on S3-compatible storage."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

NO_ADDRESS = "Applicants' files have no public address; use the staff download view."


def private_root():
    """``CALLS_PRIVATE_ROOT``, else a sibling of MEDIA_ROOT that the public site never serves."""
    configured = settings.CALLS_PRIVATE_ROOT
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
    if settings.AWS_PRIVATE_BUCKET_NAME:
        return PrivateS3Storage()
    return PrivateFileSystemStorage(location=private_root(), base_url=None)
