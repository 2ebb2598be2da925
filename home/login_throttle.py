"""Admin sign-in slowed down after repeated failures, per account and per client address.

After ``ACCOUNT_FREE_FAILURES`` wrong passwords for one account (or ``ADDRESS_FREE_FAILURES``
from one address, whatever the account) each further attempt must wait a delay that doubles
with every failure, from one second up to ``MAX_DELAY`` (five minutes): guessing becomes
hopeless, while the legitimate user is never locked out for longer than that. Attempts made
while waiting are refused without the password being checked (so they cannot be used to keep
guessing) and are not counted. Failures are forgotten ``FORGET_AFTER`` seconds after the first
one, and a successful sign-in clears its account's count.

Addresses come from home.client_address (X-Forwarded-For believed only from TRUSTED_PROXIES).
The counts live in Django's default cache, which is Redis shared by every worker and server
when ``REDIS_URL`` is set (LocMem, one process only, otherwise).
"""

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

from home.client_address import client_address
from runtime.counters import count_in_window

ACCOUNT_FREE_FAILURES = 5
ADDRESS_FREE_FAILURES = 20
MAX_DELAY = 300
FORGET_AFTER = 3600


def clock():
    """Seconds since the epoch; tests replace it to travel in time instead of sleeping."""
    return time.time()


def _keys(request, username):
    # Hashed: the cache never holds user names or addresses in clear.
    account = hashlib.sha256((username or "").strip().casefold().encode()).hexdigest()[:32]
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return [
        (f"admin-login:account:{account}", ACCOUNT_FREE_FAILURES),
        (f"admin-login:address:{address}", ADDRESS_FREE_FAILURES),
    ]


def delay_after(failures, free_failures):
    """Seconds to wait after ``failures`` consecutive failures (0 while still free)."""
    if failures < free_failures:
        return 0
    return min(MAX_DELAY, 2 ** (failures - free_failures))


def seconds_to_wait(request, username):
    """How long this account and address must still wait before the next attempt (0: none)."""
    now = clock()
    waits = [
        cache.get(f"{key}:until", 0) - now for key, _free in _keys(request, username)
    ]  # fmt: skip
    return max(0, int(max(waits) + 0.999))


def record_failure(request, username):
    now = clock()
    for key, free in _keys(request, username):
        failures = count_in_window(key, FORGET_AFTER)
        delay = delay_after(failures, free)
        if delay:
            cache.set(f"{key}:until", now + delay, timeout=FORGET_AFTER)


def record_success(request, username):
    key, _free = _keys(request, username)[0]
    cache.delete_many([key, f"{key}:until"])


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
        try:
            cleaned_data = super().clean()
        except ValidationError:
            record_failure(self.request, username)
            raise
        record_success(self.request, username)
        return cleaned_data
