"""Library figures: render times and queries (10 and 100 resources), and building a large kit zip."""

import os
import time

import harness
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from wagtail.documents.models import Document

from home.seeding import seed_site
from resources.models import CampaignMaterial, CampaignPage, ResourceIndexPage, ResourcePage
from tests.resources.helpers import add_resources

LARGE_KIT_FILES = 40
LARGE_FILE_BYTES = 5 * 1024 * 1024  # 40 × 5 MB = a 200 MB kit


def main():
    print(f"== resources ({connection.vendor}, {harness.WARM_REQUESTS} warm requests per page)")
    harness.migrate()
    start = time.perf_counter()
    seed_site()
    print(f"seed (whole site, 8 languages): {time.perf_counter() - start:.1f} s")
    client = Client()
    library = ResourceIndexPage.objects.get(locale__language_code="en")
    resource = ResourcePage.objects.filter(locale__language_code="en").first()
    campaign = CampaignPage.objects.get(locale__language_code="en", slug="shared-society")
    urls = [
        library.url,
        f"{library.url}?type=guide&type=toolkit&language=en&sort=title",
        library.campaigns_url,
        resource.url,
        campaign.url,
    ]
    rows = [(f"{url[:30]} (10)", harness.measure(client, url)) for url in urls[:2]]
    rows += [(url[:32], harness.measure(client, url)) for url in urls[2:]]
    add_resources(library, 90)
    rows += [(f"{url[:29]} (100)", harness.measure(client, url)) for url in urls[:2]]
    harness.print_table(rows)
    _bench_large_kit(campaign)


def _bench_large_kit(campaign):
    """A kit of LARGE_KIT_FILES incompressible files: first (building) and later requests."""
    for n in range(LARGE_KIT_FILES):
        document = Document(title=f"Bench poster {n}")
        document.file.save(f"bench-poster-{n}.pdf", ContentFile(os.urandom(LARGE_FILE_BYTES)))
        document._set_document_file_metadata()
        document.save()
        CampaignMaterial.objects.create(
            page=campaign, kind="poster", document=document, language="hr"
        )
    client = Client()
    url = campaign.url + "kit/hr/"
    start = time.perf_counter()
    campaign.save_revision().publish()  # the page_published task builds every language's zip
    publish = time.perf_counter() - start
    start = time.perf_counter()
    response = client.get(url)
    next(iter(response.streaming_content))
    first_byte = time.perf_counter() - start
    size = sum(len(chunk) for chunk in response.streaming_content)
    print(
        f"kit zip of {LARGE_KIT_FILES} files, {size / 1024 / 1024:.0f} MB: built when published "
        f"({publish:.2f} s, in the editor's publish, or in a worker); a reader's download: "
        f"{first_byte * 1000:.1f} ms to first byte"
    )
    start = time.perf_counter()
    response = Client().get(CampaignPage.objects.get(slug="your-voice-counts").url + "kit/bs/")
    print(f"small kit built on the first request: {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
