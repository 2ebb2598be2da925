"""Admin hooks of the translation workflow: the translation status dashboard, translation
submission, the warning when publishing a translation with untranslated strings, and what a
refused publish did.

Translators are kept to their own language by translations.scope (a middleware), not here.
"""

from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from translations import views
from translations.latin_notices import warn_about_latin_failure
from translations.publishing import explain_failed_publish, publish_with_warning
from translations.status import counts_by_language
from translations.submission import SubmitPageTranslationView, SubmitSnippetTranslationView
from translations.translators import translator_languages

# A Serbian publish whose Latin version failed says so (the translation editor's publish: in
# publish_with_warning).
hooks.register("after_publish_page", warn_about_latin_failure)
hooks.register("after_edit_snippet", warn_about_latin_failure)
hooks.register("after_create_snippet", warn_about_latin_failure)

# Ahead of wagtail-localize's own hooks, which would answer the publish without the warning.
hooks.register("before_edit_page", publish_with_warning, order=-100)
hooks.register("before_edit_snippet", publish_with_warning, order=-100)
# After wagtail-localize's (which answers translated pages with its translation editor).
hooks.register("before_edit_page", explain_failed_publish, order=100)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("translation-status/", views.translation_status, name="translation_status"),
        path(
            "translation-status/serbian-latin/retry/",
            views.retry_serbian_latin,
            name="retry_serbian_latin",
        ),
        # The same addresses as wagtail-localize's submit views, registered first so that these
        # (which never offer Serbian Latin, nor a translator another language) answer them.
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="submit_snippet_translation",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"), reverse("translation_status"), icon_name="globe", order=250
    )


class TranslationStatusPanel(Component):
    """Counts of missing and out-of-date translations per language on the admin home page."""

    name = "translation_status"
    template_name = "translations/admin/translation_status_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        names = dict(settings.LANGUAGES)
        user = parent_context["request"].user
        own = translator_languages(user)
        counts = counts_by_language()
        return {
            "languages": [
                (code, names[code], counts[code]) for code in counts if own is None or code in own
            ]
        }


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    panels.append(TranslationStatusPanel())
