"""Purging the caching proxy (and a CDN) when content changes, with wagtail.contrib.frontend_cache.

Wagtail's own receivers purge only the published page, and before the publish has committed; ours
purge, once the transaction has committed, the page with its routes (feeds, calendars) and every
listing that shows it: its ancestors (section index, home page of its language) and the sitemap.
A Serbian publish regenerates the sr-latn twin, whose own publish purges the twin the same way.
Snippets and settings (menus, footer, taxonomy, contact settings) appear on every page of their
language, so saving one purges all live pages of that language (of every language for settings
that are not translated). The main menu and footer have drafts: their row is saved on publish and
unpublish; a saved draft or a lock changes nothing readers see and purges nothing.

The purge goes through Wagtail's purge task: inline with the immediate tasks backend, in the worker
with the database backend.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from runtime.content_version import is_editing_bookkeeping

logger = logging.getLogger(__name__)


class ProxyPurgeBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend for our nginx: a 404 answer means the proxy did not hold that
    address (nothing to purge), which Wagtail's backend would log as an error for every feed and
    listing nobody had read since the last publish."""

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""))
        request = PurgeRequest(target, headers={"Host": host, "User-Agent": "hub-frontend-cache"})
        try:
            urlopen(request, timeout=5)  # noqa: S310 - the configured proxy address
        except HTTPError as error:
            if error.code != 404:
                logger.error("Could not purge %s from the proxy: HTTP %s", url, error.code)
        except URLError as error:
            logger.error("Could not purge %s from the proxy: %s", url, error.reason)


def cached_paths(page):
    """The paths (relative to the page) that the proxy may hold for a page: "/" and every route
    of a routable page that takes no argument (feeds, calendars, archives)."""
    paths = ["/"]
    if isinstance(page, RoutablePageMixin):
        for pattern in page.get_subpage_urls():
            route = getattr(pattern.pattern, "_route", None)
            if route and not pattern.pattern.converters:
                paths.append("/" + route)
    return paths


def _send(batch):
    """Purge the batch once the current transaction commits (at once outside a transaction)."""
    if batch.urls:
        transaction.on_commit(batch.purge)


def purging_enabled():
    return bool(get_backends())


def _sitemap_urls():
    return {entry.root_url.rstrip("/") + "/sitemap.xml" for entry in Site.get_site_root_paths()}


def purge_page_and_listings(page, with_descendants=False):
    """Purge a page (with its routes), the listings that show it and the sitemap."""
    page = page.specific_deferred
    batch = PurgeBatch()
    batch.add_page(page)
    if with_descendants:  # their addresses change with a move
        batch.add_pages(page.get_descendants().live().specific())
    for ancestor in page.get_ancestors().filter(depth__gte=2).specific():
        batch.add_page(ancestor)
    batch.add_urls(_sitemap_urls())
    _send(batch)


def purge_language(locale_id=None):
    """Purge every live page of one locale (all locales if None), e.g. after a menu edit."""
    pages = Page.objects.live().filter(depth__gte=2)
    if locale_id is not None:
        pages = pages.filter(locale_id=locale_id)
    batch = PurgeBatch()
    batch.add_pages(pages.specific())
    batch.add_urls(_sitemap_urls())
    _send(batch)


# --- Receivers ---------------------------------------------------------------------------------
# All of them do nothing unless a backend is configured (WAGTAILFRONTENDCACHE).


@receiver(page_published)
@receiver(page_unpublished)
def purge_on_publish(sender, instance, **kwargs):
    if purging_enabled() and instance.depth >= 2:
        purge_page_and_listings(instance)


@receiver(pre_page_move)
@receiver(post_page_move)
def purge_on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    # Before the move: the old addresses and the old listings; after it: the new ones.
    if purging_enabled() and instance.live and url_path_before != url_path_after:
        purge_page_and_listings(instance, with_descendants=True)


@receiver(pre_delete)
def purge_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live and purging_enabled():
        purge_page_and_listings(instance)


@receiver(post_save)
@receiver(post_delete)
def purge_on_snippet_or_setting(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or isinstance(instance, Page) or not purging_enabled():
        return
    if is_editing_bookkeeping(instance, update_fields):
        return
    if isinstance(instance, BaseGenericSetting):
        purge_language(None)
    elif isinstance(instance, TranslatableMixin) and _shown_on_pages(sender):
        purge_language(instance.locale_id)


def _shown_on_pages(model):
    """Translatable snippets of our apps (menus, footer, taxonomy) appear on pages; wagtail-localize's
    own bookkeeping models do not."""
    return model._meta.app_label in {"home", "news", "calls", "resources"}
