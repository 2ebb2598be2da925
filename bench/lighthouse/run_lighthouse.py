"""Lighthouse on every public page type, mobile and desktop presets; prints scores and page weight.

Seeds a throwaway SQLite database and media folder, collects static files, serves the site with
gunicorn on the production settings (WhiteNoise for static and, here only, media; no SSL redirect)
on a free loopback port, and runs the pinned Lighthouse (bench/lighthouse/node_modules) in Debian's
Chromium. Run by ``make bench-lighthouse``; ``LIGHTHOUSE_LANGUAGES`` (default ``sr,sq``: a Cyrillic
and a Latin language) and ``LIGHTHOUSE_PAGES`` (comma-separated page types) narrow or widen it.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SEARCH_WORDS = {"sr": "буџет", "sq": "buxhet", "en": "budget", "mk": "буџет"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_environment(workdir, port):
    """Production settings on a throwaway database and media folder, served over plain HTTP."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="lighthouse-bench-only",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=f"sqlite:///{workdir}/bench.sqlite3",
        MEDIA_ROOT=str(workdir / "media"),
        TASKS_BACKEND="immediate",
    )
    env.pop("REDIS_URL", None)
    return env


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def page_urls(env, languages):
    """{language: {page type: path}}: the first live page of each type in each language."""
    script = """
import json, os
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from wagtail.models import Locale
from calls.models import CallIndexPage, CallPage
from home.models import HomePage
from news.models import NewsPage, StoryPage
from resources.models import CampaignPage, ResourceIndexPage, ResourcePage
types = [("home", HomePage), ("news", NewsPage), ("story", StoryPage), ("call_index", CallIndexPage),
         ("call", CallPage), ("library", ResourceIndexPage), ("resource", ResourcePage),
         ("campaign", CampaignPage)]
words = json.loads(os.environ["BENCH_SEARCH_WORDS"])
out = {}
for language in os.environ["BENCH_LANGUAGES"].split(","):
    locale = Locale.objects.get(language_code=language)
    urls = {}
    for name, model in types:
        page = model.objects.live().filter(locale=locale).order_by("path").first()
        if page is not None:
            urls[name] = page.get_url()
    with translation.override(language):
        urls["search"] = reverse("search") + "?" + urlencode({"q": words.get(language, "budget")})
    out[language] = urls
print(json.dumps(out))
"""
    env = dict(
        env, BENCH_SEARCH_WORDS=json.dumps(SEARCH_WORDS), BENCH_LANGUAGES=",".join(languages)
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The site did not answer at {url} within {timeout} s.")


def lighthouse(url, preset, outfile):
    """Run Lighthouse once; returns its JSON report."""
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={outfile}",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]  # fmt: skip
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    # Headless Chromium on a busy machine now and then loses the trace (NO_NAVSTART): try again.
    for _attempt in range(3):
        if subprocess.run(command, env=env, timeout=240).returncode == 0:
            return json.loads(Path(outfile).read_text())
    raise SystemExit(f"Lighthouse failed three times on {url} ({preset}).")


def summary(report):
    """Scores (0–100) and kilobytes transferred by resource type."""
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    items = report["audits"]["resource-summary"]["details"]["items"]
    weight = {item["resourceType"]: item["transferSize"] / 1024 for item in items}
    failed = [
        audit_id
        for name in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
        for audit_id in [ref["id"]]
    ]
    return scores, weight, failed


def main():
    signal.signal(
        signal.SIGTERM, lambda *_: sys.exit("stopped")
    )  # so that `finally` stops gunicorn
    if not LIGHTHOUSE.exists():
        raise SystemExit(
            "Lighthouse is not installed: run `make bench-lighthouse` (it runs npm ci in bench/lighthouse)."
        )
    languages = os.environ.get("LIGHTHOUSE_LANGUAGES", "sr,sq").split(",")
    only = set(filter(None, os.environ.get("LIGHTHOUSE_PAGES", "").split(",")))
    workdir = Path(tempfile.mkdtemp(prefix="hub-lighthouse-"))
    port = free_port()
    env = bench_environment(workdir, port)
    print(f"Seeding a throwaway site in {workdir} …", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_site")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    urls = page_urls(env, languages)
    server = subprocess.Popen(
        [GUNICORN, "--chdir", str(ROOT), "--pythonpath", str(HERE), "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "media_wsgi:application"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        wait_until_up(base + "/robots.txt")
        for language in languages:  # warm: renditions are made on first render
            for path in urls[language].values():
                urllib.request.urlopen(base + path, timeout=60).read()
        for language in languages:
            for name, path in urls[language].items():
                if only and name not in only:
                    continue
                for preset in PRESETS:
                    report = lighthouse(
                        base + path, preset, workdir / f"{language}-{name}-{preset}.json"
                    )
                    scores, weight, failed = summary(report)
                    rows.append((f"{language} {name}", preset, scores, weight, failed))
                    print_row(*rows[-1], flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
    worst = {name: min(row[2][name] for row in rows) for name in CATEGORIES}
    print("lowest: " + ", ".join(f"{name} {value}" for name, value in worst.items()))
    print(f"reports: {workdir}")


HEADER = (
    f"{'page':<16}{'preset':<9}{'perf':>5}{'a11y':>5}{'bp':>5}{'seo':>5}"
    f"{'total KB':>10}{'html':>7}{'css':>6}{'font':>6}{'img':>7}{'js':>6}  failing audits"
)


def print_row(page, preset, scores, weight, failed, flush=False):
    if not getattr(print_row, "header_done", False):
        print(HEADER)
        print_row.header_done = True
    print(
        f"{page:<16}{preset:<9}{scores['performance']:>5}{scores['accessibility']:>5}"
        f"{scores['best-practices']:>5}{scores['seo']:>5}{weight.get('total', 0):>10.1f}"
        f"{weight.get('document', 0):>7.1f}{weight.get('stylesheet', 0):>6.1f}{weight.get('font', 0):>6.1f}"
        f"{weight.get('image', 0):>7.1f}{weight.get('script', 0):>6.1f}  {' '.join(failed)}",
        flush=flush,
    )


if __name__ == "__main__":
    sys.exit(main())
