"""HTTP throughput of the production stack, measured with wrk, and the delay from publish to fresh.

Seeds a throwaway SQLite database, then starts what `make serve` starts, from the same deploy/
files: Redis, gunicorn (2 workers, deploy/gunicorn.conf.py), the task worker and nginx
(deploy/nginx.conf) — and beside them a bare nginx serving the bytes of the cached page as a
static file, the ceiling to compare with. Prints requests per second for:

- a cached anonymous page through the proxy, against nginx serving the same bytes (target ≥ 1/10);
- uncached news, call and resource pages, home and search at the app server (today: 30 rps);
- home and search through the proxy;

and the seconds from a publish (its commit) until the proxy serves the new title on the page and
its listing in every affected language: en, and sr with its generated sr-latn twin (target ≤ 2 s).

BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 8) set wrk's duration and connections.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.services import free_port, start_service  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="hub-bench-http-"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
TODAY_RPS = 30  # issue 12: detail pages with 2 gunicorn workers before this work
PROXY_PORT, APP_PORT, STATIC_PORT, REDIS_PORT = free_port(), free_port(), free_port(), free_port()

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
    "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PROXY_PORT}",
    "SECURE_SSL_REDIRECT": "false",
    "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
    "TASKS_BACKEND": "database",
    "TRUSTED_PROXIES": "127.0.0.1",
    "FRONTEND_CACHE_URL": f"http://127.0.0.1:{PROXY_PORT}",
    "WEB_CONCURRENCY": "2",
    "APP_PORT": str(APP_PORT),
    "LOG_LEVEL": "ERROR",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from calls.models import CallPage  # noqa: E402
from home.deploy import NGINX, throwaway_proxy  # noqa: E402
from home.models import HomePage  # noqa: E402
from home.seeding import seed_site  # noqa: E402
from news.models import NewsPage  # noqa: E402
from resources.models import ResourcePage  # noqa: E402

STATIC_CONF = """
{user_line}
worker_processes auto; daemon off; pid {run}/static.pid; error_log stderr warn;
events {{ worker_connections 4096; }}
http {{
    access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
    client_body_temp_path {run}/body; proxy_temp_path {run}/proxy; fastcgi_temp_path {run}/fcgi;
    uwsgi_temp_path {run}/uwsgi; scgi_temp_path {run}/scgi;
    server {{ listen 127.0.0.1:{port} reuseport; root {root}; default_type text/html; }}
}}
"""


def wrk(url):
    """Requests per second of wrk against url."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def fresh_after(publish, checks, timeout=10.0):
    """Seconds from publish() returning until every (url, text) check shows its text."""
    publish()
    start = time.monotonic()
    waiting = dict(checks)
    while waiting and time.monotonic() - start < timeout:
        for url, text in list(waiting.items()):
            if text in requests.get(url, timeout=5).text:
                del waiting[url]
        time.sleep(0.02)
    if waiting:
        raise RuntimeError(f"still stale after {timeout} s: {list(waiting)}")
    return time.monotonic() - start


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench-http` installs the Debian package")
    proxy = throwaway_proxy(
        WORK / "run", listen=f"127.0.0.1:{PROXY_PORT}", upstreams=[f"127.0.0.1:{APP_PORT}"]
    )
    python = sys.executable
    redis = [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(REDIS_PORT),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(WORK)]  # fmt: skip
    gunicorn = [str(Path(python).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py"]
    worker = [python, "manage.py", "db_worker", "--queue-name=*", "--interval=0.5"]
    app = f"http://127.0.0.1:{APP_PORT}"
    base = f"http://127.0.0.1:{PROXY_PORT}"

    logs = WORK / "logs"
    logs.mkdir()
    with start_service(redis, REDIS_PORT, log_path=logs / "redis.log"):
        seed()
        measure(base, app, logs, gunicorn, worker, proxy)
    shutil.rmtree(WORK, ignore_errors=True)


def seed():
    """The demo site in the throwaway database (no purges: nothing is cached yet)."""
    started = time.perf_counter()
    frontend_cache = settings.WAGTAILFRONTENDCACHE
    settings.WAGTAILFRONTENDCACHE = {}
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed_site()
    settings.WAGTAILFRONTENDCACHE = frontend_cache
    print(f"seeded a throwaway database in {time.perf_counter() - started:.0f} s ({WORK})")


def measure(base, app, logs, gunicorn, worker, proxy):
    """Start the app server, worker and proxy; print the wrk figures and the purge delays."""
    news = NewsPage.objects.live().filter(locale__language_code="en").first()
    call = CallPage.objects.live().filter(locale__language_code="en").first()
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()
    home = HomePage.objects.get(locale__language_code="en")
    search = f"{home.url}search/?q=civil+society"
    with (
        start_service(gunicorn, APP_PORT, cwd=ROOT, env=ENV, log_path=logs / "web.log"),
        start_service(proxy, PROXY_PORT, log_path=logs / "proxy.log"),
    ):
        worker_process = subprocess.Popen(
            worker, cwd=ROOT, env=ENV, stdout=open(logs / "worker.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            # Warm-up: each worker imports, compiles templates and fills its caches once.
            for url in (news.url, call.url, resource.url, home.url, search) * 2:
                requests.get(app + url, timeout=120)
            page_bytes = requests.get(base + news.url, timeout=60).content
            static_root = WORK / "static-root"
            static_root.mkdir()
            (static_root / "page.html").write_bytes(page_bytes)
            static_run = WORK / "static-run"
            static_run.mkdir()
            static_conf = static_run / "nginx.conf"
            static_conf.write_text(
                STATIC_CONF.format(
                    run=static_run,
                    port=STATIC_PORT,
                    root=static_root,
                    user_line="user root;" if os.geteuid() == 0 else "",
                )
            )
            static_args = [NGINX, "-c", str(static_conf), "-p", str(static_run), "-e", "stderr"]
            with start_service(static_args, STATIC_PORT, log_path=logs / "static.log"):
                static_rps = wrk(f"http://127.0.0.1:{STATIC_PORT}/page.html")
            assert requests.get(base + news.url, timeout=5).headers["X-Cache"] == "HIT"
            rows = [("cached news page via proxy", wrk(base + news.url), "proxy")]
            for label, url in (("news page", news.url), ("call page", call.url),
                               ("resource page", resource.url), ("home page", home.url),
                               ("search", search)):  # fmt: skip
                rows.append((f"{label} at app server", wrk(app + url), "app"))
            for label, url in (("home page", home.url), ("search", search)):
                requests.get(base + url, timeout=10)
                rows.append((f"{label} via proxy", wrk(base + url), "proxy"))

            print(
                f"\nwrk, {CONNECTIONS} connections, {SECONDS} s; gunicorn "
                f"{ENV['WEB_CONCURRENCY']} workers; nginx static file: {static_rps:,.0f} rps"
            )
            print(f"{'what':<34}{'rps':>10}{'÷ nginx static':>16}{'× today (30)':>14}")
            for label, rps, where in rows:
                today = f"{rps / TODAY_RPS:>13.1f}×" if where == "app" else ""
                print(f"{label:<34}{rps:>10,.0f}{rps / static_rps:>16.3f}{today:>14}")

            print("\npurge to fresh after publish (page and its listing, through the proxy):")
            delays = purge_delays(base, news)
            for language, seconds in delays:
                print(f"  {language:<26}{seconds:>6.2f} s")
        finally:
            worker_process.terminate()
            worker_process.wait(timeout=10)


def purge_delays(base, news):
    """[(languages, seconds)] for an English publish and a Serbian one (with its Latin twin)."""
    results = []
    serbian = NewsPage.objects.live().filter(locale__language_code="sr").first()
    twin = serbian.get_translation(Locale.objects.get(language_code="sr-latn"))
    cases = [
        ("en", news, "Budget hearings opened in Shkodër", [news]),
        ("sr + sr-latn twin", serbian, "Буџетска саслушања отворена у Нишу", [serbian, twin]),
    ]
    for label, page, title, shown in cases:
        urls = [p.url for p in shown] + [p.get_parent().url for p in shown]
        for url in urls:  # warm: these are in the cache when the editor publishes
            requests.get(base + url, timeout=10)
        checks = {}
        for p in shown:
            text = (
                "Budžetska saslušanja otvorena u Nišu" if p.locale_id != page.locale_id else title
            )
            checks[base + p.url] = text
            checks[base + p.get_parent().url] = text

        def publish(page=page, title=title):
            page.title = title
            page.save_revision().publish()

        results.append((label, fresh_after(publish, checks)))
    return results


if __name__ == "__main__":
    main()
