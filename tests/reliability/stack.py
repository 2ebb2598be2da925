"""The application stack as it runs in production, on loopback: gunicorn (2 workers) with the
production settings over a file database (SQLite) or its own PostgreSQL database, the django-tasks
workers as ``make serve`` starts them (``tasks``: ``db_worker`` for every queue but ``mail``;
``mailer``: ``db_worker`` for ``mail``), the outbox worker (``deliver_intake --loop``, which queues
what is due), a loopback intake that can answer, fail, hang or be down, and a loopback SMTP server
that can hang (a black hole: it accepts connections and never answers). Used by the reliability
tests and by ``bench/bench_apply.py``. Every wait is bounded."""

import html
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

from tests.services import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SECRET_KEY = "test-only-key"  # the test process signs form start tokens with it too
INTAKE_SECRET = "reliability-intake-secret"


def wait_until(condition, timeout=30.0, interval=0.1, what="condition"):
    """Poll ``condition`` until it returns something truthy (bounded); return that value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what} not reached within {timeout} s")


# --- The intake ------------------------------------------------------------------------------


class LoopbackIntake:
    """An intake on 127.0.0.1 whose behaviour the test sets: ``ok``, ``slow`` (stores the
    application after ``slow_seconds`` and answers 200, even to a client that has gone), ``500``,
    ``hang``; ``stop()`` makes it down (connection refused) and ``start()`` brings it back on the
    same port. Every request is recorded as (idempotency key, what it was answered); ``arrivals``
    holds when each key first arrived (``time.time()``) and ``arrived`` is set by every request
    as it comes in."""

    def __init__(self):
        self.port = free_port()
        self.mode = "ok"
        self.slow_seconds = 0.2
        self.received = []
        self.arrivals = {}
        self.arrived = threading.Event()
        self.hanging = threading.Event()  # set while a request is held in "hang" mode
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/intake"

    def start(self):
        intake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's API
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = self.headers.get("Idempotency-Key", "")
                with intake.lock:
                    intake.arrivals.setdefault(key, time.time())
                intake.arrived.set()
                mode = intake.mode
                if mode == "hang":
                    intake.record(key, "hang")
                    intake.hanging.set()
                    intake.release.wait(30)
                    return  # the client gave up long ago; close without an answer
                if mode == "slow":
                    time.sleep(intake.slow_seconds)
                status = 500 if mode == "500" else 200
                intake.record(key, status)
                body = b'{"ok": true}' if status == 200 else b'{"error": "busy"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            allow_reuse_address = True
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client that timed out and hung up is what the test arranged

        self.server = Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server is not None:
            self.release.set()
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def record(self, key, outcome):
        with self.lock:
            self.received.append((key, outcome))

    def accepted(self, key=None):
        """Requests answered 200 (for one idempotency key, or in total)."""
        return sum(1 for k, outcome in self.received if outcome == 200 and key in (None, k))

    def requests_for(self, key):
        return [outcome for k, outcome in self.received if k == key]

    def duplicates(self, keys):
        """Requests answered 200 beyond the first, over these idempotency keys."""
        return sum(max(self.accepted(key) - 1, 0) for key in keys)


# --- The mail server -------------------------------------------------------------------------


class LoopbackSMTP:
    """A minimal SMTP server on 127.0.0.1: ``ok`` accepts every message (kept in ``messages``),
    ``hang`` accepts the connection and never says a word (a black hole)."""

    def __init__(self):
        self.port = free_port()
        self.mode = "ok"
        self.messages = []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", self.port))
        self.sock.listen(64)
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn):
        with conn:
            if self.mode == "hang":
                conn.settimeout(30)
                try:
                    while conn.recv(4096):
                        pass
                except OSError:
                    pass
                return
            reader = conn.makefile("rb")
            conn.sendall(b"220 loopback ESMTP\r\n")
            data = None
            for raw in reader:
                line = raw.decode(errors="replace").rstrip("\r\n")
                if data is not None:
                    if line == ".":
                        self.messages.append("\n".join(data))
                        data = None
                        conn.sendall(b"250 queued\r\n")
                    else:
                        data.append(line)
                    continue
                verb = line[:4].upper()
                if verb in ("EHLO", "HELO"):
                    conn.sendall(b"250 loopback\r\n")
                elif verb == "DATA":
                    data = []
                    conn.sendall(b"354 go ahead\r\n")
                elif verb == "QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")

    def close(self):
        self.stopped = True
        self.sock.close()

    def messages_with(self, text):
        return [message for message in self.messages if text in message]


# --- The database the stack uses ---------------------------------------------------------------


class Rows:
    """Read the stack's database from the test process (plain DB-API, ``%s`` placeholders)."""

    def __init__(self, database_url):
        self.url = database_url

    def _connect(self):
        if self.url.startswith("sqlite"):
            connection = sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=20)
            return connection, "?"
        import psycopg

        return psycopg.connect(
            self.url.replace("postgres://", "postgresql://"), autocommit=True
        ), "%s"

    def query(self, sql, params=()):
        connection, mark = self._connect()
        try:
            cursor = connection.cursor()
            cursor.execute(sql.replace("%s", mark), params)
            rows = cursor.fetchall() if cursor.description else []
            connection.commit()
            return rows
        finally:
            connection.close()

    def scalar(self, sql, params=()):
        return self.query(sql, params)[0][0]

    def make_due(self):
        """The clock moves on: every pending row's next attempt is now."""
        past = "2000-01-01 00:00:00" + ("" if self.url.startswith("sqlite") else "+00")
        self.query(
            "UPDATE calls_intakedelivery SET next_attempt_at = %s WHERE status = 'pending'", (past,)
        )
        self.query(
            "UPDATE calls_confirmationmail SET next_attempt_at = %s WHERE status = 'pending'",
            (past,),
        )


def copy_test_database(connection, directory):
    """A copy of the (seeded) test database that other processes can open; returns its URL and a
    function that removes it."""
    if connection.vendor == "sqlite":
        path = Path(directory) / "stack.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        return f"sqlite:///{path}", lambda: None
    import psycopg

    source = connection.settings_dict
    name = f"stack_{uuid.uuid4().hex[:10]}"
    admin_url = f"postgresql://{source['USER']}@{source['HOST']}:{source['PORT']}/postgres"
    connection.close()  # CREATE DATABASE … TEMPLATE needs the template to be idle
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source["NAME"]}"')

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgres://{source['USER']}@{source['HOST']}:{source['PORT']}/{name}", drop


# --- The processes -------------------------------------------------------------------------------


class Stack:
    """gunicorn with 2 workers and the background workers, over ``database_url``."""

    def __init__(
        self,
        database_url,
        workdir,
        intake,
        smtp,
        redis_url=None,
        web_workers=2,
        intake_timeout=2,
        email_timeout=3,
    ):
        self.database_url = database_url
        self.workdir = Path(workdir)
        self.intake, self.smtp = intake, smtp
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.media = self.workdir / "media"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.reliability.served_settings",
            "PYTHONPATH": str(ROOT),
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "WAGTAILADMIN_BASE_URL": self.base,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.media),
            "TASKS_BACKEND": "database",
            "TRUSTED_PROXIES": "127.0.0.1",
            "INTAKE_URL": intake.url,
            "INTAKE_SECRET": INTAKE_SECRET,
            "INTAKE_TIMEOUT": str(intake_timeout),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_TIMEOUT": str(email_timeout),
            "LOG_LEVEL": "ERROR",
        }
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.web_workers = web_workers
        self.web = None
        self.workers = {}

    def _spawn(self, name, args):
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        process.log = log
        return process

    def start(self):
        self.media.mkdir(parents=True, exist_ok=True)
        self.web = self._spawn(
            "gunicorn",
            # The deployment's own gunicorn settings; the access log also names the worker's pid.
            [GUNICORN, "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.web_workers),
             "--access-logfile", str(self.workdir / "access.log"),
             "--access-logformat", "%(p)s %(m)s %(U)s %(s)s %(M)s"],
        )  # fmt: skip
        self.start_worker("tasks")
        self.start_worker("mailer")
        self.start_worker("outbox")
        wait_for_port(self.port, self.web, timeout=60)
        wait_until(lambda: self._answers(), timeout=60, what="gunicorn answering")
        return self

    def _answers(self):
        try:
            return requests.get(self.base + "/robots.txt", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def start_worker(self, name):
        """``tasks`` runs django-tasks' db_worker for every queue but ``mail`` (intake deliveries
        and everything else), ``mailer`` one for ``mail`` only, ``outbox…`` a deliver_intake --loop
        (as deploy/serve.py starts them)."""
        worker = [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-reload"]
        if name.startswith("tasks"):
            args = [*worker, "--queue-name=*", "--exclude-queues=mail"]
        elif name.startswith("mailer"):
            args = [*worker, "--queue-name=mail"]
        else:
            args = [PYTHON, "manage.py", "deliver_intake", "--loop", "--interval", "0.5"]
        self.workers[name] = self._spawn(name, args)
        return self.workers[name]

    def kill_worker(self, name):
        """SIGKILL: the worker gets no chance to finish or record anything."""
        process = self.workers.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        process.log.close()

    def stop(self):
        for process in [self.web, *self.workers.values()]:
            if process is None or process.poll() is not None:
                continue
            os.killpg(process.pid, signal.SIGTERM)
        for process in [self.web, *self.workers.values()]:
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
            process.log.close()
        self.workers = {}

    def access_log(self):
        path = self.workdir / "access.log"
        return path.read_text().splitlines() if path.exists() else []


@contextmanager
def running_stack(database_url, workdir, redis_url=None, intake_timeout=2, email_timeout=3):
    """Intake, SMTP and the app stack for the duration of the block."""
    intake = LoopbackIntake().start()
    smtp = LoopbackSMTP()
    stack = Stack(
        database_url,
        workdir,
        intake,
        smtp,
        redis_url=redis_url,
        intake_timeout=intake_timeout,
        email_timeout=email_timeout,
    )
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        intake.stop()
        smtp.close()


# --- An applicant ----------------------------------------------------------------------------------

_INPUT = re.compile(r'name="(csrfmiddlewaretoken|form_started)" value="([^"]+)"')
PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages "
    b"/Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def applicant_answers(name, address="applicant@example.org"):
    """A complete application to the seeded call WBCSP-2026-CORE-01 (any language)."""
    return {
        "organisation_name": name,
        "email": address,
        "country": "kosovo",
        "organisation_type": "cso",
        "themes": ["security", "governance"],
        "requested_amount": "25000",
        "project_summary": f"Citizen scorecards for municipal services ({name}).",
    }


def load_call_page(base, call_path, client_address="198.18.255.1"):
    page = requests.get(base + call_path, headers={"X-Forwarded-For": client_address}, timeout=30)
    page.raise_for_status()
    return page


def apply(base, call_path, name, client_address, started_token, pdf=PDF, page=None):
    """Load the call page (or use ``page``, as the front-end cache would serve it), then send the
    form as a browser would (from ``client_address`` behind the proxy). Returns (POST seconds,
    POST response, confirmation response or None)."""
    forwarded = {"X-Forwarded-For": client_address}
    page = page or load_call_page(base, call_path, client_address)
    inputs = dict(_INPUT.findall(page.text))
    data = applicant_answers(name)
    data["form_started"] = started_token  # as if the applicant had taken a minute
    # What a browser sends with a form post: its origin and, if the form carries a CSRF token, the
    # token and its cookie (the production cookie is Secure; a browser behind TLS sends it back).
    headers = {**forwarded, "Origin": base, "Referer": base + call_path}
    if "csrfmiddlewaretoken" in inputs:
        data["csrfmiddlewaretoken"] = html.unescape(inputs["csrfmiddlewaretoken"])
        cookie = re.search(r"csrftoken=([^;]+)", page.headers.get("Set-Cookie", ""))
        headers["Cookie"] = f"csrftoken={cookie.group(1)}" if cookie else ""
    started = time.perf_counter()
    response = requests.post(
        base + call_path,
        data=data,
        files={"budget": (f"{name}.pdf", pdf + name.encode() + b"\n", "application/pdf")},
        headers=headers,
        allow_redirects=False,
        timeout=60,
    )
    elapsed = time.perf_counter() - started
    confirmation = None
    if response.status_code == 302:
        confirmation = requests.get(
            base + response.headers["Location"], headers=forwarded, timeout=30
        )
    return elapsed, response, confirmation


# --- A Redis the test can stop, freeze and bring back (tests/reliability/test_burst.py) ----------


class ControlledRedis:
    """A real redis-server on a fixed loopback port (no persistence) that the test can crash
    (``stop``: SIGKILL, connections refused), freeze (``freeze``: SIGSTOP, connections accepted
    and never answered), ``thaw`` (SIGCONT) and ``start`` again on the same port (empty)."""

    def __init__(self, workdir):
        import shutil

        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise RuntimeError("redis-server is not installed (Debian package redis-server)")
        self.workdir = Path(workdir)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        log = open(self.workdir / "redis.log", "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.process.log = log
        wait_for_port(self.port, self.process, timeout=15)
        return self

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)  # a frozen process dies too
            self.process.kill()
            self.process.wait(timeout=10)
            self.process.log.close()
            self.process = None

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)
