"""Delete the files applicants attached to forms they never sent again, once they expire."""

from django.core.management.base import BaseCommand

from calls.pending_uploads import delete_expired


class Command(BaseCommand):
    help = "Delete expired kept uploads (files attached to forms that came back with errors)."

    def handle(self, *args, **options):
        count = delete_expired()
        self.stdout.write(f"{count} expired kept uploads deleted.")
