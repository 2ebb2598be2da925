from django.core.management.base import BaseCommand

from home.seeding import seed_site


class Command(BaseCommand):
    help = "Create the eight locales, page tree, taxonomy, menus and demo content (idempotent)."

    def handle(self, *args, **options):
        report = seed_site()
        if report.created:
            self.stdout.write(f"Created {len(report.created)} items.")
        else:
            self.stdout.write("Everything was already in place; nothing created.")
