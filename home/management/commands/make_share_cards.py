"""Draw the share card of every live page that has none (or whose title changed since)."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from home.share_cards import ensure_share_card


class Command(BaseCommand):
    help = (
        "Draw the default share cards (og:image) of live pages; run after deploying a new design."
    )

    def handle(self, *args, **options):
        pages = Page.objects.live().filter(depth__gte=2).specific()
        for page in pages.iterator(chunk_size=200):
            ensure_share_card(page)
        self.stdout.write(f"Share cards up to date for {pages.count()} pages.")
