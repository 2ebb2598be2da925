"""A deadline-hour burst against the stack of ``tests/reliability/stack.py``: applicants from
distinct client addresses (X-Forwarded-For from the trusted proxy), each with a PDF, while the task
worker is killed (SIGKILL, restarted a moment later as a supervisor would), Redis is stopped
and then frozen (SIGSTOP), and the intake is down; a reader fetches public pages throughout.

``run_burst`` returns what happened; ``report`` prints it per phase and overall. Used by
``tests/reliability/test_burst.py`` (a short burst on every ``make test``) and by
``bench/bench_burst.py`` (``make bench-burst``: 1,000 applicants in 10 minutes, 50 at a time).

An applicant does what the browser does: the call page comes from the front-end cache (fetched
again now and then), the form's script asks ``start/`` for a fresh token, the person fills the form
for a few seconds, sends it with a file and opens the confirmation page.
"""

import contextlib
import hashlib
import json
import math
import os
import random
import re
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.reliability.stack import apply, load_call_page, wait_until

CALM, KILLED, INTAKE_DOWN, REDIS_STOPPED, REDIS_FROZEN, INTAKE_BACK = (
    "calm",
    "worker killed",
    "intake down",
    "Redis stopped",
    "Redis frozen",
    "intake back",
)
PHASES = [CALM, KILLED, INTAKE_DOWN, REDIS_STOPPED, REDIS_FROZEN, INTAKE_BACK]
READER_ADDRESS = "198.51.100.7"
_TOKEN_URL = re.compile(r'data-token-url="([^"]+)"')
_STARTED = re.compile(r'name="form_started" value="([^"]+)"')


@dataclass
class Plan:
    """Who comes when, and when what breaks, in seconds of the burst.

    ``steady`` arrivals (the default): the applicants arrive at random over ``seconds`` (a Poisson
    stream) and each spends about ``at_a_time × seconds / applicants`` on the form (at least
    ``min_fill``), so that about ``at_a_time`` of them are on the form at any moment — the load of a
    deadline hour. ``waves``: every ``seconds / (applicants / at_a_time)`` a wave of ``at_a_time``
    arrives together and sends its forms in the same instant ``min_fill`` later (a stress figure:
    ``at_a_time`` posts queue on the app server's workers at once).

    Time 0 is when the first forms are sent. The worker is killed at 10 % of the burst, the intake
    goes down at 20 % (for ``intake_down_seconds``, possibly past the burst's end), Redis is stopped
    at 30 % and frozen at 55 % (each for ``redis_seconds``). ``fast_forward`` (seconds) moves the
    pending deliveries' clock on when the intake comes back, so that a short test sees the retries
    that would come a minute later, in the same order and spread; the workers' own backoff decides
    the rest, within ``drain_seconds``.
    """

    applicants: int = 1000
    at_a_time: int = 50
    seconds: float = 600
    redis_seconds: float = 60
    intake_down_seconds: float = 600
    arrivals: str = "steady"
    min_fill: float = 3.5  # a little over CALLS_MIN_FILL_SECONDS: not flagged as sent fast
    restart_after: float = 1.0  # the supervisor's backoff before it restarts the killed worker
    drain_seconds: float = 600
    fast_forward: float = 0.0
    reader_interval: float = 1.0
    worker: str = "tasks"
    seed: int = 24

    def __post_init__(self):
        s = self.seconds
        self.waves = math.ceil(self.applicants / self.at_a_time)
        self.wave_interval = s / self.waves
        if self.arrivals == "waves":
            self.fill = self.min_fill
        else:
            self.fill = max(self.min_fill, self.at_a_time * s / self.applicants)

        def slot(fraction):
            """The time of a fraction of the burst (with waves: the next wave's posts)."""
            if self.arrivals != "waves":
                return fraction * s
            return math.ceil(fraction * self.waves - 1e-9) * self.wave_interval

        # Killed while it works through the deliveries and e-mails of the forms just sent.
        self.killed_from = max(slot(0.10), self.wave_interval if self.arrivals == "waves" else 0)
        self.kill_at = self.killed_from + 1.0
        self.intake_down_at = max(0.20 * s, self.kill_at + self.restart_after + 1.0)
        self.intake_up_at = self.intake_down_at + self.intake_down_seconds
        stop = max(slot(0.30) - 1.0, self.intake_down_at)
        self.redis_stop = (stop, stop + self.redis_seconds)
        freeze = max(slot(0.55) - 1.0, self.redis_stop[1] + 1.0)
        self.redis_freeze = (freeze, freeze + self.redis_seconds)

    def schedule(self):
        """(arrival, seconds on the form) per applicant, arrivals counted from the burst's start
        minus ``fill`` (so that the forms are sent from about time 0)."""
        if self.arrivals == "waves":
            return [
                ((number // self.at_a_time) * self.wave_interval - self.fill, self.fill)
                for number in range(self.applicants)
            ]
        rng = random.Random(self.seed)
        arrivals = sorted(rng.uniform(0, self.seconds) for _ in range(self.applicants))
        low = max(self.min_fill, 0.5 * self.fill)
        return [(t - self.fill, rng.uniform(low, 2 * self.fill - low)) for t in arrivals]

    def phase(self, t):
        if t < self.killed_from:
            return CALM
        if t < self.intake_down_at:
            return KILLED
        if self.redis_stop[0] <= t < self.redis_stop[1]:
            return REDIS_STOPPED
        if self.redis_freeze[0] <= t < self.redis_freeze[1]:
            return REDIS_FROZEN
        if t < self.intake_up_at:
            return INTAKE_DOWN
        return INTAKE_BACK

    def describe(self):
        return (
            f"{self.applicants} applicants in {self.seconds:.0f} s, {self.at_a_time} at a time "
            + (
                f"({self.waves} waves every {self.wave_interval:.1f} s, all sending at once "
                f"{self.fill:.1f} s after arriving)"
                if self.arrivals == "waves"
                else f"(arriving at random, {self.fill:.1f} s on the form on average)"
            )
            + f"; worker killed at {self.kill_at:.0f} s (restarted after "
            f"{self.restart_after:.0f} s), intake down {self.intake_down_at:.0f}–"
            f"{self.intake_up_at:.0f} s, Redis stopped {self.redis_stop[0]:.0f}–"
            f"{self.redis_stop[1]:.0f} s and frozen {self.redis_freeze[0]:.0f}–"
            f"{self.redis_freeze[1]:.0f} s"
            + (
                f", the deliveries' clock {self.fast_forward:.0f} s ahead when the intake is back"
                if self.fast_forward
                else ""
            )
        )


@dataclass
class Applicant:
    number: int
    name: str
    address: str
    phase: str = ""
    started: float = 0.0  # when the form was sent (s from the burst's start)
    token_status: int | None = None
    token_seconds: float = 0.0
    post_status: int | None = None
    post_seconds: float = 0.0
    confirmation_status: int | None = None
    confirmation_seconds: float = 0.0
    reference: str = ""
    token_error: str = ""  # no answer from start/ (the page's token is sent instead)
    error: str = ""  # no answer to the post or the confirmation

    @property
    def confirmed(self):
        return self.post_status == 302 and self.confirmation_status == 200 and self.reference

    @property
    def server_errors(self):
        statuses = (self.token_status, self.post_status, self.confirmation_status)
        return sum(1 for status in statuses if status is not None and status >= 500)

    @property
    def longest(self):
        return max(self.token_seconds, self.post_seconds, self.confirmation_seconds)


@dataclass
class Outcome:
    plan: Plan
    vendor: str
    applicants: list = field(default_factory=list)
    samples: list = field(default_factory=list)  # (t, which, status or None, seconds)
    page_loads: list = field(default_factory=list)  # the front-end cache's refetches
    events: list = field(default_factory=list)  # (t, what)
    stored: dict = field(default_factory=dict)  # name -> [(id, key, reference)]
    files_missing: int = 0
    delivered: set = field(default_factory=set)  # application ids delivered
    delivered_naturally: int = 0  # before any fast-forward beyond the plan's
    seconds_to_deliver: float | None = None  # from the intake's return to the last delivery
    accepted: Counter = field(default_factory=Counter)  # key -> 200s the intake answered
    requests: Counter = field(default_factory=Counter)  # key -> requests the intake saw
    mails: int = 0
    wall: float = 0.0
    load: tuple = ()  # the machine's 1-minute load average at the start and the end

    # --- figures ---

    def keys(self):
        return {key for rows in self.stored.values() for _id, key, _ref in rows}

    def lost(self, applicants=None):
        """Confirmed to the applicant (a reference shown) but not stored."""
        references = {ref for rows in self.stored.values() for _id, _key, ref in rows}
        return [
            a
            for a in applicants or self.applicants
            if a.confirmed and a.reference not in references
        ]

    def stored_but_refused(self, applicants=None):
        """Stored, but the applicant saw an error (and will probably send it again)."""
        return [
            a for a in applicants or self.applicants if not a.confirmed and a.name in self.stored
        ]

    def same_key_duplicates(self):
        return sum(max(0, count - 1) for key, count in self.accepted.items() if key in self.keys())

    def other_key_duplicates(self):
        """One applicant's application stored (and so delivered) under two keys."""
        return sum(len(rows) - 1 for rows in self.stored.values() if len(rows) > 1)

    def unknown_keys(self):
        return sum(count for key, count in self.accepted.items() if key not in self.keys())

    def undelivered(self):
        return [
            row for rows in self.stored.values() for row in rows if row[0] not in self.delivered
        ]


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * fraction) - 1)] if ordered else 0.0


def _key(value):
    return str(uuid.UUID(str(value).replace("-", "")))


# --- the run ------------------------------------------------------------------------------------


def advance_deliveries(rows, seconds):
    """The clock of the pending deliveries moves on by ``seconds``: each retry comes due that much
    sooner, in the order and at the intervals the backoff gave them (a shorter test, the same
    stream of retries)."""
    if rows.url.startswith("sqlite"):
        rows.query(
            "UPDATE calls_intakedelivery SET next_attempt_at = "
            "strftime('%Y-%m-%d %H:%M:%f', next_attempt_at, %s) WHERE status = 'pending'",
            (f"-{seconds} seconds",),
        )
    else:
        rows.query(
            "UPDATE calls_intakedelivery SET next_attempt_at = next_attempt_at - "
            "make_interval(secs => %s) WHERE status = 'pending'",
            (seconds,),
        )


class _Faults(threading.Thread):
    """Carries out the plan's events at their times (one thread, in order)."""

    def __init__(self, plan, stack, redis, origin, outcome):
        super().__init__(daemon=True)
        self.plan, self.stack, self.redis, self.origin, self.outcome = (
            plan,
            stack,
            redis,
            origin,
            outcome,
        )
        self.intake_back_at = None  # monotonic
        self.failure = None

    def _at(self, t, what, action):
        delay = self.origin + t - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        action()
        self.outcome.events.append((time.monotonic() - self.origin, what))

    def _intake_up(self):
        self.stack.intake.mode = "ok"
        self.stack.intake.start()
        self.intake_back_at = time.monotonic()
        if self.plan.fast_forward:
            advance_deliveries(self.stack.rows, self.plan.fast_forward)

    def run(self):
        plan, stack, redis = self.plan, self.stack, self.redis
        events = [
            (plan.kill_at, f"kill -9 {plan.worker} worker", lambda: stack.kill_worker(plan.worker)),
            (plan.kill_at + plan.restart_after, f"{plan.worker} worker restarted",
             lambda: stack.start_worker(plan.worker)),
            (plan.intake_down_at, "intake down", stack.intake.stop),
            (plan.redis_stop[0], "Redis killed", redis.stop),
            (plan.redis_stop[1], "Redis started", redis.start),
            (plan.redis_freeze[0], "Redis frozen (SIGSTOP)", redis.freeze),
            (plan.redis_freeze[1], "Redis thawed (SIGCONT)", redis.thaw),
            (plan.intake_up_at, "intake back", self._intake_up),
        ]  # fmt: skip
        try:
            for t, what, action in sorted(events, key=lambda event: event[0]):
                self._at(t, what, action)
        except Exception as failure:  # reported by run_burst
            self.failure = failure


def _reader(base, path, stop, interval, origin, samples):
    """Fetch the home page and the call page in turn until ``stop`` is set."""
    urls = [("home", base + "/"), ("call", base + path)]
    turn = 0
    while not stop.is_set():
        which, url = urls[turn % 2]
        turn += 1
        started = time.monotonic()
        try:
            status = requests.get(
                url, headers={"X-Forwarded-For": READER_ADDRESS}, timeout=30
            ).status_code
        except requests.RequestException:
            status = None
        samples.append((started - origin, which, status, time.monotonic() - started))
        stop.wait(interval)


def _address(marker, number):
    """A distinct client address per applicant (198.18.0.0/15, the benchmarking range)."""
    value = (int(marker[:4], 16) * 7919 + number) % (2 * 65536 - 2) + 1
    return f"198.{18 + value // 65536}.{(value // 256) % 256}.{value % 256}"


def _applicant_run(stack, path, page, plan, origin, applicant, fill):
    forwarded = {"X-Forwarded-For": applicant.address}
    token = (_STARTED.search(page.text) or [None, ""])[1]  # the page's own, if the script fails
    token_url = _TOKEN_URL.search(page.text)
    token_url = stack.base + (token_url.group(1) if token_url else path + "start/")
    begun = time.perf_counter()
    try:
        answer = requests.get(token_url, headers=forwarded, timeout=60)
        applicant.token_status = answer.status_code
        if answer.status_code == 200:
            token = answer.json().get("token") or token
    except (requests.RequestException, ValueError) as failure:
        applicant.token_error = type(failure).__name__
    applicant.token_seconds = time.perf_counter() - begun
    time.sleep(max(0.0, fill - applicant.token_seconds))  # the person fills the form in
    applicant.started = time.monotonic() - origin
    applicant.phase = plan.phase(applicant.started)
    begun = time.perf_counter()
    try:
        elapsed, response, confirmation = apply(
            stack.base, path, applicant.name, applicant.address, token, page=page
        )
    except requests.RequestException as failure:
        applicant.error = type(failure).__name__
        applicant.post_seconds = time.perf_counter() - begun
        return applicant
    applicant.post_status, applicant.post_seconds = response.status_code, elapsed
    if confirmation is not None:
        applicant.confirmation_status = confirmation.status_code
        applicant.confirmation_seconds = time.perf_counter() - begun - elapsed
        if 'id="reference">' in confirmation.text:
            applicant.reference = confirmation.text.split('id="reference">')[1].split("<")[0]
    return applicant


def _collect(outcome, stack, marker):
    """What the database holds for this burst: applications per applicant, files, deliveries."""
    rows = stack.rows
    like = (f"%{marker}%",)
    outcome.stored = {}
    for app_id, key, reference, data in rows.query(
        "SELECT id, uuid, reference, form_data FROM calls_application "
        "WHERE CAST(form_data AS TEXT) LIKE %s ORDER BY id",
        like,
    ):
        data = json.loads(data) if isinstance(data, str) else data
        name = data.get("organisation_name", "")
        outcome.stored.setdefault(name, []).append((app_id, _key(key), reference))
    outcome.delivered = {
        app_id
        for (app_id,) in rows.query(
            "SELECT d.application_id FROM calls_intakedelivery d JOIN calls_application a "
            "ON a.id = d.application_id WHERE d.status = 'delivered' "
            "AND CAST(a.form_data AS TEXT) LIKE %s",
            like,
        )
    }


def _check_files(outcome, stack, marker):
    root = Path(str(stack.media) + "-private")
    files = stack.rows.query(
        "SELECT f.application_id, f.file, f.sha256 FROM calls_applicationfile f "
        "JOIN calls_application a ON a.id = f.application_id "
        "WHERE CAST(a.form_data AS TEXT) LIKE %s",
        (f"%{marker}%",),
    )
    with_file = set()
    for app_id, name, digest in files:
        path = root / name
        if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            with_file.add(app_id)
    ids = {row[0] for rows in outcome.stored.values() for row in rows}
    outcome.files_missing = len(ids - with_file)


def run_burst(stack, redis, path, plan, vendor, progress=print):
    """Run ``plan`` against ``stack`` (whose cache is ``redis``, a ControlledRedis) for the call at
    ``path``; returns an Outcome. The stack's intake should answer ``ok`` when called."""
    marker = uuid.uuid4().hex[:8]
    outcome = Outcome(plan=plan, vendor=vendor)
    stack.intake.mode, stack.smtp.mode = "ok", "ok"
    seen_before = len(stack.intake.received)
    load_before = os.getloadavg()[0]
    stop_reading = threading.Event()
    origin = time.monotonic()
    timeline = origin + plan.fill  # 0: the first forms are sent
    reader = threading.Thread(
        target=_reader,
        args=(stack.base, path, stop_reading, plan.reader_interval, timeline, outcome.samples),
        daemon=True,
    )
    reader.start()
    faults = _Faults(plan, stack, redis, timeline, outcome)
    faults.start()
    page, fetched = load_call_page(stack.base, path), -math.inf
    futures = []
    schedule = plan.schedule()
    report_every = max(1, plan.applicants // 10)
    with ThreadPoolExecutor(max_workers=plan.at_a_time * 2 + 10) as pool:
        for number, (arrival, fill) in enumerate(schedule):
            delay = timeline + arrival - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            begun = time.monotonic()
            if begun - fetched >= plan.wave_interval - 0.01:
                # The front-end cache fetches the page again (it expired): once per wave's time.
                fetched = begun
                try:
                    fresh = load_call_page(stack.base, path)
                    page, status = fresh, fresh.status_code
                except requests.HTTPError as failure:
                    status = failure.response.status_code
                except requests.RequestException:
                    status = None
                outcome.page_loads.append((begun - timeline, status, time.monotonic() - begun))
            applicant = Applicant(number, f"Burst {marker}-{number}", _address(marker, number))
            futures.append(
                pool.submit(_applicant_run, stack, path, page, plan, timeline, applicant, fill)
            )
            if progress and (number + 1) % report_every == 0:
                done = sum(1 for f in futures if f.done())
                progress(f"  {time.monotonic() - timeline:6.0f} s: {number + 1} arrived, "
                         f"{done} answered")  # fmt: skip
        outcome.applicants = [future.result() for future in futures]
    outcome.wall = time.monotonic() - origin
    faults.join(timeout=plan.intake_up_at + 120)
    if faults.failure is not None:
        raise RuntimeError(f"a planned fault could not be carried out: {faults.failure!r}")

    # Every stored application delivered once the intake is back (bounded), then a few more
    # polls of the outbox and a jump past the backoff: would anything be sent again?
    _collect(outcome, stack, marker)

    def all_delivered():
        _collect(outcome, stack, marker)
        return not outcome.undelivered()

    if progress:
        progress(f"  {time.monotonic() - timeline:6.0f} s: burst over; waiting for deliveries")
    try:
        wait_until(all_delivered, timeout=plan.drain_seconds, interval=1.0, what="deliveries")
        outcome.seconds_to_deliver = time.monotonic() - faults.intake_back_at
    except TimeoutError:
        pass
    outcome.delivered_naturally = len(outcome.delivered)
    if outcome.undelivered():  # the clock moves on past any backoff: are they delivered then?
        stack.rows.make_due()
        with contextlib.suppress(TimeoutError):
            wait_until(all_delivered, timeout=60, interval=1.0, what="deliveries")
    stack.rows.make_due()
    time.sleep(2)  # four polls of the outbox worker
    stop_reading.set()
    reader.join(timeout=35)
    _collect(outcome, stack, marker)
    _check_files(outcome, stack, marker)
    for key, status in stack.intake.received[seen_before:]:
        outcome.requests[key] += 1
        if status == 200:
            outcome.accepted[key] += 1  # a key of no application of this burst is counted too
    outcome.mails = len([m for m in stack.smtp.messages if marker in m])
    outcome.load = (load_before, os.getloadavg()[0])
    return outcome


# --- the report ---------------------------------------------------------------------------------


def _times(values):
    values = [v * 1000 for v in values]
    if not values:
        return f"{'-':>7}{'-':>7}{'-':>7}"
    return f"{_percentile(values, 0.5):>7.0f}{_percentile(values, 0.95):>7.0f}{max(values):>7.0f}"


def report(outcome, write=print):
    """The figures per phase and overall, as ``make bench-burst`` prints them."""
    plan = outcome.plan
    write(f"== deadline burst on {outcome.vendor}: {plan.describe()}")
    for t, what in outcome.events:
        write(f"   {t:7.1f} s  {what}")
    write(
        f"{'phase':<15}{'apps':>5}{'5xx':>5}{'noans':>6}{'other':>6}{'conf':>6}{'lost':>5}"
        f"{'ghost':>6}{'deliv':>6}{'p50':>7}{'p95':>7}{'max':>7}{'wait':>7}"
        f"{'pages':>6}{'p5xx':>5}{'pmax':>7}"
    )
    spans = {}
    for applicant in outcome.applicants:
        spans.setdefault(applicant.phase, []).append(applicant)
    delivered_names = {
        name
        for name, rows in outcome.stored.items()
        if any(row[0] in outcome.delivered for row in rows)
    }

    def line(label, applicants, samples):
        sent = [a.post_seconds for a in applicants if a.post_status is not None]
        write(
            f"{label:<15}{len(applicants):>5}{sum(a.server_errors for a in applicants):>5}"
            f"{sum(1 for a in applicants if a.error or a.token_error):>6}"
            f"{sum(1 for a in applicants if a.post_status is not None and a.post_status < 500 and not a.confirmed):>6}"
            f"{sum(1 for a in applicants if a.confirmed):>6}{len(outcome.lost(applicants)):>5}"
            f"{len(outcome.stored_but_refused(applicants)):>6}"
            f"{sum(1 for a in applicants if a.name in delivered_names):>6}"
            f"{_times(sent)}{max((a.longest for a in applicants), default=0) * 1000:>7.0f}"
            f"{len(samples):>6}{sum(1 for s in samples if s[2] is None or s[2] >= 500):>5}"
            f"{max((s[3] for s in samples), default=0) * 1000:>7.0f}"
        )  # fmt: skip

    for phase in PHASES:
        if phase in spans:
            samples = [s for s in outcome.samples if plan.phase(s[0]) == phase]
            line(phase, spans[phase], samples)
    line("overall", outcome.applicants, outcome.samples)
    codes = Counter(status for _t, _which, status, _s in outcome.samples)
    reads = [s[3] for s in outcome.samples]
    loads = Counter(status for _t, status, _s in outcome.page_loads)
    write(
        f"public pages (home and call, one reader): {dict(sorted(codes.items(), key=str))}, "
        f"p50/p95/max {_times(reads).split()[0]}/{_times(reads).split()[1]}/"
        f"{_times(reads).split()[2]} ms; call page refetched: {dict(loads)}"
    )
    stored = sum(len(rows) for rows in outcome.stored.values())
    natural = (
        f"all {outcome.delivered_naturally} {outcome.seconds_to_deliver:.0f} s after the intake came back"
        if outcome.seconds_to_deliver is not None
        else f"{outcome.delivered_naturally} within {plan.drain_seconds:.0f} s of its return, "
        f"{len(outcome.delivered)} once every row was made due"
    )
    write(
        f"stored {stored} (files missing {outcome.files_missing}), lost {len(outcome.lost())}, "
        f"stored though the applicant saw an error {len(outcome.stored_but_refused())}; delivered "
        f"{len(outcome.delivered)}/{stored} ({natural}); intake duplicates with the same key "
        f"{outcome.same_key_duplicates()}, under another key {outcome.other_key_duplicates()}, "
        f"unknown keys {outcome.unknown_keys()}; confirmation e-mails {outcome.mails}; "
        f"wall {outcome.wall:.0f} s; load average {outcome.load[0]:.1f} → {outcome.load[1]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    write(
        "(apps: applicants who sent the form in the phase; 5xx: answers ≥ 500 to the token, the "
        "post or the confirmation; noans: no answer (connection error, 60 s timeout); other: a "
        "post answered < 500 but not confirmed; lost: confirmed but not stored; ghost: stored "
        "but the applicant saw an error; p50/p95/max: the post, ms; wait: the longest of token, "
        "post and confirmation, ms; pages/p5xx/pmax: the reader's samples)"
    )


def failures(outcome):
    """What breaks the bar, one line each (empty when it holds)."""
    problems = []
    applicants = outcome.applicants
    if errors := [a for a in applicants if a.server_errors]:
        problems.append(
            f"{sum(a.server_errors for a in errors)} answers ≥ 500 to {len(errors)} applicants "
            f"(phases {dict(Counter(a.phase for a in errors))})"
        )
    if no_token := [a for a in applicants if a.token_error]:
        problems.append(
            f"{len(no_token)} applicants' script got no start token: "
            f"{dict(Counter((a.phase, a.token_error) for a in no_token))}"
        )
    if unanswered := [a for a in applicants if a.error]:
        problems.append(
            f"{len(unanswered)} applicants got no answer: "
            f"{dict(Counter((a.phase, a.error) for a in unanswered))}"
        )
    if unconfirmed := [a for a in applicants if not a.confirmed and not a.error]:
        problems.append(
            f"{len(unconfirmed)} applicants not confirmed: "
            f"{dict(Counter((a.phase, a.post_status) for a in unconfirmed))}"
        )
    if lost := outcome.lost():
        problems.append(f"{len(lost)} confirmed applications not stored")
    if outcome.files_missing:
        problems.append(f"{outcome.files_missing} stored applications without their file")
    if slow := [a for a in applicants if a.longest > 2.0]:
        worst = max(slow, key=lambda a: a.longest)
        problems.append(
            f"{len(slow)} applicants waited more than 2 s (phases "
            f"{dict(Counter(a.phase for a in slow))}; longest {worst.longest:.1f} s in "
            f"'{worst.phase}': token {worst.token_seconds:.1f} s, post {worst.post_seconds:.1f} s, "
            f"confirmation {worst.confirmation_seconds:.1f} s)"
        )
    if undelivered := outcome.undelivered():
        problems.append(f"{len(undelivered)} stored applications not delivered")
    if outcome.other_key_duplicates() or outcome.unknown_keys():
        problems.append(
            f"the intake got {outcome.other_key_duplicates()} applications twice under another "
            f"key and {outcome.unknown_keys()} unknown keys"
        )
    if bad := [s for s in outcome.samples if s[2] is None or s[2] >= 500]:
        problems.append(
            f"{len(bad)} public page samples failed: "
            f"{dict(Counter((outcome.plan.phase(s[0]), s[1], s[2]) for s in bad))}"
        )
    return problems
