"""Deliver pending applications to the intake system; with --loop it is the outbox worker."""

import time

from django.core.management.base import BaseCommand

from calls.intake import deliver_due


class Command(BaseCommand):
    help = "Deliver pending applications to INTAKE_URL (run with --loop as a long-lived worker)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, polling the outbox.")
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between polls.")

    def handle(self, *args, loop=False, interval=15.0, **options):
        while True:
            attempted = deliver_due()
            delivered = sum(1 for d in attempted if d.status == "delivered")
            if attempted or not loop:
                self.stdout.write(f"{len(attempted)} attempted, {delivered} delivered")
            if not loop:
                return
            time.sleep(interval)
