"""Counters in the default cache (Redis when ``REDIS_URL`` is set: shared by every app process),
for rate limits and login throttling.

When the cache cannot count (Redis down: the cache answers ``None``), ``count_in_window`` gives
``None`` and the caller decides: the application rate limit lets the post through (fails open).
``count_in_window(..., local_fallback=True)`` counts in this process instead, for throttles that
must fail closed (admin sign-in): slower to catch an attacker spread over workers, never unlimited.
"""

import threading
import time

from django.core.cache import cache

_local = {}
_local_lock = threading.Lock()


def _count_locally(key, window):
    now = time.monotonic()
    with _local_lock:
        if len(_local) > 10_000:  # forget expired counters; never grow without bound
            for old in [k for k, (_n, until) in _local.items() if until <= now]:
                del _local[old]
        count, until = _local.get(key, (0, now + window))
        if until <= now:
            count, until = 0, now + window
        _local[key] = (count + 1, until)
        return count + 1


def count_in_window(key, window, local_fallback=False):
    """Add one to the counter ``key`` and return its value. The counter starts with its first count
    and is forgotten ``window`` seconds later (counting does not extend it). ``None`` when the
    cache cannot count, unless ``local_fallback`` (then a counter of this process)."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr (or a cache that keeps nothing)
        count = 1 if cache.add(key, 1, timeout=window) else None
    if count is None and local_fallback:
        return _count_locally(key, window)
    return count
