"""A deadline-hour burst against the production stack on loopback (gunicorn with 2 workers, the
task workers, the outbox worker, a real Redis, a loopback intake and SMTP server): 1,000 applicants
in 10 minutes, 50 at a time, from distinct addresses, each with a PDF, while the task worker is
killed (SIGKILL, restarted a second later), Redis is stopped for a minute and frozen for a minute,
and the intake is down for 10 minutes; a reader fetches the home and a call page throughout.
Prints per phase and overall: 5xx, applications lost, applicants' answer times, deliveries once the
intake is back, duplicates at the intake, public page answers (tests/reliability/burst.py).

    .venv/bin/python bench/bench_burst.py                         # SQLite (a file database)
    tests/with-postgres.sh .venv/bin/python bench/bench_burst.py  # PostgreSQL

A quick run: BURST_APPLICANTS=200 BURST_AT_A_TIME=20 BURST_MINUTES=2 (Redis then stopped and frozen
for a tenth of the burst each, the intake down as long as the burst). Every setting:
BURST_APPLICANTS, BURST_AT_A_TIME, BURST_MINUTES, BURST_REDIS_SECONDS, BURST_INTAKE_DOWN_SECONDS,
BURST_DRAIN_SECONDS (how long to wait for the workers' own retries once the intake is back),
BURST_FAST_FORWARD=seconds (the pending deliveries' clock moves on that much when the intake is
back), BURST_ARRIVALS=waves
(each wave of BURST_AT_A_TIME sends its forms in the same instant: a stress figure; the default,
steady, spreads the arrivals at random with about BURST_AT_A_TIME applicants on the form at once).
"""

import os
import shutil
import tempfile

import harness
from django.conf import settings
from django.db import connection

from calls.models import CallPage
from home.seeding import seed_site
from tests.reliability.burst import Plan, failures, report, run_burst
from tests.reliability.stack import ControlledRedis, Rows, running_stack


def plan_from_environment():
    minutes = float(os.environ.get("BURST_MINUTES", "10"))
    seconds = minutes * 60

    def number(name, default):
        return float(os.environ.get(name, default))

    return Plan(
        applicants=int(number("BURST_APPLICANTS", 1000)),
        at_a_time=int(number("BURST_AT_A_TIME", os.environ.get("BURST_CONCURRENCY", 50))),
        seconds=seconds,
        redis_seconds=number("BURST_REDIS_SECONDS", seconds / 10),
        intake_down_seconds=number("BURST_INTAKE_DOWN_SECONDS", seconds),
        drain_seconds=number("BURST_DRAIN_SECONDS", 600),
        fast_forward=number("BURST_FAST_FORWARD", 0),
        arrivals=os.environ.get("BURST_ARRIVALS", "steady"),
    )


def main():
    plan = plan_from_environment()
    harness.migrate()
    seed_site()
    path = CallPage.objects.get(code="WBCSP-2026-CORE-01", locale__language_code="en").url
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        )
    vendor = connection.vendor
    connection.close()
    workdir = tempfile.mkdtemp(prefix="hub-bench-burst-")
    print(f"== starting the stack on {vendor} (logs in {workdir})", flush=True)
    redis = ControlledRedis(workdir).start()
    try:
        with running_stack(url, workdir, redis_url=redis.url, intake_timeout=10) as stack:
            stack.rows = Rows(url)
            outcome = run_burst(
                stack, redis, path, plan, vendor, progress=lambda line: print(line, flush=True)
            )
    finally:
        redis.stop()
    report(outcome)
    problems = failures(outcome)
    if problems:
        print("The bar is not met:")
        for problem in problems:
            print(f"  - {problem}")
    else:
        print(
            "The bar is met: 0 × 5xx, 0 lost, every applicant answered within 2 s, all delivered."
        )
        shutil.rmtree(workdir, ignore_errors=True)  # kept otherwise: the processes' logs


if __name__ == "__main__":
    main()
