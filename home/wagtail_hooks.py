"""Admin hooks: the translation status dashboard, translation submission, document privacy.

Translators are kept to their own language by home.translator_scope (a middleware), not here.
"""

from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home import admin_views
from home.document_access import refuse_unpublished
from home.same_origin import check_page_post
from home.translation_publishing import publish_with_warning
from home.translation_status import counts_by_language
from home.translation_submission import SubmitPageTranslationView, SubmitSnippetTranslationView
from home.translators import translator_languages

hooks.register("before_serve_document", refuse_unpublished)
# Ahead of wagtail-localize's own hooks, which would answer the publish without the warning.
hooks.register("before_edit_page", publish_with_warning, order=-100)
hooks.register("before_edit_snippet", publish_with_warning, order=-100)


@hooks.register("before_serve_page")
def check_csrf_or_origin_of_page_posts(page, request, serve_args, serve_kwargs):
    return check_page_post(page, request)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("translation-status/", admin_views.translation_status, name="translation_status"),
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
    template_name = "home/admin/translation_status_panel.html"
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
