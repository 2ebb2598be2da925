"""Admin sign-in slowed down after repeated failures; nobody can lock a stranger's account out.

Three counts of wrong passwords, forgotten ``FORGET_AFTER`` seconds after the first one:

- per client address (whatever the account) and per account *and* address: after
  ``ADDRESS_FREE_FAILURES`` / ``PAIR_FREE_FAILURES`` each further attempt from that address must
  wait a delay that doubles with every failure, up to ``MAX_DELAY``. Attempts made while waiting
  are refused without the password being checked and are not counted;
- per account (from any address): after ``ACCOUNT_FREE_FAILURES`` every attempt for the account
  is only slowed down, by at most ``ACCOUNT_MAX_SLOWDOWN`` seconds, and never refused — so the
  right password from another address always gets in. When the account count reaches
  ``ACCOUNT_ALERT_FAILURES`` the account's owner is told by e-mail, once per window.

A successful sign-in clears its account-and-address count. Addresses come from
home.client_address. The counts live in Django's default cache (Redis shared by every worker when
``REDIS_URL`` is set). When the cache cannot count (Redis down) the throttle fails closed: each
process counts and remembers delays itself, so guessing is still slowed down, never a 500.
"""

import hashlib
import threading
import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

from home.client_address import client_address
from home.login_alerts import send_attack_warning
from runtime.counters import count_in_window

PAIR_FREE_FAILURES = 5
ADDRESS_FREE_FAILURES = 20
ACCOUNT_FREE_FAILURES = 5
ACCOUNT_ALERT_FAILURES = 8
ACCOUNT_MAX_SLOWDOWN = 2
MAX_DELAY = 300
FORGET_AFTER = 3600

_local_until = {}
_local_lock = threading.Lock()


def clock():
    """Seconds since the epoch; tests replace it to travel in time instead of sleeping."""
    return time.time()


def sleep(seconds):
    """The account-wide slowdown; tests replace it."""
    time.sleep(seconds)


def _hash(text):
    # Hashed: the cache never holds user names or addresses in clear.
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _account(username):
    return _hash((username or "").strip().casefold())


def _refusing_keys(request, username):
    address = _hash(client_address(request))
    return [
        (f"admin-login:pair:{_account(username)}:{address}", PAIR_FREE_FAILURES),
        (f"admin-login:address:{address}", ADDRESS_FREE_FAILURES),
    ]


def _account_key(username):
    return f"admin-login:account:{_account(username)}"


def delay_after(failures, free_failures, cap=MAX_DELAY):
    """Seconds to wait after ``failures`` consecutive failures (0 while still free)."""
    if failures is None or failures < free_failures:
        return 0
    return min(cap, 2 ** (failures - free_failures))


def _until(key):
    cached = cache.get(f"{key}:until", 0) or 0
    with _local_lock:
        local = _local_until.get(key, 0)
    return max(cached, local)


def _set_until(key, until):
    if cache.set(f"{key}:until", until, timeout=FORGET_AFTER) is not False:
        return
    # The cache is down (the resilient cache answers False): remembered here - fail closed.
    now = clock()
    with _local_lock:
        if len(_local_until) > 10_000:
            for old in [k for k, u in _local_until.items() if u <= now]:
                del _local_until[old]
        _local_until[key] = until


def seconds_to_wait(request, username):
    """How long this address (and account from it) must still wait (0: none)."""
    now = clock()
    waits = [_until(key) - now for key, _free in _refusing_keys(request, username)]
    return max(0, int(max(waits) + 0.999))


def account_slowdown(username):
    """Seconds every attempt for this account is slowed down (small, bounded, never a refusal)."""
    failures = cache.get(_account_key(username))
    return delay_after(failures, ACCOUNT_FREE_FAILURES, cap=ACCOUNT_MAX_SLOWDOWN)


def record_failure(request, username):
    now = clock()
    for key, free in _refusing_keys(request, username):
        delay = delay_after(count_in_window(key, FORGET_AFTER, local_fallback=True), free)
        if delay:
            _set_until(key, now + delay)
    account_failures = count_in_window(_account_key(username), FORGET_AFTER, local_fallback=True)
    if account_failures is not None and account_failures >= ACCOUNT_ALERT_FAILURES:
        warn_owner_once(username)


def warn_owner_once(username):
    """E-mail the account's owner that someone is guessing its password, once per window."""
    user = get_user_model().objects.filter(username__iexact=(username or "").strip()).first()
    if user is None or not user.email:
        return
    key = f"admin-login:warned:{_account(username)}"
    if not cache.add(key, 1, timeout=FORGET_AFTER):
        if cache.get(key):
            return  # warned already in this window (by any process)
        with _local_lock:  # the cache is down: once per window per process
            if _local_until.get(key, 0) > clock():
                return
            _local_until[key] = clock() + FORGET_AFTER
    send_attack_warning.enqueue(user.pk)


def record_success(request, username):
    key, _free = _refusing_keys(request, username)[0]
    cache.delete_many([key, f"{key}:until"])
    with _local_lock:
        _local_until.pop(key, None)


def throttled_message(seconds):
    return ngettext(
        "Too many failed sign-in attempts. Please try again in %(seconds)d second.",
        "Too many failed sign-in attempts. Please try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


class ThrottledLoginForm(LoginForm):
    """Wagtail's admin login form (``WAGTAILADMIN_USER_LOGIN_FORM``) with the throttle above."""

    def clean(self):
        username = self.cleaned_data.get("username")
        wait = seconds_to_wait(self.request, username)
        if wait:
            raise ValidationError(throttled_message(wait), code="throttled")
        slowdown = account_slowdown(username)
        if slowdown:
            sleep(slowdown)
        try:
            cleaned_data = super().clean()
        except ValidationError:
            record_failure(self.request, username)
            raise
        record_success(self.request, username)
        return cleaned_data
