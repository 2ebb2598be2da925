"""`manage.py media_bucket_policy`: the JSON policy to apply to the media bucket."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from runtime.media_bucket import media_bucket_policy


class Command(BaseCommand):
    help = "Print the S3 bucket policy of AWS_STORAGE_BUCKET_NAME: anonymous reads of images only."

    def handle(self, *args, **options):
        bucket = settings.AWS_STORAGE_BUCKET_NAME
        if not bucket:
            raise CommandError("AWS_STORAGE_BUCKET_NAME is not set: media are on local disk.")
        self.stdout.write(json.dumps(media_bucket_policy(bucket), indent=2))
