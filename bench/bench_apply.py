"""Applicants under load against the production stack on loopback (gunicorn with 2 workers, the
django-tasks worker, the outbox worker, Redis, a loopback intake and SMTP server): POST p50/p95/max,
throughput, and what was stored and delivered — the table of issue 13, re-measured.

    .venv/bin/python bench/bench_apply.py                         # SQLite (a file database)
    tests/with-postgres.sh .venv/bin/python bench/bench_apply.py  # PostgreSQL
"""

import contextlib
import shutil
import statistics
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import harness
from django.conf import settings
from django.db import connection

from calls import abuse
from calls.models import CallPage
from home.seeding import seed_site
from tests.reliability.stack import Rows, apply, load_call_page, running_stack, wait_until
from tests.services import free_port, start_service

CASES = [
    # (label, applicants, at a time, intake mode, intake delay s, SMTP mode)
    ("healthy intake", 50, 10, "ok", 0, "ok"),
    ("healthy intake", 200, 25, "ok", 0, "ok"),
    ("intake answering in 2 s", 50, 10, "slow", 2.0, "ok"),
    ("intake hanging", 20, 10, "hang", 0, "ok"),
    ("SMTP accepting, never answering", 20, 10, "ok", 0, "hang"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * fraction) - 1)]


def run_case(stack, rows, path, label, count, concurrency, mode, delay, smtp_mode):
    stack.intake.mode, stack.intake.slow_seconds, stack.smtp.mode = mode, delay, smtp_mode
    stack.intake.release.clear()
    marker = uuid.uuid4().hex[:8]
    network = int(marker[:4], 16) % 250
    # Applicants get the call page from the front-end cache (one copy for everyone); what reaches
    # gunicorn per applicant is the POST and the (never cached) confirmation page.
    cached_page = load_call_page(stack.base, path)

    def one(number):
        token = abuse.started_token(time.time() - 60)
        address = f"198.{18 + number // 250}.{network}.{number % 250 + 1}"
        return apply(stack.base, path, f"Bench {marker}-{number}", address, token, page=cached_page)

    begin = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, range(count)))
    wall = time.perf_counter() - begin
    posts = [elapsed * 1000 for elapsed, _response, _confirmation in results]
    errors = sum(1 for _e, response, _c in results if response.status_code >= 500)
    confirmed = sum(
        1 for _e, r, c in results if r.status_code == 302 and c is not None and c.status_code == 200
    )
    ids = [
        row[0]
        for row in rows.query(
            "SELECT id FROM calls_application WHERE CAST(form_data AS TEXT) LIKE %s",
            (f"%{marker}%",),
        )
    ]
    files = rows.scalar(
        "SELECT COUNT(*) FROM calls_applicationfile f JOIN calls_application a "
        "ON a.id = f.application_id WHERE CAST(a.form_data AS TEXT) LIKE %s",
        (f"%{marker}%",),
    )
    keys = [
        str(uuid.UUID(str(row[0]).replace("-", "")))
        for row in rows.query(
            "SELECT uuid FROM calls_application WHERE CAST(form_data AS TEXT) LIKE %s",
            (f"%{marker}%",),
        )
    ]
    if mode in ("ok", "slow"):
        with contextlib.suppress(TimeoutError):
            wait_until(
                lambda: all(stack.intake.accepted(key) for key in keys),
                timeout=120,
                what="every application delivered",
            )
        time.sleep(2)  # a few more polls of the outbox: would anything be sent twice?
    accepted = sum(stack.intake.accepted(key) for key in keys)
    repeats = sum(max(0, stack.intake.accepted(key) - 1) for key in keys)
    if mode == "hang":
        stack.intake.release.set()
    print(
        f"{label:<34}{count:>4}@{concurrency:<3}{statistics.median(posts):>9.0f}"
        f"{percentile(posts, 0.95):>9.0f}{max(posts):>9.0f}{count / wall:>9.1f}"
        f"{errors:>6}{confirmed:>6}{len(ids):>7}{files:>6}{accepted:>9}{repeats:>8}"
    )


def main():
    print(
        f"== applying under load ({connection.vendor}; gunicorn 2 workers, db_worker, outbox "
        "worker, Redis; POST times in ms, app/s = applicants per second incl. confirmation page)"
    )
    harness.migrate()
    seed_site()
    path = CallPage.objects.get(code="WBCSP-2026-CORE-01", locale__language_code="en").url
    database_url = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database_url['NAME']}"
    else:
        url = (
            f"postgres://{database_url['USER']}@{database_url['HOST']}:{database_url['PORT']}"
            f"/{database_url['NAME']}"
        )
    connection.close()
    workdir = tempfile.mkdtemp(prefix="hub-bench-apply-")
    redis_port = free_port()
    redis = [shutil.which("redis-server"), "--port", str(redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", workdir]  # fmt: skip
    with (
        start_service(redis, redis_port),
        running_stack(
            url, workdir, redis_url=f"redis://127.0.0.1:{redis_port}/0", intake_timeout=10
        ) as stack,
    ):
        rows = Rows(url)
        print(
            f"{'case':<34}{'n@c':>8}{'p50':>9}{'p95':>9}{'max':>9}{'app/s':>9}"
            f"{'5xx':>6}{'conf':>6}{'stored':>7}{'files':>6}{'accepted':>9}{'repeats':>8}"
        )
        for case in CASES:
            run_case(stack, rows, path, *case)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
