"""One token that changes whenever published content changes: every shared cache entry built from
content (fragment caches of the site chrome, the route cache) carries it in its key.

Publishing, unpublishing, moving or deleting a page, and saving a snippet, a setting, a site, a
locale, a document or an image replaces the token, so the next render rebuilds what it shows. A
single site-wide token is coarse on purpose: edits are rare next to reads, and nothing can be
forgotten (a menu links pages, the language switcher depends on every translation, the footer on
settings and pages).

Snippets with drafts (main menu, footer) write their row when published, unpublished or created;
a saved draft or a lock only records bookkeeping on it (readers keep the live version), so those
saves leave the token alone.

The token lives in the default cache, so processes see each other's changes when that cache is
shared (REDIS_URL); a process-local cache only suits a single process (development, tests).
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

KEY = "content-version"


def current():
    """The token of the content as it is now (created on first use)."""
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(KEY)
    return token


def bump():
    """Give the content a new token: entries keyed by the old one are never read again.

    A random token rather than a counter: a counter evicted from the cache would start again at a
    value whose stale entries may still exist."""
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def bump_now_and_on_commit():
    """Bump now (what this process renders next is fresh, also inside a test's transaction) and
    again when the transaction commits (a page rendered by another process between the two saw
    the old rows and was stored under the first new token)."""
    bump()
    transaction.on_commit(bump)


def affects_content(model):
    """Whether saving or deleting an instance of ``model`` can change what a page shows."""
    shown_in_pages = (Page, PageViewRestriction, Site, Locale, BaseSiteSetting, BaseGenericSetting)
    # Documents and images too: pages list a document's title and size, and show pictures.
    if issubclass(model, (*shown_in_pages, AbstractDocument, AbstractImage)):
        return True
    return model in get_snippet_models()


# What a draft revision (DraftStateMixin.save_revision) or a lock writes on a snippet's row.
EDITING_BOOKKEEPING = frozenset(
    {"latest_revision", "has_unpublished_changes", "locked", "locked_by", "locked_at"}
)


def is_editing_bookkeeping(instance, update_fields):
    """Whether a save of ``instance`` leaves its live version as it was: a snippet with drafts
    saving only a new draft revision or a lock (pages are left to their own rules)."""
    return (
        isinstance(instance, DraftStateMixin)
        and not isinstance(instance, Page)
        and bool(update_fields)
        and set(update_fields) <= EDITING_BOOKKEEPING
    )


@receiver(post_save)
@receiver(post_delete)
def content_saved_or_deleted(sender, instance=None, raw=False, update_fields=None, **kwargs):
    # Page saves include publishing, unpublishing and drafts (cheap to over-invalidate on).
    if raw or not affects_content(sender) or is_editing_bookkeeping(instance, update_fields):
        return
    bump_now_and_on_commit()


@receiver(page_unpublished)
@receiver(post_page_move)
def page_unpublished_or_moved(sender, **kwargs):
    bump_now_and_on_commit()
