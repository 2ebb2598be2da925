"""The outbox worker: deliver pending applications to the intake and send pending confirmation
e-mails; with --loop it keeps running (the periodic pick-up of whatever is due)."""

import signal
import time

from django.core.management.base import BaseCommand

from calls.confirmation_mail import send_due
from calls.intake import deliver_due
from calls.orphan_files import remove_orphan_files

ORPHAN_SWEEP_SECONDS = 3600


class Command(BaseCommand):
    help = (
        "Deliver pending applications to INTAKE_URL, send pending confirmation e-mails and remove "
        "orphaned private files (run with --loop as a long-lived worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, polling the outbox.")
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between polls.")

    def handle(self, *args, loop=False, interval=15.0, **options):
        stopping = []
        # SIGTERM ends the loop after the current row; a row cut off by SIGKILL is taken up again
        # by any worker once its lease expires.
        if loop:
            signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        swept = 0.0
        while not stopping:
            if time.monotonic() - swept > ORPHAN_SWEEP_SECONDS or not loop:
                # Files of a request killed between writing them and storing their rows.
                swept = time.monotonic()
                for name in remove_orphan_files():
                    self.stdout.write(f"removed orphan file {name}")
            attempted = deliver_due()
            delivered = sum(1 for d in attempted if d.status == "delivered")
            mails = send_due()
            sent = sum(1 for m in mails if m.status == "delivered")
            if attempted or mails or not loop:
                self.stdout.write(
                    f"{len(attempted)} attempted, {delivered} delivered; "
                    f"{len(mails)} e-mails tried, {sent} sent",
                )
                self.stdout.flush()
            if not loop:
                return
            slept = 0.0
            while slept < interval and not stopping:
                time.sleep(min(0.2, interval))
                slept += 0.2
