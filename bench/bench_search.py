"""Search benchmark: seed 10k then 50k pages over the eight languages, build the index, and print
p50/p95 latency of a fixed multilingual query mix (make bench-search; BENCH_SIZES overrides).

Pages are written in bulk (bypassing Wagtail's per-page tree bookkeeping, which would take longer
than the measurement) and indexed through the search backend itself, so the index is exactly what
a running site would have. Text is built from each language's real demo content.
"""

import os
import random
import re
import statistics
import time
import uuid

import harness
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import HomePage, StandardPage
from home.seeding import load_content, seed_site
from search.query import run_search

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,50000").split(",")]
QUERY_MIX = [
    ("sr", "drustvo"),
    ("sr", "друштво организације"),
    ("sr-latn", "podnosenje predloga"),
    ("bs", "organizacije civilnog drustva"),
    ("hr", "lokalna zajednica"),
    ("cnr", "mladi i lokalna zajednica"),
    ("mk", "gragjansko opstestvo"),
    ("mk", "граѓанско општество"),
    ("sq", "shoqerise civile"),
    ("sq", "thirrje për propozime"),
    ("en", "civil society grants"),
    ("en", "youth participation in local democracy"),
]
REPEAT = 10
BATCH = 1000


def vocabulary(code):
    """Words of one language (short ones included) taken from the text of its real demo content."""
    content = load_content(code)
    text = " ".join(
        _strings([page.get(key) for page in content["pages"].values() for key in TEXT_KEYS])
    )
    return re.findall(r"[^\W\d_]+", re.sub(r"<[^>]+>", " ", text))


TEXT_KEYS = ("title", "intro", "body")


def _strings(value):
    """The text in a demo value (a StreamField block's "type" and "level" are not text)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            if key not in ("type", "level")
            for text in _strings(item)
        ]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _strings(item)]
    return []


def make_text(words, rng, count):
    return " ".join(rng.choice(words) for _ in range(count)).capitalize() + "."


def add_pages(count, start):
    """Bulk-create ``count`` standard pages spread over the eight home pages; returns them."""
    rng = random.Random(start)
    homes = list(HomePage.objects.select_related("locale"))
    content_type = ContentType.objects.get_for_model(StandardPage)
    words = {home.locale.language_code: vocabulary(home.locale.language_code) for home in homes}
    created = []
    now = timezone.now()
    per_home = count // len(homes)
    for home in homes:
        home.refresh_from_db()
        base = home.numchild
        code = home.locale.language_code
        objs = []
        for i in range(per_home):
            number = base + i + 1
            title = make_text(words[code], rng, rng.randint(3, 7))[:-1]
            objs.append(
                StandardPage(
                    title=title,
                    slug=f"bench-{start}-{number}",
                    path=home.path + _step(number),
                    depth=home.depth + 1,
                    numchild=0,
                    url_path=f"{home.url_path}bench-{start}-{number}/",
                    content_type=content_type,
                    locale=home.locale,
                    translation_key=uuid.uuid4(),
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                    draft_title=title,
                    intro=make_text(words[code], rng, rng.randint(15, 30)),
                    body=[
                        ("paragraph", f"<p>{make_text(words[code], rng, rng.randint(80, 160))}</p>")
                    ],
                )
            )
        with transaction.atomic():
            base_objs = Page.objects.bulk_create([_as_page(obj) for obj in objs], batch_size=BATCH)
            for obj, base_obj in zip(objs, base_objs, strict=True):
                obj.pk = obj.page_ptr_id = base_obj.pk
            child_fields = list(StandardPage._meta.local_concrete_fields)
            for offset in range(0, len(objs), BATCH):
                StandardPage.objects._insert(objs[offset : offset + BATCH], child_fields, raw=True)
            Page.objects.filter(pk=home.pk).update(numchild=base + per_home)
        created.extend(objs)
    return created


def _as_page(obj):
    fields = {
        f.attname: getattr(obj, f.attname) for f in Page._meta.concrete_fields if f.attname != "id"
    }
    return Page(**fields)


def _step(number):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    for _ in range(4):
        number, remainder = divmod(number, 36)
        digits = alphabet[remainder] + digits
    return digits


def build_index(pages):
    backend = get_search_backend()
    index = backend.get_index_for_model(StandardPage)
    start = time.perf_counter()
    for offset in range(0, len(pages), BATCH):
        index.add_items(StandardPage, pages[offset : offset + BATCH])
    return time.perf_counter() - start


def measure_queries():
    timings = []
    results = {}
    for code, query in QUERY_MIX:
        run_search(query, code)  # warm
        for _ in range(REPEAT):
            start = time.perf_counter()
            outcome = run_search(query, code)
            timings.append((time.perf_counter() - start) * 1000)
        results[(code, query)] = len(outcome.ranked)
    timings.sort()
    return statistics.median(timings), timings[max(0, round(len(timings) * 0.95) - 1)], results


def main():
    print(f"== search ({connection.vendor}; query mix of {len(QUERY_MIX)} queries × {REPEAT})")
    harness.migrate()
    seed_site()
    total = 0
    for size in SIZES:
        pages = add_pages(size - total, start=total)
        seconds = build_index(pages)
        with connection.cursor() as cursor:  # statistics, as autovacuum keeps them on a live site
            cursor.execute("ANALYZE")
        total = size
        p50, p95, results = measure_queries()
        print(
            f"{Page.objects.count():>7} pages: index build {seconds:6.1f} s "
            f"({len(pages) / seconds:,.0f} pages/s)   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms"
        )
    print(
        "matches at the largest size: "
        + ", ".join(f"{q} [{c}] {n}" for (c, q), n in results.items())
    )


if __name__ == "__main__":
    main()
