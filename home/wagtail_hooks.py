"""Admin hooks: translators kept to their own language; the translation status dashboard."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import TranslatableMixin

from home import admin_views
from home.same_origin import check_page_post
from home.translation_status import counts_by_language
from home.translators import may_edit_in_language, translator_languages


def _refuse_other_languages(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin) and not may_edit_in_language(
            request.user, instance.locale.language_code
        ):
            raise PermissionDenied


@hooks.register("before_edit_snippet", order=-100)  # before wagtail-localize's editor takes over
def refuse_editing_other_languages(request, instance):
    _refuse_other_languages(request, [instance])


@hooks.register("before_delete_snippet", order=-100)
def refuse_deleting_other_languages(request, instances):
    _refuse_other_languages(request, instances)


@hooks.register("before_serve_page")
def check_csrf_or_origin_of_page_posts(page, request, serve_args, serve_kwargs):
    return check_page_post(page, request)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translation-status/", admin_views.translation_status, name="translation_status")]


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
