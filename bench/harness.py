"""Shared set-up for benchmarks: Django on a throwaway database, and a timing helper.

Import this first in every bench script; DATABASE_URL, if set, selects another database.
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
from django.test.utils import CaptureQueriesContext  # noqa: E402

WARM_REQUESTS = 20


def migrate():
    """Create the schema; returns the seconds it took."""
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    return time.perf_counter() - start


def measure(client, url, repeat=WARM_REQUESTS, before=None):
    """Median and p95 milliseconds of ``repeat`` warm GETs of ``url``, and its query count;
    ``before`` (e.g. ``cache.clear``) runs before each request, untimed."""
    client.get(url)  # warm caches
    timings = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    if before is not None:
        before()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    p95 = timings[max(0, round(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, len(queries.captured_queries)


def print_table(rows):
    print(f"{'page':<32}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for url, (median, p95, queries) in rows:
        print(f"{url:<32}{median:>10.1f}{p95:>10.1f}{queries:>9}")
