"""Signal receivers of the translation workflow: Serbian Latin kept in step with Serbian Cyrillic."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published

from translations.latin_script import regenerate_after_change


@receiver(page_published)
def page_published_in_serbian(sender, instance, revision=None, **kwargs):
    regenerate_after_change(instance, user=getattr(revision, "user", None))


@receiver(post_save)
def snippet_saved_in_serbian(sender, instance, raw=False, **kwargs):
    # Pages are handled on publish (a saved draft must not reach sr-latn); snippets on save.
    if raw or isinstance(instance, Page) or not isinstance(instance, TranslatableMixin):
        return
    regenerate_after_change(instance)
