"""Media and applicants' files on S3-compatible storage, against moto's S3 server on loopback:
a public image (original and rendition, as og:image) read back over HTTP from the media bucket, a
document streamed by Django, and an application file in the private bucket only, downloaded by
the intake through the site's signed link."""

import io
import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from calls.intake import file_download_url
from calls.models import ApplicationFile
from calls.storage import private_storage
from news.models import NewsPage
from runtime.media_bucket import media_bucket_policy
from tests.calls.helpers import PDF, call, valid_post
from tests.runtime.helpers import settings_under
from tests.services import free_port, start_service

pytestmark = pytest.mark.django_db

S3_SETTINGS = [
    "STORAGES", "AWS_STORAGE_BUCKET_NAME", "AWS_PRIVATE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME", "AWS_S3_ADDRESSING_STYLE", "AWS_S3_CUSTOM_DOMAIN",
    "WAGTAILDOCS_SERVE_METHOD", "CONTENT_SECURITY_POLICY",
]  # fmt: skip


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """moto's S3 server in its own process on a free loopback port."""
    port = free_port()
    binary = Path(sys.executable).with_name("moto_server")
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with start_service([str(binary), "-H", "127.0.0.1", "-p", str(port)], port, log_path=log):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def on_s3(s3_endpoint, monkeypatch):
    """The site configured from the environment as an operator would, for S3 on ``s3_endpoint``."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "hub-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "hub-test-secret")
    environment = {
        "AWS_STORAGE_BUCKET_NAME": "hub-media", "AWS_PRIVATE_BUCKET_NAME": "hub-applications",
        "AWS_S3_ENDPOINT_URL": s3_endpoint, "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }  # fmt: skip
    loaded = settings_under("config.settings.test", **environment)
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    for bucket in ["hub-media", "hub-applications"]:
        s3.create_bucket(Bucket=bucket)
    policy = json.dumps(media_bucket_policy("hub-media"))  # as README tells the operator
    s3.put_bucket_policy(Bucket="hub-media", Policy=policy)
    with override_settings(**{name: getattr(loaded, name) for name in S3_SETTINGS}):
        # The file field chose its storage when the model was loaded; choose again under S3.
        field = ApplicationFile._meta.get_field("file")
        monkeypatch.setattr(field, "storage", private_storage())
        yield s3


def _keys(s3, bucket):
    return [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (32, 96, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def test_public_media_round_trip_and_absolute_og_image(client, on_s3, s3_endpoint):
    image = Image.objects.create(
        title="Public hearing on the municipal budget",
        description="Residents at a public hearing on the municipal budget",  # shared as og:image
        file=ImageFile(io.BytesIO(_png()), name="budget-hearing.png"),
    )
    assert image.file.name in _keys(on_s3, "hub-media")
    # An article without a main picture: the seeded pictures live on local disk, not in this bucket.
    news = NewsPage.objects.live().filter(locale__language_code="sr", listing_image=None).first()
    news.social_image = image
    news.save_revision().publish()
    response = client.get(news.url)
    html = response.content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert og_image.startswith(f"{s3_endpoint}/hub-media/images/"), og_image
    with urllib.request.urlopen(og_image, timeout=10) as fetched:  # noqa: S310 - loopback
        assert fetched.read().startswith(b"\x89PNG")
        assert "immutable" in fetched.headers["Cache-Control"]
    with urllib.request.urlopen(image.file.url, timeout=10) as original:  # noqa: S310
        assert original.read() == image.file.open().read()
    assert s3_endpoint in response["Content-Security-Policy"]  # img-src allows the bucket

    document = Document.objects.create(
        title="Budget monitoring guide", file=ContentFile(PDF, name="budget-guide.pdf")
    )
    assert document.file.name in _keys(on_s3, "hub-media")
    with pytest.raises(urllib.error.HTTPError) as refused:  # never straight from the bucket
        urllib.request.urlopen(document.file.url, timeout=10)  # noqa: S310
    assert refused.value.code == 403
    assert not document.url.startswith("http")  # through Django's view and its privacy checks
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF


def test_application_files_stay_in_the_private_bucket(client, on_s3):
    page = call("WBCSP-2026-CORE-01", "en")
    data = valid_post(page)
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF, "application/pdf")
    assert client.post(page.url, data, REMOTE_ADDR="10.0.0.7").status_code == 302
    stored = ApplicationFile.objects.get()
    assert stored.file.name in _keys(on_s3, "hub-applications")
    assert stored.file.name not in _keys(on_s3, "hub-media")
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 - no address, not even a signed one
    link = file_download_url(stored)  # what the intake is sent
    assert link.startswith("http://testserver/") and "hub-applications" not in link
    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
