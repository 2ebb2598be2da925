"""Wagtail's routing from the shared cache: which site answers a host, and which page a path shows.

Wagtail finds the site with one query and walks the page tree with two queries per level (a news
item costs seven before its own content). Both results are cached here under the content token
(runtime.content_version), so a publish, move or deletion anywhere routes afresh. Wagtail's
documented per-request attributes (``request._wagtail_site``, ``request._wagtail_route_for_request``)
carry the cached result into its own serve view, which still runs its hooks (view restrictions,
…) and the page's own ``route()`` for the last step, so routable pages keep their sub-routes.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site

from runtime import content_version

TIMEOUT = 60 * 60  # bounded, should anything change without a signal (e.g. a raw SQL update)


def _key(kind, request, *parts):
    raw = "|".join([request._get_raw_host(), *map(str, parts)])
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]  # any host or path makes a valid key
    return f"{kind}:{content_version.current()}:{digest}"


def cached_site(request):
    """The Site answering ``request`` (as Site.find_for_request), from the cache when known."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = _key("site", request, request.get_port())
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is not None:
            cache.set(key, site, TIMEOUT)
    request._wagtail_site = site
    return site


def _route_key(request, site, path):
    return _key("route", request, site.pk, translation.get_language(), path.strip("/"))


class CachedRoutingMiddleware:
    """Serve Wagtail pages with the site and the page found from the cache (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_runtime_route_key", None)
        if key is not None and response.status_code == 200:
            self._remember(request, key)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve:
            return None
        site = cached_site(request)
        if site is None:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")  # Wagtail: positional
        key = _route_key(request, site, path)
        found = cache.get(key)
        route = self._route_to(request, *found) if found is not None else None
        if route is not None:
            request._wagtail_route_for_request = route
        else:
            request._runtime_route_key = key  # Wagtail walks the tree; remember where it led
            request._runtime_route_depth = site.root_page.depth + len(
                [part for part in path.split("/") if part]
            )
        return None

    @staticmethod
    def _route_to(request, page_id, content_type_id):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = (
            next(iter(model.objects.live().filter(pk=page_id).select_related("locale")), None)
            if model
            else None
        )
        if page is None:
            return None  # gone since: route by the tree
        try:
            return page.route(request, [])
        except Http404:
            return None

    @staticmethod
    def _remember(request, key):
        # Only a path that led to the page itself (each component one level down the tree), not
        # to a routable page's sub-route or a parent's view, can be routed by ``page.route([])``.
        route = getattr(request, "_wagtail_route_for_request", None)
        if route is not None and route[0].depth == request._runtime_route_depth:
            cache.set(key, (route[0].pk, route[0].content_type_id), TIMEOUT)
