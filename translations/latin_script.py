"""Serbian Latin (sr-latn) is generated from Serbian Cyrillic (sr), never translated by hand.

Whenever a Serbian page is published or a Serbian snippet saved, its sr-latn translation is
created or updated through wagtail-localize: every translatable segment of the source (titles,
rich text, StreamField blocks, alt texts, slugs…) is transliterated, synchronised fields are
copied, and the result is published. Translators of Serbian therefore only ever edit ``sr``.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from translations.transliteration import serbian_to_latin

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "sr"
GENERATED_LANGUAGE = "sr-latn"


def is_serbian_source(instance):
    locale = getattr(instance, "locale", None)
    return locale is not None and locale.language_code == SOURCE_LANGUAGE


@transaction.atomic
def generate_latin_version(instance, user=None):
    """Create or update and publish the sr-latn version of a Serbian page or snippet."""
    # Work on a fresh copy: wagtail-localize copies child objects (a call's form fields) from the
    # instance it is given and relabels them sr-latn; on the caller's object, still being
    # published, those relabelled children would be committed to the Serbian page.
    if isinstance(instance, Page):
        instance = Page.objects.get(pk=instance.pk).specific
    else:
        instance = type(instance)._default_manager.get(pk=instance.pk)
    target_locale = Locale.objects.get(language_code=GENERATED_LANGUAGE)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target_locale, defaults={"enabled": True}
    )
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=target_locale,
            context=segment.context,
            defaults={
                "data": serbian_to_latin(segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                "has_error": False,
            },
        )
    translation.save_target(user=user, publish=True)
    return instance.get_translation(target_locale)


_suppressed = threading.local()


@contextmanager
def latin_generation_suspended():
    """Within this block publishing Serbian content does not regenerate sr-latn (used by the seed,
    which writes both scripts from the same transliterated content)."""
    previous = getattr(_suppressed, "active", False)
    _suppressed.active = True
    try:
        yield
    finally:
        _suppressed.active = previous


def regenerate_after_change(instance, user=None):
    """Signal-side entry point: regenerate sr-latn for a Serbian source, never failing the publish."""
    if getattr(_suppressed, "active", False) or not is_serbian_source(instance):
        return
    try:
        generate_latin_version(instance, user=user)
    except Exception:  # the Serbian publish stands; the Latin copy is retried by the command
        logger.exception("Could not generate the Serbian Latin version of %r", instance)
