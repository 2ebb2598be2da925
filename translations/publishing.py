"""Publishing a translation that still has untranslated strings says which ones, plainly.

wagtail-localize publishes such a translation with the source's text in their place and a terse
"with missing translations" note; a translator easily misses that English ("Grants team") went
live on their page. These hooks run wagtail-localize's own publish and add a warning naming the
strings, so that the translator can translate them and publish again.
"""

from django.contrib import messages
from django.utils.translation import ngettext
from wagtail.models import TranslatableMixin
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import edit_translation

from translations.latin_notices import warn_about_latin_failure
from translations.status import with_untranslated_strings

SHOWN = 5


def untranslated_warning(strings, language_name):
    """The warning for ``strings`` left untranslated in a published translation."""
    quoted = ", ".join(f"“{text[:60]}”" for text in strings[:SHOWN])
    if len(strings) > SHOWN:
        quoted += ", …"
    return ngettext(
        "Published, but %(count)d text is not translated into %(language)s yet and is shown "
        "in the source language on the live page: %(strings)s. Translate it and publish again.",
        "Published, but %(count)d texts are not translated into %(language)s yet and are shown "
        "in the source language on the live page: %(strings)s. Translate them and publish again.",
        len(strings),
    ) % {"count": len(strings), "language": language_name, "strings": quoted}


def publish_with_warning(request, instance):
    """``before_edit_page`` / ``before_edit_snippet`` hook for wagtail-localize's publish action."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not isinstance(instance, TranslatableMixin):
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("target_locale")
        .first()
    )
    if translation is None:
        return None
    response = edit_translation(request, translation, instance)
    instance.refresh_from_db()
    published = getattr(instance, "live", True)
    language = translation.target_locale.language_code
    strings = with_untranslated_strings(language, [instance.translation_key]).get(
        instance.translation_key, []
    )
    if published and response.status_code == 302:
        warn_about_latin_failure(request, instance)
    if published and strings and response.status_code == 302:
        messages.warning(
            request, untranslated_warning(strings, translation.target_locale.get_display_name())
        )
    return response
