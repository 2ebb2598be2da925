"""Newsroom figures: seed time, then warm render time and queries of the archives, feeds and pages
with the demo items and again with N extra news items (default 200; ``BENCH_NEWS_ITEMS``)."""

import os
import time
from datetime import date

import harness
from django.db import connection
from django.test import Client

from home.models import Country, Topic
from home.seeding import seed_site
from news.models import NewsIndexPage, NewsPage, StoryPage

EXTRA_ITEMS = int(os.environ.get("BENCH_NEWS_ITEMS", "200"))


def add_items(index, count):
    """Add ``count`` live news items with image, country, topic and tag to ``index``."""
    image = NewsPage.objects.child_of(index).first().listing_image
    country = Country.objects.get(locale=index.locale, slug="serbia")
    topic = Topic.objects.get(locale=index.locale, slug="governance")
    for number in range(count):
        page = NewsPage(
            title=f"Benchmark item {number}",
            slug=f"bench-{number}",
            date=date(2024, 1 + number % 12, 1 + number % 28),
            intro="A benchmark item.",
            listing_image=image,
            live=True,
        )
        page.countries = [country]
        page.topics = [topic]
        page.tags.add("bench")
        index.add_child(instance=page)


def urls(index):
    """(label, address) of each page measured, for one language's newsroom."""
    news = NewsPage.objects.child_of(index).order_by("-date").first()
    story = StoryPage.objects.child_of(index).first()
    return [
        ("news archive", index.url),
        ("archive ?topic&country", index.url + "?topic=governance&country=serbia"),
        ("archive ?page=2", index.url + "?page=2"),
        ("story archive", index.archive_url("stories")),
        ("news RSS", index.subpage_url("news_rss")),
        ("stories Atom", index.subpage_url("stories_atom")),
        ("news page", news.url),
        ("story page", story.url),
    ]


def measure(client, pages, language):
    harness.print_table(
        [(f"{language} {label}", harness.measure(client, url)) for label, url in pages]
    )


def main():
    print(f"== news ({connection.vendor}, {harness.WARM_REQUESTS} warm requests per page)")
    harness.migrate()
    start = time.perf_counter()
    seed_site()
    print(f"seed (8 languages, 144 news and stories included): {time.perf_counter() - start:.1f} s")
    client = Client()
    index = NewsIndexPage.objects.get(locale__language_code="en")
    print("-- with the 12 demo news items")
    measure(client, urls(index)[:2], "en")
    start = time.perf_counter()
    add_items(index, EXTRA_ITEMS)
    print(f"-- with {EXTRA_ITEMS} more news items (added in {time.perf_counter() - start:.1f} s)")
    measure(client, urls(index), "en")
    mk = NewsIndexPage.objects.get(locale__language_code="mk")
    print("-- Macedonian")
    measure(client, urls(mk)[3:], "mk")


if __name__ == "__main__":
    main()
