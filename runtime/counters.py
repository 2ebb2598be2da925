"""Counters in the default cache (Redis when ``REDIS_URL`` is set: shared by every app process),
for rate limits and login throttling."""

from django.core.cache import cache


def count_in_window(key, window):
    """Add one to the counter ``key`` and return its value. The counter starts with its first count
    and is forgotten ``window`` seconds later (counting does not extend it)."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
