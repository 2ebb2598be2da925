#!/usr/bin/env python3
"""`make serve`: the hub in production mode on one machine, in the foreground.

Starts, from the files in deploy/: Redis (Debian's redis-server on a socket in the run directory,
unless REDIS_URL names one), gunicorn (deploy/gunicorn.conf.py) on APP_PORT, two django-tasks
workers (`manage.py db_worker`: `mailer` for the `mail` queue, `worker` for every other queue, so
that a slow mail server never delays an intake delivery), the outbox worker (`manage.py deliver_intake --loop`) and nginx
(deploy/nginx.conf via `manage.py proxy_config`) on PORT.
Prints what runs where, prefixes every process's output with its name, and on Ctrl-C or SIGTERM
stops everything it started within a few seconds. If one process dies (a crash, the OOM killer,
`kill -9`), it alone is started again after a delay that doubles from 1 s to 30 s (back to 1 s once
it has run for a minute), with a log line naming it, its exit status and the delay; the others keep
serving. A process that dies 10 times within 5 minutes is given up on, loudly, and the rest keeps
serving. Only Ctrl-C or SIGTERM stops everything. Running it again is safe: processes left by a
previous run that was killed outright (pid files in the run directory) are stopped first, and a
port held by anything else is named before anything starts.

While the stack runs, the environment its processes get is in the run directory's `env` (mode 0600,
it holds SECRET_KEY; removed when the stack stops), and its own pid in `serve.pid`. `make manage
ARGS="…"` (`serve.py manage …`) runs manage.py with exactly that environment, so that a command run
beside the stack (a publish, an import) uses its database, Redis and proxy: it purges the proxy and
renews the shared page fragments as a publish in the admin does.

Only the standard library: it runs before and around Django, not inside it.
"""

import contextlib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL")
STOP_TIMEOUT = 5.0
RESTART_FIRST_DELAY = 1.0  # seconds before a dead process is started again, doubling each time…
RESTART_MAX_DELAY = 30.0  # …up to this
RESTART_CALM_AFTER = 60.0  # a process that ran this long starts again after the first delay
GIVE_UP_AFTER = (10, 300.0)  # this many deaths within this many seconds: not started again
ENV_FILE = "env"  # in the run directory: the environment of the stack's processes
SERVE_PID = "serve.pid"  # in the run directory: this supervisor's pid while it runs
# What belongs to a terminal or a session rather than to the stack's configuration: left out of the
# env file, and `make manage` takes these from the terminal it runs in.
SESSION_VARIABLES = frozenset(
    ("TERM", "COLORTERM", "COLUMNS", "LINES", "NO_COLOR", "LS_COLORS", "DISPLAY",
     "WAYLAND_DISPLAY", "SSH_AUTH_SOCK", "SSH_AGENT_PID", "SSH_CLIENT", "SSH_CONNECTION",
     "SSH_TTY", "TMUX", "TMUX_PANE", "STY", "WINDOW", "PWD", "OLDPWD", "SHLVL", "_",
     "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES", "MAKE_TERMOUT", "MAKE_TERMERR")
)  # fmt: skip
_SHELL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def fail(message, command="make serve"):
    print(f"{command}: {message}", file=sys.stderr)
    sys.exit(1)


def default_run_dir():
    return Path(os.environ.get("RUN_DIR", BASE_DIR / ".serve")).resolve()


# --- The environment file ------------------------------------------------------------------------


def write_env_file(path, env, pid):
    """Write ``env`` (less the session's variables) to ``path`` in shell syntax, mode 0600 from the
    start (it holds SECRET_KEY), replacing any earlier file in one step."""
    lines = [
        f"# The environment `make serve` (pid {pid}) gives its processes; `make manage` runs",
        "# manage.py with it. Removed when the stack stops. Shell syntax: set -a; . ./env",
    ]
    for name in sorted(env):
        if name in SESSION_VARIABLES:
            continue
        value = shlex.quote(env[name])
        # A name a shell could not assign is quoted whole: still read back by read_env_file.
        lines.append(
            f"{name}={value}" if _SHELL_NAME.match(name) else shlex.quote(f"{name}={env[name]}")
        )
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")
    temporary = path.with_name(f".{path.name}.{pid}.tmp")
    temporary.unlink(missing_ok=True)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


def read_env_file(path):
    """The variables of an env file written by write_env_file (values may hold spaces, quotes,
    ``=``, ``$``, newlines)."""
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    return dict(token.split("=", 1) for token in shlex.split(text, comments=True))


def running_supervisor(run_dir):
    """The pid of the `make serve` whose pid file is in ``run_dir`` if it still runs, else None."""
    try:
        pid = int((run_dir / SERVE_PID).read_text().split()[0])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (ValueError, IndexError, OSError):
        return None
    return pid if b"serve.py" in cmdline else None  # not a recycled pid


def port_free(host, port):
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def wait_for(check, process, name, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} while starting")
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not start within {timeout:.0f} s")


def listening(port):
    def check():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    return check


def stop_stale(run_dir):
    """Stop processes a previous run left behind (its pid files), then forget the files."""
    for pid_file in run_dir.glob("*.pid"):
        try:
            pid = int(pid_file.read_text().split()[0])
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (ValueError, IndexError, OSError):
            pid_file.unlink(missing_ok=True)
            continue
        ours = str(BASE_DIR) in cmdline or str(run_dir) in cmdline or "hub-web" in cmdline
        if ours or (pid_file.stem == "redis" and "redis-server" in cmdline):
            print(f"make serve: stopping {pid_file.stem} (pid {pid}) left by an earlier run")
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(pid, sig)
                except ProcessLookupError:
                    break
                for _ in range(50):
                    if not Path(f"/proc/{pid}").exists():
                        break
                    time.sleep(0.1)
                else:
                    continue
                break
        pid_file.unlink(missing_ok=True)


class Supervisor:
    """Child processes in their own process groups, with prefixed output, each started again when it
    dies (see the module's docstring) until a signal asks everything to stop."""

    def __init__(self, run_dir):
        self.run_dir = run_dir
        self.children = []  # (name, Popen), in start order
        self.specs = {}  # name -> (args, env, pid_file, started_at, delay, deaths)
        self.stopping = threading.Event()

    def start(self, name, args, env, pid_file=True):
        process = subprocess.Popen(
            args, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self.children = [(n, p) for n, p in self.children if n != name] + [(name, process)]
        previous = self.specs.get(name)
        self.specs[name] = {
            "args": args, "env": env, "pid_file": pid_file, "started_at": time.monotonic(),
            "delay": previous["delay"] if previous else RESTART_FIRST_DELAY,
            "deaths": previous["deaths"] if previous else [], "restart_at": None,
        }  # fmt: skip
        if pid_file:
            (self.run_dir / f"{name}.pid").write_text(f"{process.pid}\n")
        threading.Thread(target=self._relay, args=(name, process), daemon=True).start()
        return process

    def _relay(self, name, process):
        for line in iter(process.stdout.readline, b""):
            sys.stdout.write(f"[{name:<6}] {line.decode(errors='replace').rstrip()}\n")
            sys.stdout.flush()

    def _log(self, message):
        print(f"make serve: {message}", flush=True)

    def _died(self, name, process, now):
        spec = self.specs[name]
        if now - spec["started_at"] >= RESTART_CALM_AFTER:
            spec["delay"] = RESTART_FIRST_DELAY
        deaths, window = GIVE_UP_AFTER
        spec["deaths"] = [t for t in spec["deaths"] if now - t < window] + [now]
        if len(spec["deaths"]) >= deaths:
            spec["restart_at"] = float("inf")
            self._log(
                f"{name} (pid {process.pid}) exited with {process.returncode}, the "
                f"{len(spec['deaths'])}th time in {window:.0f} s: giving up on it; the other "
                "processes keep serving (fix the cause, then restart make serve)"
            )
            return
        spec["restart_at"] = now + spec["delay"]
        self._log(
            f"{name} (pid {process.pid}) exited with {process.returncode}; "
            f"starting it again in {spec['delay']:.0f} s"
        )
        spec["delay"] = min(RESTART_MAX_DELAY, spec["delay"] * 2)

    def watch(self):
        """Restart dead children until a signal asks to stop; return the reason."""
        while not self.stopping.wait(0.2):
            now = time.monotonic()
            for name, process in list(self.children):
                spec = self.specs[name]
                if process.poll() is None:
                    continue
                if spec["restart_at"] is None:
                    self._died(name, process, now)
                elif now >= spec["restart_at"]:
                    with contextlib.suppress(ProcessLookupError):  # what it left in its group
                        os.killpg(process.pid, signal.SIGKILL)
                    restarted = self.start(name, spec["args"], spec["env"], spec["pid_file"])
                    self._log(f"{name} started again (pid {restarted.pid})")
        return "stop requested"

    def stop(self):
        for _name, process in reversed(self.children):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for name, process in reversed(self.children):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"make serve: {name} did not stop in {STOP_TIMEOUT:.0f} s, killing it")
            with contextlib.suppress(ProcessLookupError):  # and anything it left in its group
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            (self.run_dir / f"{name}.pid").unlink(missing_ok=True)


def main():
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        fail(
            f"set {', '.join(missing)} (see deploy/hub.env.example), e.g.\n"
            "  SECRET_KEY=$(openssl rand -hex 32) ALLOWED_HOSTS=127.0.0.1,localhost "
            "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8000 SECURE_SSL_REDIRECT=false make serve"
        )
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    app_port = int(os.environ.get("APP_PORT", "8001"))
    run_dir = default_run_dir()
    run_dir.mkdir(parents=True, exist_ok=True)
    other = running_supervisor(run_dir)
    if other and other != os.getpid():
        fail(f"make serve already runs from {run_dir} (pid {other}); stop it first (Ctrl-C)")
    (run_dir / ENV_FILE).unlink(missing_ok=True)  # left by a run that was killed outright
    (run_dir / SERVE_PID).unlink(missing_ok=True)
    stop_stale(run_dir)
    for bind_host, number, what in ((host, port, "PORT"), ("127.0.0.1", app_port, "APP_PORT")):
        if not port_free(bind_host, number):
            fail(
                f"{bind_host}:{number} ({what}) is in use by another program; choose another {what}"
            )

    (run_dir / SERVE_PID).write_text(f"{os.getpid()}\n")
    try:
        serve(run_dir, host, port, app_port)
    finally:  # however it ends: no `make manage` against a stack that is not there
        (run_dir / ENV_FILE).unlink(missing_ok=True)
        (run_dir / SERVE_PID).unlink(missing_ok=True)


CLAMD_SOCKETS = (Path("/run/clamav/clamd.ctl"), Path("/var/run/clamav/clamd.ctl"))


def virus_scanning(env):
    """Turn on ClamAV for uploads when Debian's clamav-daemon runs here (unless UPLOAD_VIRUS_SCAN is
    set already); the line that says what scans uploads."""
    if env.get("UPLOAD_VIRUS_SCAN", "off") != "off":
        return f"UPLOAD_VIRUS_SCAN={env['UPLOAD_VIRUS_SCAN']} (from the environment)"
    if shutil.which("clamdscan") and any(path.exists() for path in CLAMD_SOCKETS):
        env["UPLOAD_VIRUS_SCAN"] = "clamav"
        return "ClamAV (clamav-daemon) checks every upload"
    return (
        "uploads are NOT virus-scanned: no clamav-daemon runs here (apt install clamav-daemon; "
        "its signatures come from freshclam); built-in checks still refuse active content"
    )


def serve(run_dir, host, port, app_port):
    """Set up, start and watch the stack until it is asked to stop or a process dies."""
    python = sys.executable  # the virtualenv's (make serve runs this script with it)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    redis_server = shutil.which("redis-server") or "/usr/bin/redis-server"
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"  # whatever .env says for dev
    env.setdefault("TASKS_BACKEND", "database")
    env.setdefault("TRUSTED_PROXIES", "127.0.0.1")
    # Publishing sends PURGE to the proxy from this machine: loopback unless the proxy listens on
    # one particular address only.
    purge_host = "127.0.0.1" if host in ("0.0.0.0", "127.0.0.1", "localhost", "") else host
    env.setdefault("FRONTEND_CACHE_URL", f"http://{purge_host}:{port}")
    env.setdefault("WEB_CONCURRENCY", "2")
    env["APP_PORT"] = str(app_port)
    env["PYTHONUNBUFFERED"] = "1"
    scan_line = virus_scanning(env)
    own_redis = not env.get("REDIS_URL")
    redis_socket = run_dir / "redis.sock"
    if own_redis:
        env["REDIS_URL"] = f"unix://{redis_socket}?db=0"

    supervisor = Supervisor(run_dir)

    def on_signal(signum, frame):
        supervisor.stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    manage = [python, "manage.py"]
    for step in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["compilemessages", "--ignore=.venv", "-v", "0"],
    ):
        print(f"make serve: manage.py {' '.join(step)}", flush=True)
        if subprocess.run(manage + step, cwd=BASE_DIR, env=env).returncode:
            fail(f"manage.py {step[0]} failed (see above)")
    nginx_conf = run_dir / "nginx.conf"
    subprocess.run(
        [*manage, "proxy_config", f"--listen={host}:{port}",
         f"--upstream=127.0.0.1:{app_port}", f"--run-dir={run_dir}",
         f"--access-log={run_dir / 'access.log'}", f"--output={nginx_conf}",
         "--purge-from=127.0.0.1", *([f"--purge-from={purge_host}"] if purge_host != "127.0.0.1" else [])],
        cwd=BASE_DIR, env=env, check=True,
    )  # fmt: skip
    try:
        if own_redis:
            redis_socket.unlink(missing_ok=True)
            process = supervisor.start(
                "redis",
                [redis_server, "--port", "0", "--unixsocket", str(redis_socket),
                 "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
                 "--dir", str(run_dir)],
                env,
            )  # fmt: skip
            wait_for(redis_socket.exists, process, "redis")
        process = supervisor.start("web", [gunicorn, "-c", "deploy/gunicorn.conf.py"], env)
        wait_for(listening(app_port), process, "gunicorn")
        supervisor.start("worker", [*manage, "db_worker", "--queue-name=*",
                                    "--exclude-queues=mail", "--interval=0.5"], env)  # fmt: skip
        supervisor.start(
            "mailer", [*manage, "db_worker", "--queue-name=mail", "--interval=0.5"], env
        )
        supervisor.start("outbox", [*manage, "deliver_intake", "--loop", "--interval=15"], env)
        process = supervisor.start("proxy", [nginx, "-c", str(nginx_conf), "-p", str(run_dir),
                                             "-e", "stderr"], env)  # fmt: skip
        wait_for(listening(port), process, "nginx")
    except (RuntimeError, subprocess.CalledProcessError) as error:
        supervisor.stop()
        fail(str(error))
    env_file = run_dir / ENV_FILE
    write_env_file(env_file, env, os.getpid())

    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    print(
        "\nThe hub runs in production mode (config.settings.production):\n"
        f"  proxy   nginx         http://{shown}:{port}/  cache + /static, /media/images; "
        f"PURGE from 127.0.0.1; log {run_dir / 'access.log'}\n"
        f"  web     gunicorn      127.0.0.1:{app_port}  {env['WEB_CONCURRENCY']} workers "
        "(deploy/gunicorn.conf.py)\n"
        "  worker  db_worker     django-tasks queues but mail (intake delivery, kits, purges)\n"
        "  mailer  db_worker     the mail queue (confirmations, staff and sign-in notices)\n"
        "  outbox  deliver_intake --loop  what is due or left by a killed worker (intake, e-mails)\n"
        f"  redis   {'redis-server' if own_redis else 'external   '}  {env['REDIS_URL']}\n"
        f"  data    {env.get('DATABASE_URL') or BASE_DIR / 'db.sqlite3'}\n"
        f'  manage  make manage ARGS="…"  manage.py in this environment ({env_file})\n'
        f"  scan    {scan_line}\n"
        "A process that dies is started again; Ctrl-C stops everything.\n",
        flush=True,
    )
    reason = supervisor.watch()
    env_file.unlink(missing_ok=True)
    print(f"\nmake serve: {reason}; stopping…", flush=True)
    supervisor.stop()
    print("make serve: stopped.", flush=True)
    sys.exit(0 if reason == "stop requested" else 1)


def manage(args):
    """`make manage ARGS="…"`: replace this process by manage.py with ``args`` in exactly the
    environment of the running `make serve` (its env file), plus the terminal's own variables."""
    run_dir = default_run_dir()
    env_file = run_dir / ENV_FILE
    if not env_file.exists():
        fail(
            f"no `make serve` is running ({env_file} does not exist): start it first, or run "
            ".venv/bin/python manage.py … for the development settings.",
            "make manage",
        )
    pid = running_supervisor(run_dir)
    if pid is None:
        fail(
            f"the `make serve` that wrote {env_file} is gone (stopped or killed); start it again.",
            "make manage",
        )
    env = {name: value for name, value in os.environ.items() if name in SESSION_VARIABLES}
    try:
        env.update(read_env_file(env_file))
    except OSError as error:  # mode 0600: another account than the one running make serve
        fail(
            f"cannot read {env_file} ({error.strerror}): run it as make serve's user", "make manage"
        )
    print(f"make manage: manage.py with the environment of make serve (pid {pid})", file=sys.stderr)
    sys.stderr.flush()
    python = sys.executable  # the virtualenv's, as for the stack's own processes
    os.execve(python, [python, str(BASE_DIR / "manage.py"), *args], env)  # noqa: S606


if __name__ == "__main__":
    if sys.argv[1:2] == ["manage"]:
        manage(sys.argv[2:])
    else:
        main()
