"""Forms on cached pages: posts checked by origin instead of a per-visitor CSRF token.

A page the proxy shares between visitors cannot carry a CSRF token: the token belongs to one
visitor's cookie, so the second visitor would get a 403. Pages that declare
``same_origin_posts = True`` (the call page with its application form) are therefore rendered
without a token, and their POSTs are accepted only when the browser says they come from this site:
``Sec-Fetch-Site: same-origin`` where the browser sends it, else an ``Origin`` (or, failing that,
``Referer``) naming this site or one of ``CSRF_TRUSTED_ORIGINS``. Browsers set these headers
themselves and a page on another site cannot forge them, which is what a CSRF token proves too.
Such a form is anonymous (no session, nothing done on a user's behalf) and also carries the
signed start token of `calls.abuse`.

Every other page, and every non-page view, keeps Django's token check unchanged: the middleware
below defers the decision for POSTs to Wagtail pages until the page is known (`before_serve_page`).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.http import HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware as DjangoCsrfViewMiddleware
from django.utils.translation import gettext as _
from wagtail.views import serve as wagtail_serve


def _origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def same_origin(request):
    """True if the browser says this POST was sent from a page of this site."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site == "same-origin"
    sender = _origin(request.META.get("HTTP_ORIGIN")) or _origin(request.META.get("HTTP_REFERER"))
    if sender is None:
        return False
    allowed = {f"{request.scheme}://{request.get_host()}".lower()}
    allowed.update(origin.lower().rstrip("/") for origin in settings.CSRF_TRUSTED_ORIGINS)
    return sender in allowed


class CsrfViewMiddleware(DjangoCsrfViewMiddleware):
    """Django's CSRF middleware; for POSTs to Wagtail pages the check waits for the page."""

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if callback is wagtail_serve and request.method == "POST":
            request.page_csrf_pending = True
            return None
        return super().process_view(request, callback, callback_args, callback_kwargs)


def check_page_post(page, request):
    """`before_serve_page`: the deferred check. None lets the page serve; else the refusal."""
    if not getattr(request, "page_csrf_pending", False):
        return None
    request.page_csrf_pending = False
    if getattr(page.specific_class, "same_origin_posts", False):
        if getattr(request, "_dont_enforce_csrf_checks", False) or same_origin(request):
            return None
        return HttpResponseForbidden(
            _("This form can only be sent from this website. Please open the page and try again.")
        )
    return DjangoCsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


@checks.register(checks.Tags.security, deploy=True)
def csrf_middleware_installed(app_configs, **kwargs):
    """Stands in for Django's security.W003 (silenced in settings: it looks for Django's class by
    name, and ours is that class with the deferral above)."""
    if "home.same_origin.CsrfViewMiddleware" in settings.MIDDLEWARE:
        return []
    return [
        checks.Warning(
            "home.same_origin.CsrfViewMiddleware is not in MIDDLEWARE: posts are not protected "
            "against cross-site request forgery.",
            id="home.W001",
        )
    ]
