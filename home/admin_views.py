"""The translation status dashboard in the Wagtail admin."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from home.translation_status import (
    MISSING,
    OUT_OF_DATE,
    STATUSES,
    UP_TO_DATE,
    rows_for,
    target_languages,
)
from home.translators import translator_languages


def status_labels():
    return {MISSING: _("Missing"), OUT_OF_DATE: _("Out of date"), UP_TO_DATE: _("Up to date")}


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
    return render(
        request,
        "home/admin/translation_status.html",
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
