"""The default cache when ``REDIS_URL`` is set: django-redis with a circuit breaker.

A Redis that is down or hung must never break a page. Every call has a short socket timeout
(settings), and after one failure the circuit opens: for ``OPEN_SECONDS`` every call skips Redis
at once and answers as a cache miss (``get`` gives the default, ``add`` and ``set`` store
nothing, ``incr`` gives ``None``), so pages render without the cache instead of each waiting out a
timeout. The first call after that tries Redis again and closes the circuit if it answers. One log
line when the circuit opens and one when it closes. The state is per process.
"""

import functools
import logging
import threading
import time

from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)

OPEN_SECONDS = 10

# What each guarded method answers while Redis cannot be reached.
_FALLBACKS = {
    "get": None,
    "set": False,
    "add": False,
    "delete": False,
    "delete_many": 0,
    "clear": False,
    "get_many": {},
    "set_many": [],
    "incr": None,
    "decr": None,
    "has_key": False,
    "touch": False,
    "expire": False,
    "persist": False,
    "ttl": 0,
    "keys": [],
    "iter_keys": iter(()),
    "delete_pattern": 0,
    "get_or_set": None,
    "lock": None,
}


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._open_until = 0.0
        self._breaker_lock = threading.Lock()

    def cache_available(self):
        return time.monotonic() >= self._open_until

    def _failed(self, exc):
        with self._breaker_lock:
            was_closed = self._open_until == 0.0
            self._open_until = time.monotonic() + OPEN_SECONDS
        if was_closed:
            logger.warning(
                "Cache circuit open for %ss: Redis failed (%s: %s)",
                OPEN_SECONDS, type(exc).__name__, exc,
            )  # fmt: skip

    def _succeeded(self):
        if self._open_until:
            with self._breaker_lock:
                reopened = self._open_until != 0.0
                self._open_until = 0.0
            if reopened:
                logger.warning("Cache circuit closed: Redis answers again")


def _guarded(name, fallback):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if not self.cache_available():
            return _fallback(name, fallback, args, kwargs)
        try:
            result = method(self, *args, **kwargs)
        except ValueError:  # incr of a missing key: the cache answered
            self._succeeded()
            raise
        except Exception as exc:
            self._failed(exc)
            return _fallback(name, fallback, args, kwargs)
        self._succeeded()
        return result

    return guarded


def _fallback(name, fallback, args, kwargs):
    if name == "get":
        return kwargs.get("default", args[1] if len(args) > 1 else None)
    if name == "get_or_set":
        default = kwargs.get("default", args[1] if len(args) > 1 else None)
        return default() if callable(default) else default
    if name == "iter_keys":
        return iter(())
    return fallback


for _name, _fallback_value in _FALLBACKS.items():
    if hasattr(RedisCache, _name):
        setattr(ResilientRedisCache, _name, _guarded(_name, _fallback_value))
