"""Serbian Latin (sr-latn) is generated from Serbian Cyrillic (sr), never translated by hand.

Whenever a Serbian page is published or a Serbian snippet saved (published, for snippets with
drafts), its sr-latn translation is created or updated through wagtail-localize: every
translatable segment of the source (titles, rich text, StreamField blocks, alt texts, slugs, the
labels and choices of a call's form fields…) is transliterated, synchronised fields and inline
children are copied, and the result is published. Translators of Serbian therefore only ever
edit ``sr``.

Only pages and snippets get a Latin version of their own. Translatable children of a page (a
call's form fields) are part of their page's translation: translated alone, wagtail-localize
would copy each one onto the *Serbian* page relabelled sr-latn (a form of eight fields, half of
them Latin). A failed generation is logged and recorded (``LatinScriptFailure``): the editor is
told on publish and the status screen lists it with a retry; the Serbian publish stands.
"""

import logging
import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from modelcluster.fields import ParentalKey
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from translations.models import LatinScriptFailure
from translations.transliteration import serbian_to_latin

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "sr"
GENERATED_LANGUAGE = "sr-latn"
ERROR_LENGTH = 500


def has_latin_version_of_its_own(model):
    """Pages and translatable snippets; not the translatable children of a page."""
    return issubclass(model, Page) or (
        issubclass(model, TranslatableMixin) and model in get_snippet_models()
    )


def is_serbian_source(instance):
    locale = getattr(instance, "locale", None)
    return (
        locale is not None
        and locale.language_code == SOURCE_LANGUAGE
        and has_latin_version_of_its_own(type(instance))
    )


def _fresh(instance):
    # Work on a fresh copy: wagtail-localize copies child objects (a call's form fields) from the
    # instance it is given and relabels them sr-latn; on the caller's object, still being
    # published, those relabelled children would be committed to the Serbian page.
    if isinstance(instance, Page):
        return Page.objects.get(pk=instance.pk).specific
    return type(instance)._default_manager.get(pk=instance.pk)


@transaction.atomic
def generate_latin_version(instance, user=None):
    """Create or update and publish the sr-latn version of a Serbian page or snippet."""
    if not has_latin_version_of_its_own(type(instance)):
        raise TypeError(f"{type(instance).__name__} is translated with its page, not on its own")
    instance = _fresh(instance)
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


def _failure_lookup(instance):
    return {
        "content_type": ContentType.objects.get_for_model(instance),
        "translation_key": instance.translation_key,
    }


def failure_of(instance):
    """The recorded failure of ``instance``'s Latin version, or None."""
    if not is_serbian_source(instance):
        return None
    return LatinScriptFailure.objects.filter(**_failure_lookup(instance)).first()


def failures_by_source():
    """{(content type id, translation key): failure} of every recorded failure (one query)."""
    return {
        (failure.content_type_id, failure.translation_key): failure
        for failure in LatinScriptFailure.objects.all()
    }


def generate_and_record(instance, user=None):
    """Generate the Latin version; record a failure (and log it) instead of raising, clear the
    record on success. Returns the failure, or None when the Latin version was generated."""
    lookup = _failure_lookup(instance)
    try:
        generate_latin_version(instance, user=user)
    except Exception as error:
        logger.exception("Could not generate the Serbian Latin version of %r", instance)
        message = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
        failure, created = LatinScriptFailure.objects.get_or_create(
            **lookup, defaults={"error": message}
        )
        if not created:
            failure.error = message
            failure.attempts += 1
            failure.save(update_fields=["error", "attempts", "failed_at"])
        return failure
    LatinScriptFailure.objects.filter(**lookup).delete()
    return None


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
    generate_and_record(instance, user=user)


# --- Repairing pages damaged before children were kept out of it ------------------------------


def _translatable_child_relations(model):
    """Names of ``model``'s inline child relations whose children are translatable."""
    return [
        relation.get_accessor_name()
        for relation in model._meta.related_objects
        if isinstance(relation.remote_field, ParentalKey)
        and issubclass(relation.related_model, TranslatableMixin)
    ]


def _strays(children, locale_id):
    return [child for child in children if child.locale_id != locale_id]


def remove_stray_children(page):
    """Remove inline children of another language from a page (the Latin copies of a call's form
    fields that an earlier version put onto the Serbian page), from its rows and from its latest
    revision, so that neither the live page nor a later publish shows them. Returns whether
    anything was removed; a page without strays is not touched (idempotent)."""
    page = page.specific
    relations = _translatable_child_relations(type(page))
    if not relations:
        return False
    removed = 0
    for name in relations:
        strays = _strays(getattr(page, name).all(), page.locale_id)
        if strays:
            removed += (
                getattr(page, name)
                .model.objects.filter(pk__in=[child.pk for child in strays])
                .delete()[0]
            )
    latest = page.get_latest_revision_as_object()
    in_revision = {name: _strays(getattr(latest, name).all(), page.locale_id) for name in relations}
    if any(in_revision.values()):
        for name, strays in in_revision.items():
            kept = [child for child in getattr(latest, name).all() if child not in strays]
            setattr(latest, name, kept)
        had_draft = page.has_unpublished_changes
        revision = latest.save_revision(changed=False, clean=False, log_action=False)
        if page.live and not had_draft:
            revision.publish(log_action=False)
    return bool(removed or any(in_revision.values()))
