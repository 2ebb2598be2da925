"""Files an applicant sent with a form that came back with errors, kept privately for the next try."""

import uuid

from django.db import models
from django.utils import timezone

from calls.storage import private_storage


def _upload_to(instance, filename):
    # Apart from applications' files, in a random directory: names never collide or reveal another's.
    return f"pending/{uuid.uuid4().hex}/{filename}"


class PendingUpload(models.Model):
    """One kept file: reused when the applicant sends the form again, deleted when it expires."""

    page = models.ForeignKey("calls.CallPage", on_delete=models.CASCADE, related_name="+")
    field_key = models.CharField(max_length=60)
    file = models.FileField(upload_to=_upload_to, storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "pending upload"

    def __str__(self):
        return self.original_name
