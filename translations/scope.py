"""Translators are kept to their own languages in every admin view that acts on one object.

Wagtail confines pages by page permissions, but snippets have no per-language permission, and
wagtail-localize's own endpoints (string and override edits, PO files, machine translation,
disabling a translation, sync, convert to alias) only check that the user may edit *some* object
of that type. Rather than guarding each view, one middleware maps the resolved admin URL to the
language of the object it acts on and refuses it when a translator (see translations.translators)
works in other languages: a page the translator opened goes back to where they can work, with an
admin message in the translator's own admin language saying why; the translation editor's own
requests (string edits, fetches) get a plain 403. Snippet lists show a translator their own
language only. Everyone who is not a translator passes through untouched.
"""

from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from translations.translators import translator_languages

# wagtail-localize views that take a translation: the language is the translation's target.
TRANSLATION_VIEWS = {
    "edit_string_translation",
    "edit_override",
    "download_pofile",
    "upload_pofile",
    "machine_translate",
    "preview_translation",
    "stop_translation",
}


def _snippet_models_by_namespace():
    return {model.snippet_viewset.url_namespace: model for model in get_snippet_models()}


def _language_of(model, pk):
    if not issubclass(model, TranslatableMixin):
        return None
    try:
        return model.objects.select_related("locale").get(pk=pk).locale.language_code
    except (ObjectDoesNotExist, ValueError, TypeError):
        return None  # the view answers 404 itself


def languages_acted_on(request, match):
    """Language codes of the objects an admin request acts on (empty when it acts on none)."""
    kwargs = match.kwargs
    namespace, name = match.namespace, match.url_name
    if namespace == "wagtail_localize":
        if name in TRANSLATION_VIEWS:
            translation = (
                Translation.objects.filter(pk=kwargs["translation_id"])
                .values_list("target_locale__language_code", flat=True)
                .first()
            )
            return {translation} if translation else set()
        if name == "update_translations":  # "Sync translated pages" writes every language
            source = (
                TranslationSource.objects.filter(pk=kwargs["translation_source_id"])
                .values_list("locale__language_code", flat=True)
                .first()
            )
            return {source} if source else set()
        if name == "convert_to_alias":
            return {_language_of(Page, kwargs["page_id"])} - {None}
        return set()  # submit views offer only the user's languages (translations.submission)
    if namespace == "wagtailadmin_pages":
        page_id = kwargs.get("page_id") or kwargs.get("parent_page_id")
        return {_language_of(Page, page_id)} - {None} if page_id else set()
    if match.url_name == "wagtail_bulk_action" and not namespace:
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except LookupError:
            return set()
        if not issubclass(model, TranslatableMixin):
            return set()
        ids = request.GET.getlist("id")
        if "all" in ids:  # "select all" acts on every language
            return set(model.objects.values_list("locale__language_code", flat=True))
        return set(
            model.objects.filter(pk__in=[i for i in ids if i.isdigit()]).values_list(
                "locale__language_code", flat=True
            )
        )
    model = _snippet_models_by_namespace().get(namespace)
    if model is not None and issubclass(model, TranslatableMixin):
        if "pk" in kwargs:
            return {_language_of(model, unquote(str(kwargs["pk"])))} - {None}
        if name in ("add", "preview_on_add") and request.GET.get("locale"):
            return {request.GET["locale"]}
    return set()


# The views of a snippet's listing (the page and the part its filters reload).
LISTING_VIEWS = {"list", "list_results"}


def is_page_request(request):
    """Whether the request is a page the user opened or a form they sent (not a script's)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return False
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return False
    return "application/json" not in request.headers.get("accept", "")


def language_names(codes):
    names = dict(settings.LANGUAGES)
    return ", ".join(str(names.get(code, code)) for code in sorted(codes))


def refusal(request, match, acted_on, own):
    """Back to where the translator can work, with an admin message in their admin language."""
    with translation.override(UserProfile.get_for_user(request.user).get_preferred_language()):
        messages.error(
            request,
            _(
                "This belongs to %(other)s, and you translate into %(own)s only, so it was not "
                "opened. Here is what you can work on."
            )
            % {"other": language_names(acted_on - own), "own": language_names(own)},
        )
    model = _snippet_models_by_namespace().get(match.namespace)
    if model is not None:
        listing = reverse(model.snippet_viewset.get_url_name("list"))
        return redirect(f"{listing}?{urlencode({'locale': sorted(own)[0]})}")
    return redirect(f"{reverse('translation_status')}?{urlencode({'language': sorted(own)[0]})}")


def own_language_listing(request, match, own):
    """A redirect of a translatable snippet's listing to the translator's language, unless the
    listing already shows one of their languages."""
    if match.url_name not in LISTING_VIEWS or request.method != "GET":
        return None
    model = _snippet_models_by_namespace().get(match.namespace)
    if model is None or not issubclass(model, TranslatableMixin):
        return None
    if request.GET.get("locale") in own:
        return None
    query = request.GET.copy()
    query["locale"] = sorted(own)[0]
    return redirect(f"{request.path}?{query.urlencode()}")


class TranslatorScopeMiddleware:
    """Refuses a translator's admin request on another language's page, snippet or
    translation, and keeps their snippet lists to their own language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        own = translator_languages(user)
        if own is None:
            return None
        listing = own_language_listing(request, match, own)
        if listing is not None:
            return listing
        acted_on = languages_acted_on(request, match)
        if acted_on and not acted_on <= own:
            if is_page_request(request):
                return refusal(request, match, acted_on, own)
            raise PermissionDenied
        return None
