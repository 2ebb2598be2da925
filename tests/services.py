"""Real services started by the tests on free loopback ports (Redis; the proxy and app server
fixtures build on `start_service`), a database other processes can share, and a real task
worker on it. Every process is stopped when its fixture ends."""

import copy
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process=None, timeout=15.0):
    """Wait until something accepts connections on 127.0.0.1:port (bounded); fail with the reason."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(
                f"process exited with {process.returncode} before listening on {port}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout} s")


@contextmanager
def start_service(args, port, *, cwd=None, env=None, log_path=None, timeout=15.0):
    """Run `args` until the block ends; yield the process once it listens on `port`."""
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, timeout)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if log_path:
            log.close()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis (Debian's redis-server) on a free port, without persistence, for the session."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: `make test` installs the Debian package")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", str(workdir)]  # fmt: skip
    with start_service(args, port, log_path=workdir / "redis.log"):
        yield f"redis://127.0.0.1:{port}/0"


# --- A database other processes can open, and a real task worker on it -----------------------


@pytest.fixture(scope="module")
def shared_database_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """A copy of the seeded test database that other processes can open (the test database of
    SQLite lives in memory): a file for SQLite, a database made from the test one as a template
    on PostgreSQL. Yields (Django settings of the copy, its DATABASE_URL); deleted afterwards."""
    from django.db import connections

    original = connections["default"]
    settings_dict = copy.deepcopy(original.settings_dict)
    with django_db_blocker.unblock():
        if original.vendor == "sqlite":
            path = tmp_path_factory.mktemp("shared-db") / "hub.sqlite3"
            original.ensure_connection()
            target = sqlite3.connect(path)
            original.connection.backup(target)
            target.close()
            settings_dict["NAME"] = str(path)
            url = f"sqlite:///{path}"
        elif original.vendor == "postgresql":
            template, name = settings_dict["NAME"], f"{settings_dict['NAME']}_shared"
            connections.close_all()  # a template database must have no other session
            with original._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            settings_dict["NAME"] = name
            credentials = settings_dict["USER"] + (
                f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
            )
            url = f"postgres://{credentials}@{settings_dict['HOST']}:{settings_dict['PORT']}/{name}"
        else:
            pytest.fail(f"no shared copy for {original.vendor}")
    yield settings_dict, url
    if original.vendor == "postgresql":
        with django_db_blocker.unblock(), original._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}" WITH (FORCE)')


@pytest.fixture
def shared_database(shared_database_copy, django_db_blocker):
    """Run the test on the shared copy in autocommit: what it writes, other processes see at
    once (and what they write, it sees). Yields the copy's DATABASE_URL."""
    from django.db import connections

    settings_dict, url = shared_database_copy
    original = connections["default"]
    wrapper = original.__class__(copy.deepcopy(settings_dict), alias="default")
    with django_db_blocker.unblock():
        connections["default"] = wrapper
        try:
            yield url
        finally:
            wrapper.close()
            connections["default"] = original


def django_environment(database_url, **extra):
    """Environment for a manage.py process of the tests: test settings, the given database and
    this process's media folder."""
    from django.conf import settings

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **extra,
    }


@contextmanager
def start_worker(database_url, log_path, *, heartbeat_seconds=1, timeout=30.0):
    """A real `manage.py db_worker` (database task backend) on ``database_url`` until the block
    ends; yields the process once its first heartbeat is recorded. Stopped with SIGTERM."""
    from django.conf import settings

    from runtime.models import WorkerHeartbeat

    env = django_environment(
        database_url, TASKS_BACKEND="database", WORKER_HEARTBEAT_SECONDS=str(heartbeat_seconds)
    )
    args = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
            "--interval", "0.2", "--worker-id", f"test-{os.getpid()}-{time.monotonic_ns()}"]  # fmt: skip
    log = open(log_path, "wb")  # noqa: SIM115
    process = subprocess.Popen(
        args, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + timeout
        while not WorkerHeartbeat.objects.filter(pid=process.pid).exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start: {log_path.read_text()[-2000:]}")
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        log.close()
