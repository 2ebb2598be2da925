"""`make manage ARGS="…"`: manage.py beside a running `make serve`, in exactly its environment.

The real `deploy/serve.py` (migrate, collectstatic, Redis on a socket, gunicorn, the task worker,
nginx) over a copy of the seeded test database; a shell publish through `make manage` from an
operator's shell that knows none of the stack's variables is on the proxy within 2 s. Without a
running stack `make manage` refuses and runs nothing.
"""

import importlib.util
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from calls.models import CallPage
from news.models import StoryPage
from tests import seeded_snapshot
from tests.reliability.stack import copy_test_database, wait_until
from tests.services import free_port

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("serve", ROOT / "deploy" / "serve.py")
serve = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(serve)

# Everything a shell would mangle if the env file were quoted carelessly.
AWKWARD = 'k\'ey "with" spaces = and $HOME, `ls`, #hash, back\\slash,\nnew line, Шкодер'
STARTUP_TIMEOUT = 180  # migrate, collectstatic and compilemessages on a machine shared with others


def operator_shell(run_dir):
    """An operator's shell: the development settings and another database in its environment,
    none of the stack's variables."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST")}
    for name in ("REDIS_URL", "FRONTEND_CACHE_URL", "TRUSTED_PROXIES", "TASKS_BACKEND",
                 "SECRET_KEY", "MEDIA_ROOT", "TEST_MEDIA_ROOT"):  # fmt: skip
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{run_dir.parent / 'not-the-stack.sqlite3'}",
        RUN_DIR=str(run_dir),
    )
    return env


def make_manage(run_dir, args, timeout=120):
    return subprocess.run(
        ["make", "-s", "--no-print-directory", "manage", f"ARGS={args}"],
        cwd=ROOT, env=operator_shell(run_dir), capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def shell_command(code):
    """ARGS for `manage.py shell -c code` (make expands `$`: the code must not contain one)."""
    assert "$" not in code
    return f"shell -v0 -c {shlex.quote(code)}"


def process_environment(pid):
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(
        item.split("=", 1) for item in raw.decode("utf-8", "surrogateescape").split("\0") if item
    )


def without_session(env):
    return {name: value for name, value in env.items() if name not in serve.SESSION_VARIABLES}


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker, tmp_path_factory):
    """`deploy/serve.py` as `make serve` runs it, on free ports, over a copy of the seeded test
    database, with its run directory in a temporary folder. Yields a dict with what the test needs."""
    workdir = tmp_path_factory.mktemp("make-serve")
    with django_db_blocker.unblock():
        if not CallPage.objects.filter(code="WBCSP-2026-CORE-01").exists():
            seeded_snapshot.restore()  # a transactional test emptied the database before
        story = StoryPage.objects.live().filter(locale__language_code="en").first()
        page = {"pk": story.pk, "url": story.url}
        url, drop = copy_test_database(connection, workdir)
    port, app_port = free_port(), free_port()
    run_dir = workdir / "run"
    env = operator_shell(run_dir)
    env.update(
        SECRET_KEY=AWKWARD,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=url,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),  # where seeding put the images
        HOST="127.0.0.1",
        PORT=str(port),
        APP_PORT=str(app_port),
        LOG_LEVEL="ERROR",
        # One app worker, warmed by the reader's first visit: the 2 s measure the publish, not the
        # first render of a process that has not served yet (seconds on a loaded machine).
        WEB_CONCURRENCY="1",
    )  # DJANGO_SETTINGS_MODULE stays the development one, as a .env may set it: serve.py overrides it
    log = open(workdir / "serve.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "deploy/serve.py"], cwd=ROOT, env=env, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip

    def up():
        if process.poll() is not None:
            raise RuntimeError((workdir / "serve.log").read_text()[-3000:])
        return (run_dir / serve.ENV_FILE).exists()

    started = time.monotonic()
    try:
        wait_until(up, timeout=STARTUP_TIMEOUT, interval=0.2, what="make serve")
        print(f"make serve was up after {time.monotonic() - started:.1f} s")
        yield {**page, "process": process, "run_dir": run_dir, "proxy": f"http://127.0.0.1:{port}",
               "database_url": url, "log": workdir / "serve.log", "env": env}  # fmt: skip
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()
        with django_db_blocker.unblock():
            connection.close()
        drop()


def _proxy_get(served, url):
    return requests.get(served["proxy"] + url, timeout=60, allow_redirects=False)


@pytest.mark.django_db  # pytest-django sets the test database up only for tests that ask
def test_a_publish_through_make_manage_is_on_the_proxy_within_two_seconds(served, tmp_path):
    """…then each process killed with SIGKILL is started again while the site keeps answering,
    and SIGTERM stops everything."""
    run_dir = served["run_dir"]
    env_file = run_dir / serve.ENV_FILE
    assert env_file.stat().st_mode & 0o777 == 0o600  # it holds SECRET_KEY

    # A reader has filled the proxy's cache and the shared page fragments (heading, share card).
    first = _proxy_get(served, served["url"])
    assert first.status_code == 200, first.status_code
    second = _proxy_get(served, served["url"])
    assert second.headers["X-Cache"] == "HIT", (first.headers, second.headers)

    title = "Bus timetables rewritten with 1200 students of Bitola"
    seen = tmp_path / "environment.json"
    code = (
        "import json, os; from news.models import StoryPage; "
        f"open({str(seen)!r}, 'w').write(json.dumps(dict(os.environ))); "
        f"page = StoryPage.objects.get(pk={served['pk']}); page.title = {title!r}; "
        "page.save_revision().publish()"
    )
    started = time.monotonic()
    result = make_manage(run_dir, shell_command(code))
    assert result.returncode == 0, result.stderr[-3000:]
    published = time.monotonic()
    print(f"make manage (the shell publish) took {published - started:.1f} s")

    def fresh():
        # <title> is rendered afresh on every miss; the heading and the share card come from the
        # page fragments in Redis, which only a renewed content token replaces.
        html = _proxy_get(served, served["url"]).text
        return all(
            text in html
            for text in (f"<title>{title} |", f"<h1>{title}</h1>", f'og:title" content="{title}"')
        )

    wait_until(fresh, timeout=5, interval=0.05, what="the new title through the proxy")
    seconds = time.monotonic() - published
    print(f"the proxy showed the publish {seconds:.2f} s after make manage returned")
    assert seconds <= 2.0

    # Exactly the environment of the stack's own processes (gunicorn here), whatever the operator's
    # shell said; only the terminal's variables are the operator's.
    manage_env = json.loads(seen.read_text())
    web_pid = int((run_dir / "web.pid").read_text())
    assert without_session(manage_env) == without_session(process_environment(web_pid))
    assert manage_env["SECRET_KEY"] == AWKWARD
    assert manage_env["DATABASE_URL"] == served["database_url"]
    assert manage_env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert manage_env["REDIS_URL"].startswith("unix://")

    # One process killed outright is started again on its own; the public site answers throughout.
    for name in ("worker", "mailer", "outbox", "redis", "web"):
        old_pid = int((run_dir / f"{name}.pid").read_text())
        os.kill(old_pid, signal.SIGKILL)
        killed = time.monotonic()
        codes = []

        def restarted(name=name, old_pid=old_pid, codes=codes):
            if name != "web":  # the proxy holds the page while gunicorn itself is down
                codes.append(_proxy_get(served, served["url"]).status_code)
            pid = int((run_dir / f"{name}.pid").read_text())
            return pid != old_pid and Path(f"/proc/{pid}").exists()

        wait_until(restarted, timeout=20, interval=0.2, what=f"{name} started again")
        back = time.monotonic() - killed
        print(f"{name}: killed with SIGKILL, running again after {back:.1f} s")
        assert set(codes) <= {200}, (name, codes)
    wait_until(
        lambda: _proxy_get(served, "/en/?after-restarts").status_code == 200, timeout=30,
        interval=0.5, what="an uncached page after the restarts",
    )  # fmt: skip
    log_text = served["log"].read_text()
    assert "worker (pid" in log_text and "starting it again in 1 s" in log_text, log_text[-2000:]
    assert served["process"].poll() is None

    # A second make serve from the same run directory is refused and leaves the first one running.
    second = subprocess.run(
        [sys.executable, "deploy/serve.py"], cwd=ROOT, env=served["env"], capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert second.returncode == 1
    assert "already runs" in second.stderr
    assert served["process"].poll() is None and env_file.exists()

    # The stack stops: the file goes, and make manage refuses.
    os.killpg(served["process"].pid, signal.SIGTERM)
    assert served["process"].wait(timeout=30) == 0, served["log"].read_text()[-3000:]
    assert not env_file.exists()
    assert not (run_dir / serve.SERVE_PID).exists()
    refused = make_manage(run_dir, "check")
    assert refused.returncode != 0
    assert "no `make serve` is running" in refused.stderr


def test_make_manage_refuses_without_a_running_stack(tmp_path):
    marker = tmp_path / "ran"
    command = shell_command(f"open({str(marker)!r}, 'w')")

    run_dir = tmp_path / "never-served"
    result = make_manage(run_dir, command)
    assert result.returncode != 0
    assert "no `make serve` is running" in result.stderr
    assert "start it first" in result.stderr

    # A stack killed outright left its file; its supervisor is gone.
    run_dir = tmp_path / "killed"
    run_dir.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    serve.write_env_file(run_dir / serve.ENV_FILE, {"DJANGO_SETTINGS_MODULE": "x"}, gone.pid)
    (run_dir / serve.SERVE_PID).write_text(f"{gone.pid}\n")
    result = make_manage(run_dir, command)
    assert result.returncode != 0
    assert "is gone" in result.stderr
    assert not marker.exists()


def test_the_env_file_keeps_every_value_as_it_was(tmp_path):
    env = {
        "SECRET_KEY": AWKWARD,
        "EMPTY": "",
        "DATABASE_URL": "postgres://hub:p%40ss=w0rd@127.0.0.1:5432/hub?sslmode=require",
        "STRANGE NAME": "a=b",
        "TERM": "xterm",  # the terminal's, not the stack's
    }
    path = tmp_path / "env"
    serve.write_env_file(path, env, 4242)
    assert path.stat().st_mode & 0o777 == 0o600
    expected = {name: value for name, value in env.items() if name != "TERM"}
    assert serve.read_env_file(path) == expected
    # A shell reads it the same way (names a shell can assign).
    dumped = subprocess.run(
        ["bash", "-c", f"set -a; . {shlex.quote(str(path))}; "
         f"{shlex.quote(sys.executable)} -c 'import json, os; print(json.dumps(dict(os.environ)))'"],
        env={"PATH": os.environ["PATH"]}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    from_shell = json.loads(dumped.stdout)
    for name in ("SECRET_KEY", "EMPTY", "DATABASE_URL"):
        assert from_shell[name] == env[name], name
