"""Spam and abuse guards without third-party services: honeypot, minimum fill time, a single-use
form start token, and a rate limit per client address in the shared cache.

Only the honeypot and the rate limit refuse a post. A form sent too fast, or without a valid start
token, may be a person (autofill, a returning applicant, a page left open for days): it is stored
and flagged for staff (``calls.applying.needs_review``), so that nobody loses answers or files.
"""

import logging
import secrets
import time

from django.conf import settings
from django.core import signing

from home.client_address import client_address
from runtime.counters import count_in_window

logger = logging.getLogger(__name__)
HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
_SALT = "calls.form-started"
_MAX_AGE = 2 * 24 * 3600


def min_fill_seconds():
    return settings.CALLS_MIN_FILL_SECONDS


def rate_limit():
    """(posts, seconds): at most that many form posts per client address in that window."""
    return (settings.CALLS_RATE_LIMIT, settings.CALLS_RATE_WINDOW)


# Where a start token came from: the call page's HTML (which a front-end cache may serve to many
# visitors, long after it was made) or the uncached endpoint the form's script asks on loading.
PAGE, FRESH = "p", "f"


def started_token(now=None, source=FRESH):
    """A signed timestamp, a random nonce and its source (``PAGE`` or ``FRESH``).

    The nonce is stored with the application it brought (``Application.form_token``): a second
    application with the same nonce is stored but flagged as a reused token.
    """
    started = int(now if now is not None else time.time())
    return signing.dumps({"t": started, "n": secrets.token_urlsafe(16), "s": source}, salt=_SALT)


def token_source(token):
    """``FRESH`` for a token from the endpoint, ``PAGE`` for one from the page HTML, else None."""
    value = _read(token)
    return (value.get("s") or PAGE) if value else None


def over_token_limit(request):
    """True when the client asked for more fresh start tokens than a person's browser would."""
    limit, window = rate_limit()
    try:
        count = count_in_window(f"calls:tokens:{client_address(request)}", window)
    except Exception:  # the cache is down: a token is harmless, answer
        logger.exception("Token counter unavailable")
        return False
    return count is not None and count > limit * 10


def _read(token):
    try:
        value = signing.loads(token or "", salt=_SALT, max_age=_MAX_AGE)
    except signing.BadSignature:
        return None
    if isinstance(value, dict) and isinstance(value.get("t"), int) and value.get("n"):
        return value
    return None


def filled_too_fast(token, now=None):
    """True if the form came back sooner than a person types it (or without a valid token)."""
    value = _read(token)
    if value is None:
        return True
    now = now if now is not None else time.time()
    return now - value["t"] < min_fill_seconds()


def token_nonce(token):
    """The single-use part of a valid start token, or None."""
    value = _read(token)
    return value["n"] if value else None


def honeypot_filled(post):
    return bool(post.get(HONEYPOT_FIELD, "").strip())


def over_rate_limit(request):
    """Count this post; True when the client has posted more than allowed in the window.

    The counter lives in the default cache: with ``REDIS_URL`` it is shared by every app process and
    server, so the limit holds however many workers answer.
    """
    limit, window = rate_limit()
    # The window starts at the client's first post; incr keeps the key's expiry.
    key = f"calls:posts:{client_address(request)}"
    try:
        count = count_in_window(key, window)
    except Exception:  # the cache is down: let applicants through rather than turn them away
        logger.exception("Rate-limit counter unavailable")
        return False
    return count is not None and count > limit
