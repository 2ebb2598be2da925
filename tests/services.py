"""Real services started by the tests on free loopback ports (Redis today; the proxy and app server
fixtures build on `start_service`). Every process is stopped when its fixture ends."""

import shutil
import socket
import subprocess
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
