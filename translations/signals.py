"""Signal receivers of the translation workflow: Serbian Latin kept in step with Serbian Cyrillic."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import page_published, published

from translations.latin_script import regenerate_after_change


@receiver(page_published)
def page_published_in_serbian(sender, instance, revision=None, **kwargs):
    regenerate_after_change(instance, user=getattr(revision, "user", None))


@receiver(published)
def snippet_published_in_serbian(sender, instance, revision=None, **kwargs):
    # Snippets with drafts reach sr-latn when published (pages: page_published above).
    if isinstance(instance, Page):
        return
    regenerate_after_change(instance, user=getattr(revision, "user", None))


@receiver(post_save)
def snippet_saved_in_serbian(sender, instance, raw=False, **kwargs):
    # Snippets without drafts go live on save. Pages and snippets with drafts: on publish (a
    # saved draft must not reach sr-latn). Which objects have a Latin version of their own (not
    # a page's form fields) is latin_script's rule.
    if raw or isinstance(instance, DraftStateMixin):
        return
    regenerate_after_change(instance)
