"""Guards on form posts that must run before anything reads the request body.

Django's CSRF middleware reads ``request.POST`` — and so writes every uploaded file to disk — before
any view runs. This middleware sits in front of it: a POST to a page whose declared size is larger
than an application can ever be is refused at once (413), and the per-address rate limit is counted
(429) before a single byte of the body is read.
"""

from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.views import serve

from calls import abuse
from calls.uploads import max_application_size, max_request_size


def _refusal(request, template, status, context=None):
    response = TemplateResponse(request, template, context or {}, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


class ApplicationPostGuardMiddleware:
    """Size cap and rate limit for POSTs to site pages (application forms), before the body is parsed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or view_func is not serve:
            return None
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > max_request_size():
            # No "Connection: close" here: a WSGI application must not send hop-by-hop headers
            # (the development server's wsgiref turned it into a plain-text 500, and gunicorn
            # ignores it). The proxy refuses such a body before it reaches the app
            # (``request_body_limit``); the development server drains it after this answer.
            return _refusal(
                request,
                "calls/request_too_large.html",
                413,
                {"limit": filesizeformat(max_application_size())},
            )
        if abuse.over_rate_limit(request):
            return _refusal(request, "calls/too_many_requests.html", 429)
        return None
