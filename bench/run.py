"""Seed the demo site into a throwaway database, render pages, and print timings and query counts.

Run with `make bench`. Not part of the test run: figures depend on the machine.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='hub-bench-')}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from home.models import StandardPage  # noqa: E402
from home.seeding import seed_site  # noqa: E402

WARM_REQUESTS = 20


def measure(client, url):
    client.get(url)  # warm caches
    timings = []
    for _ in range(WARM_REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return statistics.median(timings), p95, len(queries.captured_queries)


def main():
    print(f"database: {connection.vendor}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - start
    start = time.perf_counter()
    seed_site()
    seed_s = time.perf_counter() - start
    print(f"migrate: {migrate_s:.1f} s   seed (8 languages): {seed_s:.1f} s")
    client = Client()
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    urls = ["/en/", "/sr/", "/mk/", "/cnr/", about.url, "/sitemap.xml"]
    print(
        f"{'page':<28}{'median ms':>10}{'p95 ms':>10}{'queries':>9}   ({WARM_REQUESTS} warm requests)"
    )
    for url in urls:
        median, p95, queries = measure(client, url)
        print(f"{url:<28}{median:>10.1f}{p95:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
