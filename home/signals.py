"""Signal receivers of the home app: every page's topics and countries in the page's own language,
and its share card drawn on publish. (Serbian Latin is kept in step by translations.signals.)"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published

from home.languages import relink_to_own_language
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
def share_card_on_publish(sender, instance, **kwargs):
    # Drawn now, not when someone shares the page; redrawn only when its title or section changed.
    ensure_share_card(instance)
