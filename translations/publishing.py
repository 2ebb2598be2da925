"""Publishing a translation that still has untranslated strings says which ones, plainly.

wagtail-localize publishes such a translation with the source's text in their place and a terse
"with missing translations" note; a translator easily misses that English ("Grants team") went
live on their page. These hooks run wagtail-localize's own publish and add a warning naming the
strings, with a link back to the translation editor, so that the translator can translate them
and publish again.

When Wagtail's page editor cannot publish (a field that publishing requires is empty), it says
"The page could not be saved" although the header says "Saved": the autosaved or earlier draft is
kept. ``explain_failed_publish`` answers that publish with Wagtail's own editor saying what
happened: not published, the live page unchanged, when the draft was last saved, and why.

A page's slug is not the translator's to translate: the address rule (home.addresses) gives the
translation a slug from its own title when it is published. The slug is recorded as translated
(the page's own once published), so that neither wagtail-localize nor this warning calls it
untranslated.
"""

from django.contrib import messages as django_messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.views.edit_translation import edit_translation

from translations.latin_notices import warn_about_latin_failure
from translations.status import SET_BY_THE_SITE, with_untranslated_strings

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


def editor_url(instance):
    """The admin address where ``instance`` is edited (for a translation: the translation editor)."""
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    viewset = type(instance).snippet_viewset
    return reverse(viewset.get_url_name("edit"), args=[instance.pk])


def record_own_slug(translation, instance, published=False):
    """Record the slug segment as translated, where the translator left it: before publishing,
    as the source's slug (which the address rule replaces with one from the translated title);
    once published, as the slug the page then has, so that a later sync keeps its address."""
    segments = StringSegment.objects.filter(
        source=translation.source, context__path__in=SET_BY_THE_SITE
    ).select_related("string", "context")
    for segment in segments:
        recorded = StringTranslation.objects.filter(
            translation_of=segment.string,
            context=segment.context,
            locale=translation.target_locale,
        ).first()
        slug = getattr(instance, "slug", "") if published else segment.string.data
        if not slug:
            continue
        if recorded is None:
            StringTranslation.objects.create(
                translation_of=segment.string,
                context=segment.context,
                locale=translation.target_locale,
                data=slug,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
        elif published and (recorded.data != slug or recorded.has_error):
            recorded.data, recorded.has_error = slug, False
            recorded.save(update_fields=["data", "has_error"])


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
    record_own_slug(translation, instance)
    response = edit_translation(request, translation, instance)
    instance.refresh_from_db()
    published = getattr(instance, "live", True)
    if published and response.status_code == 302:
        record_own_slug(translation, instance, published=True)
    language = translation.target_locale.language_code
    strings = with_untranslated_strings(language, [instance.translation_key]).get(
        instance.translation_key, []
    )
    if published and response.status_code == 302:
        warn_about_latin_failure(request, instance)
    if published and strings and response.status_code == 302:
        messages.warning(
            request,
            untranslated_warning(strings, translation.target_locale.get_display_name()),
            buttons=[
                messages.button(editor_url(instance), gettext("Open in the translation editor"))
            ],
        )
    return response


def form_errors(form):
    """["Label: error"] of a page form and its inline formsets (form fields, materials…)."""
    found = []
    for name, errors in form.errors.items():
        label = "" if name == NON_FIELD_ERRORS else f"{form[name].label}: "
        found.extend(f"{label}{error}" for error in errors)
    for formset in getattr(form, "formsets", {}).values():
        label = formset.model._meta.verbose_name_plural
        for error in formset.non_form_errors():
            found.append(f"{label}: {error}")
        for child in formset.forms:
            for name, errors in child.errors.items():
                field = "" if name == NON_FIELD_ERRORS else f" – {child[name].label}"
                found.extend(f"{label}{field}: {error}" for error in errors)
    return found


def failed_publish_message(page):
    """What a refused publish did: nothing live, and the draft that is kept (if any)."""
    revision = page.get_latest_revision()
    if page.has_unpublished_changes and revision is not None:
        saved = timezone.localtime(revision.created_at)
        return gettext(
            "Not published: the live page is unchanged. Your draft was saved at %(time)s and is "
            "kept; changes made since are in this form only. Fix what is listed below and "
            "publish again."
        ) % {"time": f"{date_format(saved, 'DATETIME_FORMAT')} {saved.tzname()}"}
    return gettext(
        "Not published and not saved: the live page is unchanged and your changes are in this "
        "form only. Fix what is listed below and publish again."
    )


class PublishOutcomeEditView(EditView):
    """Wagtail's page editor, saying what a refused publish did instead of "could not be saved"."""

    def form_invalid(self, form):
        if (
            self.action_name != "publish"
            or self.locked_for_user
            or self.expects_json_response
            or self.is_cancelling_workflow
        ):
            return super().form_invalid(form)
        reasons = format_html_join("\n", "<li>{}</li>", ((error,) for error in form_errors(form)))
        detail = format_html('<ul class="errorlist">{}</ul>', reasons) if reasons else ""
        django_messages.error(
            self.request,
            messages.render(failed_publish_message(self.real_page_record), [], detail=detail),
        )
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


EXPLAINED = "publish_outcome_explained"


def explain_failed_publish(request, page):
    """``before_edit_page`` hook (after wagtail-localize's, which answers translated pages): a
    publish from Wagtail's own editor runs in PublishOutcomeEditView."""
    if request.method != "POST" or not request.POST.get("action-publish"):
        return None
    if getattr(request, EXPLAINED, False):
        return None  # already inside PublishOutcomeEditView
    setattr(request, EXPLAINED, True)
    return PublishOutcomeEditView.as_view()(request, page_id=page.pk)
