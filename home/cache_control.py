"""Cache-Control for every response: which ones the proxy (or a CDN) may share, and for how long.

One policy for the whole site, applied by `CacheControlMiddleware` to responses whose view did not
decide for itself. Shared caching is opt-in by response type (pages, feeds, calendars, sitemap,
robots); everything else, and every response that sets a cookie, belongs to a signed-in user or an
anonymous session, or answers a POST, is marked private. Publishing purges the proxy (see
`home.frontend_cache`), so shared lifetimes (`s-maxage`) can be long while browsers (`max-age`),
which nothing can purge, keep pages only briefly.

Content that changes by the clock (a call opening, "closing soon", its deadline) caps the lifetime
of the response it appears in through `cap_lifetime`.
"""

import math
from contextvars import ContextVar

from django.utils import timezone
from django.utils.cache import patch_cache_control

# (browser max-age, shared s-maxage) in seconds, by response type.
LIFETIMES = {
    "page": (60, 600),
    "feed": (600, 600),
    "calendar": (3600, 3600),
    "sitemap": (3600, 3600),
    "robots": (86400, 86400),
    "not_found": (60, 60),
}
# A URL with a query string (filters, pagination, search) cannot be named by a purge: the proxy
# keeps it only this long, so a publish shows there within a minute.
QUERY_STRING_SHARED_MAX = 60

CONTENT_TYPES = {
    "text/html": "page",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "text/calendar": "calendar",
}
PATHS = {"/sitemap.xml": "sitemap", "/robots.txt": "robots"}
# Never shared, whatever they return: the admin (and its previews), the health check for load
# balancers, documents (served through Wagtail's privacy checks).
PRIVATE_PREFIXES = ("/admin/", "/health/", "/documents/")
PRIVATE = "private, no-store"

_cap = ContextVar("cache_control_cap", default=None)


def cap_lifetime(until):
    """Content valid only until the aware datetime `until` is in this response: cap its lifetimes.

    Outside a request (commands, the worker) this does nothing.
    """
    holder = _cap.get()
    if holder is None or until is None:
        return
    seconds = max(0, math.floor((until - timezone.now()).total_seconds()))
    holder[0] = seconds if holder[0] is None else min(holder[0], seconds)


def response_type(request, response):
    """The LIFETIMES key of a response the proxy may share, or None."""
    if request.path in PATHS:
        return PATHS[request.path]
    if response.status_code == 404:
        return "not_found"
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return CONTENT_TYPES.get(content_type)


def _depends_on_visitor(request, response):
    """True for responses that may differ per visitor (cookies set, signed-in user, session data,
    request headers)."""
    if response.cookies:
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    if session is not None and session.accessed and not session.is_empty():
        return True
    # A response chosen by request headers other than cookies (e.g. the Accept-Language redirect
    # of "/") must not be shared: the proxy keys entries by URL only.
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if request.path in PATHS:
        # LocaleMiddleware adds Accept-Language to every address without a language prefix; the
        # sitemap and robots.txt list every language whatever the reader's.
        vary.discard("accept-language")
    return bool(vary - {"cookie"})


def cache_policy(request, response, cap=None):
    """The Cache-Control value for this response (None: leave the response as it is)."""
    if response.has_header("Cache-Control"):
        return None  # the view decided (e.g. robots.txt, the confirmation page, file downloads)
    if request.method not in ("GET", "HEAD") or request.path.startswith(PRIVATE_PREFIXES):
        return PRIVATE
    if _depends_on_visitor(request, response):
        return PRIVATE
    kind = response_type(request, response) if response.status_code in (200, 404) else None
    if kind is None:
        return None
    browser, shared = LIFETIMES[kind]
    if request.META.get("QUERY_STRING"):
        shared = min(shared, QUERY_STRING_SHARED_MAX)
    if cap is not None:
        browser, shared = min(browser, cap), min(shared, cap)
    if shared <= 0:
        return "public, max-age=0, s-maxage=0, must-revalidate"
    return f"public, max-age={browser}, s-maxage={shared}"


class CacheControlMiddleware:
    """Set Cache-Control from `cache_policy`; must sit outside the session, CSRF and auth
    middleware so that it sees the cookies and Vary headers they add."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        holder = [None]
        token = _cap.set(holder)
        try:
            response = self.get_response(request)  # rendered: templates have read the clock
        finally:
            _cap.reset(token)
        value = cache_policy(request, response, holder[0])
        if value == PRIVATE:
            patch_cache_control(response, private=True, no_store=True)
        elif value:
            response["Cache-Control"] = value
        return response
