"""Site-wide views that are not pages: robots.txt and the error pages."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    return redirect(static("icons/favicon.svg"), permanent=True)


def page_not_found(request, exception=None):
    """404 in the reader's language (from the URL prefix, else their browser), with the site chrome."""
    return render(request, "404.html", status=404)


def server_error(request):
    """500 without the database: a self-contained page, since the failure may be the database."""
    html = loader.get_template("500.html").render({"request": request})
    return HttpResponse(html, status=500)
