"""Site-wide figures: migrate and seed time, and warm render time of the home and standard pages."""

import time

import harness
from django.db import connection
from django.test import Client

from home.models import StandardPage
from home.seeding import seed_site


def main():
    print(f"== site ({connection.vendor}, {harness.WARM_REQUESTS} warm requests per page)")
    migrate_s = harness.migrate()
    start = time.perf_counter()
    seed_site()
    print(f"migrate: {migrate_s:.1f} s   seed (8 languages): {time.perf_counter() - start:.1f} s")
    client = Client()
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    urls = ["/en/", "/sr/", "/mk/", "/cnr/", about.url, "/sitemap.xml"]
    harness.print_table([(url, harness.measure(client, url)) for url in urls])


if __name__ == "__main__":
    main()
