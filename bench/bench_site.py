"""Site-wide figures: migrate and seed time, and warm render time of the home and standard pages."""

import time

import harness
from django.core.cache import cache
from django.db import connection
from django.test import Client

from calls.models import CallPage
from home.models import StandardPage
from home.seeding import seed_site
from news.models import NewsPage, StoryPage
from resources.models import CampaignPage, ResourcePage

DETAIL_PAGES = [NewsPage, StoryPage, CallPage, ResourcePage, CampaignPage, StandardPage]


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
    # The shared cache (fragments of the site chrome, routing) warm as on a running site, and
    # emptied before every request, as right after a publish renews the content token.
    print("-- detail pages, shared cache warm / emptied before each request")
    rows = []
    for model in DETAIL_PAGES:
        for code in ["en", "sr"]:
            page = model.objects.live().filter(locale__language_code=code).first()
            label = f"{code} {model._meta.model_name}"
            rows.append((f"{label} warm", harness.measure(client, page.url)))
            rows.append((f"{label} cold", harness.measure(client, page.url, before=cache.clear)))
    harness.print_table(rows)


if __name__ == "__main__":
    main()
