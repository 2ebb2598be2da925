"""The media bucket's access policy: anonymous reads of images and renditions only.

Documents and campaign kits live in the same bucket but are read by Django (document privacy is
checked by Wagtail's serve view), so their objects stay private. `manage.py media_bucket_policy`
prints this policy for the operator to apply (e.g. `aws s3api put-bucket-policy`).
"""

PUBLIC_PREFIXES = ["original_images/", "images/"]  # Wagtail's upload folders for images


def media_bucket_policy(bucket):
    """The S3 bucket policy (as a dict) letting anyone GET the images of ``bucket``."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }
