"""The proxy's configuration for this installation: deploy/nginx.conf with its placeholders filled.

The template is the one configuration of the proxy; `make serve`, the tests and a real server
(`manage.py proxy_config` in deploy/systemd/hub-proxy.service) all run what this writes, so what the
tests prove is what runs in production. Values that the application knows (where media and static
files are, the largest application form) come from the settings.
"""

import os
import pwd
import shutil
import stat
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from wagtail import hooks

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(
    *,
    listen,
    upstreams,
    run_dir,
    purge_from=("127.0.0.1",),
    access_log=None,
    user=None,
    canonical_host=None,
):
    """The nginx configuration text.

    ``listen``: "host:port" of the proxy; ``upstreams``: ["host:port", …] of the app servers;
    ``run_dir``: where nginx keeps its pid file, cache and temporary files; ``purge_from``:
    addresses allowed to send PURGE (the app servers); ``access_log``: a file, or None for none;
    ``user``: the account nginx's workers run as when started by root; ``canonical_host``: the
    Host the app servers get whatever the client sent (default: WAGTAILADMIN_BASE_URL's).
    """
    run_dir = Path(run_dir)
    values = {
        "USER_LINE": f"user {user};" if user else "",
        "RUN_DIR": str(run_dir),
        "ACCESS_LOG": f"{access_log} hub buffer=64k flush=1s" if access_log else "off",
        "UPSTREAM_SERVERS": "\n        ".join(f"server {address};" for address in upstreams),
        "LISTEN": listen,
        "MAX_BODY": str(request_body_limit()),
        "STATIC_ROOT": str(settings.STATIC_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PURGE_FROM": ";\n            allow ".join(purge_from),
        "CANONICAL_HOST": canonical_host or urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc,
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def request_body_limit():
    """The largest request body the proxy lets through (client_max_body_size): the largest that any
    app declares through the `request_body_limit` hook (calls: an application's files and fields),
    at least 1 MiB for ordinary forms."""
    return max([1024 * 1024, *(limit() for limit in hooks.get_hooks("request_body_limit"))])


def prepare_run_dir(run_dir, user=None):
    """Create the directories nginx writes to (owned by its worker account when root starts it)."""
    run_dir = Path(run_dir)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
        path = run_dir / "nginx" / name
        path.mkdir(parents=True, exist_ok=True)
        if user and os.geteuid() == 0:
            entry = pwd.getpwnam(user)
            os.chown(path, entry.pw_uid, entry.pw_gid)


def throwaway_proxy(run_dir, *, listen, upstreams):
    """Prepare ``run_dir`` for an nginx that the tests or a benchmark start in front of their own
    app servers, write its configuration there, and return its command line."""
    user = worker_user(run_dir)
    prepare_run_dir(run_dir, user)
    config = Path(run_dir) / "nginx.conf"
    config.write_text(nginx_config(listen=listen, upstreams=upstreams, run_dir=run_dir, user=user))
    return [NGINX, "-c", str(config), "-p", str(run_dir), "-e", "stderr"]


def _reachable_by_others(path):
    """Whether an account other than the owner may pass through every folder above ``path``."""
    return all(parent.stat().st_mode & stat.S_IXOTH for parent in Path(path).resolve().parents)


def worker_user(run_dir):
    """The account for nginx's workers when root starts it: Debian's unprivileged www-data — or
    root itself when the folders nginx reads and writes (``run_dir``, static files, media) lie
    under a private folder (e.g. a checkout in a 0700 temporary folder) no other account can
    enter, where www-data would answer every request with a 500."""
    if os.geteuid() != 0:
        return None
    if not all(
        _reachable_by_others(path) for path in (run_dir, settings.STATIC_ROOT, settings.MEDIA_ROOT)
    ):
        return "root"
    try:
        pwd.getpwnam("www-data")
    except KeyError:
        return "nobody"
    return "www-data"
