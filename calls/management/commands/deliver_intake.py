"""The outbox worker: queue pending intake deliveries and confirmation e-mails for the task workers
(each kind on its own queue, so that a hanging mail server never holds up a delivery) and remove
orphaned private files; with --loop it keeps running (the periodic pick-up of whatever is due or
was left by a killed worker). With --here it makes the attempts itself instead (deliveries first)."""

import signal
import time

from django.core.management.base import BaseCommand

from calls import confirmation_mail, intake
from calls.orphan_files import remove_orphan_files

ORPHAN_SWEEP_SECONDS = 3600


class Command(BaseCommand):
    help = (
        "Queue pending deliveries to INTAKE_URL and pending confirmation e-mails for the task "
        "workers (or, with --here, attempt them in this process) and remove orphaned private "
        "files (run with --loop as a long-lived worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, polling the outbox.")
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between polls.")
        parser.add_argument(
            "--here",
            action="store_true",
            help="Deliver and send in this process (e.g. from cron without a task worker).",
        )

    def handle(self, *args, loop=False, interval=15.0, here=False, **options):
        stopping = []
        # SIGTERM ends the loop after the current pass; a row cut off by SIGKILL is taken up again
        # once its lease expires.
        if loop:
            signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        swept = 0.0
        while not stopping:
            if time.monotonic() - swept > ORPHAN_SWEEP_SECONDS or not loop:
                # Files of a request killed between writing them and storing their rows.
                swept = time.monotonic()
                for name in remove_orphan_files():
                    self.stdout.write(f"removed orphan file {name}")
            report = self.attempt() if here else self.queue()
            if report or not loop:
                self.stdout.write(report or "nothing due")
                self.stdout.flush()
            if not loop:
                return
            slept = 0.0
            while slept < interval and not stopping:
                time.sleep(min(0.2, interval))
                slept += 0.2

    def queue(self):
        """Queue what is due and not in flight (with the immediate task backend this runs it)."""
        deliveries = intake.enqueue_due()
        mails = confirmation_mail.enqueue_due()
        if deliveries or mails:
            return f"{len(deliveries)} deliveries and {len(mails)} e-mails queued"
        return ""

    def attempt(self):
        attempted = intake.deliver_due()
        delivered = sum(1 for d in attempted if d.status == "delivered")
        mails = confirmation_mail.send_due()
        sent = sum(1 for m in mails if m.status == "delivered")
        if attempted or mails:
            return (
                f"{len(attempted)} attempted, {delivered} delivered; "
                f"{len(mails)} e-mails tried, {sent} sent"
            )
        return ""
