"""Spam and abuse guards without third-party services: honeypot, minimum fill time, rate limit."""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
_SALT = "calls.form-started"


def min_fill_seconds():
    return getattr(settings, "CALLS_MIN_FILL_SECONDS", 3)


def rate_limit():
    """(posts, seconds): at most that many form posts per client address in that window."""
    return (getattr(settings, "CALLS_RATE_LIMIT", 5), getattr(settings, "CALLS_RATE_WINDOW", 60))


def started_token(now=None):
    """A signed timestamp put in the form when it is shown."""
    return signing.dumps(int(now if now is not None else time.time()), salt=_SALT)


def filled_too_fast(token, now=None):
    """True if the form came back sooner than a person could fill it in (or without a valid token)."""
    try:
        started = signing.loads(token or "", salt=_SALT, max_age=2 * 24 * 3600)
    except signing.BadSignature:
        return True
    now = now if now is not None else time.time()
    return now - int(started) < min_fill_seconds()


def honeypot_filled(post):
    return bool(post.get(HONEYPOT_FIELD, "").strip())


def client_address(request):
    # REMOTE_ADDR only: X-Forwarded-For is trivially forged unless a trusted proxy sets it.
    return request.META.get("REMOTE_ADDR", "unknown")


def over_rate_limit(request):
    """Count this post; True when the client has posted more than allowed in the window."""
    limit, window = rate_limit()
    # The window starts at the client's first post; incr keeps the key's expiry.
    key = f"calls:posts:{client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
