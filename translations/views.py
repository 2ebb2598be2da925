"""The translation status dashboard in the Wagtail admin."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from translations.latin_script import GENERATED_LANGUAGE
from translations.status import (
    MISSING,
    OUT_OF_DATE,
    STATUSES,
    UP_TO_DATE,
    rows_for,
    target_languages,
)
from translations.translators import translator_languages


def status_labels():
    return {MISSING: _("Missing"), OUT_OF_DATE: _("Out of date"), UP_TO_DATE: _("Up to date")}


def row_action(row, language, user, back_url):
    """What the user can do about a row: (label, url), or (explanation, None) when they cannot."""
    if language == GENERATED_LANGUAGE:
        return _("Generated from the Serbian version when it is published"), None
    if row.target is not None:
        if row.is_page:
            return _("Edit"), reverse("wagtailadmin_pages:edit", args=[row.target.pk])
        viewset = type(row.target).snippet_viewset
        return _("Edit"), reverse(viewset.get_url_name("edit"), args=[row.target.pk])
    if not user.has_perm("wagtail_localize.submit_translation"):
        return _("An editor of the communications team can submit it for translation"), None
    query = urlencode({"select_locale": language, "next": back_url})
    if row.is_page:
        url = reverse("wagtail_localize:submit_page_translation", args=[row.source.pk])
    else:
        meta = row.source._meta
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, row.source.pk],
        )
    return _("Start translating"), f"{url}?{query}"


def translation_status(request):
    """Pages and snippets per language and status; a translator sees their language first."""
    languages = target_languages()
    own = translator_languages(request.user)
    default = sorted(own)[0] if own else languages[0]
    language = request.GET.get("language")
    if language not in languages:
        language = default
    status = request.GET.get("status")
    if status not in STATUSES:
        status = None
    rows = rows_for(language)
    counts = {key: sum(1 for row in rows if row.status == key) for key in STATUSES}
    if status:
        rows = [row for row in rows if row.status == status]
    names = dict(settings.LANGUAGES)
    back_url = request.get_full_path()
    for row in rows:
        row.action_label, row.action_url = row_action(row, language, request.user, back_url)
    return render(
        request,
        "translations/admin/translation_status.html",
        {
            "language": language,
            "language_name": names[language],
            "languages": [(code, names[code]) for code in languages],
            "status": status,
            "statuses": [(key, label, counts[key]) for key, label in status_labels().items()],
            "labels": status_labels(),
            "rows": rows,
            "header_title": _("Translation status"),
        },
    )
