"""wagtail-localize's "Translate this page" / "Translate" forms, offering only what may be chosen.

Serbian Latin is generated from Serbian (translations.latin_script) and never translated by hand, so
it is never offered; a translator is offered only their own languages, so that they can start the
translation of a page or snippet that is missing in their language (the translation status
screen links here) without being able to create work in anyone else's. The views are
wagtail-localize's own, registered under the same addresses (translations/wagtail_hooks.py) ahead
of them.
"""

from django.forms import HiddenInput
from wagtail_localize.views import submit_translations

from translations.latin_script import GENERATED_LANGUAGE
from translations.translators import translator_languages


def restrict_locales(form, user):
    """Drop generated and (for translators) other languages from a submit-translation form."""
    field = form.fields["locales"]
    locales = field.queryset.exclude(language_code=GENERATED_LANGUAGE)
    own = translator_languages(user)
    if own is not None:
        locales = locales.filter(language_code__in=own)
    field.queryset = locales
    if len(locales) < 2:
        form.fields["select_all"].widget = HiddenInput()
    return form


class OfferedLocalesMixin:
    def get_form(self):
        return restrict_locales(super().get_form(), self.request.user)


class SubmitPageTranslationView(OfferedLocalesMixin, submit_translations.SubmitPageTranslationView):
    """Submit a page for translation into the languages this user may start."""


class SubmitSnippetTranslationView(
    OfferedLocalesMixin, submit_translations.SubmitSnippetTranslationView
):
    """Submit a snippet for translation into the languages this user may start."""
