"""Signal receivers of the home app: keep Serbian Latin in step with Serbian Cyrillic, and
every page's topics and countries in the page's own language."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published

from home.languages import relink_to_own_language
from home.latin_script import regenerate_after_change
from home.share_cards import ensure_share_card


@receiver(pre_save)
def page_terms_in_own_language(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and not set(update_fields) & {
        field.name for field in instance._meta.many_to_many
    }:
        return  # a save of some columns (e.g. revision bookkeeping) commits no links
    relink_to_own_language(instance)


@receiver(page_published)
def page_published_in_serbian(sender, instance, revision=None, **kwargs):
    regenerate_after_change(instance, user=getattr(revision, "user", None))


@receiver(page_published)
def share_card_on_publish(sender, instance, **kwargs):
    # Drawn now, not when someone shares the page; redrawn only when its title or section changed.
    ensure_share_card(instance)


@receiver(post_save)
def snippet_saved_in_serbian(sender, instance, raw=False, **kwargs):
    # Pages are handled on publish (a saved draft must not reach sr-latn); snippets on save.
    if raw or isinstance(instance, Page) or not isinstance(instance, TranslatableMixin):
        return
    regenerate_after_change(instance)
