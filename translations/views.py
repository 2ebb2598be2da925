"""The translation status dashboard in the Wagtail admin."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from translations.latin_script import (
    GENERATED_LANGUAGE,
    SOURCE_LANGUAGE,
    failures_by_source,
    generate_and_record,
)
from translations.models import LatinScriptFailure
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


def row_action(row, language, user):
    """What the user can do about a row: (label, url), or (explanation, None) when they cannot."""
    if language == GENERATED_LANGUAGE:
        if row.latin_failure is not None:
            return _("Could not be generated: %(error)s") % {"error": row.latin_failure.error}, None
        return _("Generated from the Serbian version when it is published"), None
    if row.target is not None:
        if row.is_page:
            return _("Edit"), reverse("wagtailadmin_pages:edit", args=[row.target.pk])
        viewset = type(row.target).snippet_viewset
        return _("Edit"), reverse(viewset.get_url_name("edit"), args=[row.target.pk])
    if not user.has_perm("wagtail_localize.submit_translation"):
        return _("An editor of the communications team can submit it for translation"), None
    # No "next": with one language chosen, wagtail-localize then opens the new translation in
    # the translation editor instead of going back to this screen.
    query = urlencode({"select_locale": language})
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
    failures = failures_by_source() if language == GENERATED_LANGUAGE else {}
    for row in rows:
        row.latin_failure = failures.get((_content_type_id(row.source), row.source.translation_key))
        row.action_label, row.action_url = row_action(row, language, request.user)
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


def _content_type_id(source):
    if isinstance(source, Page):
        return source.content_type_id
    return ContentType.objects.get_for_model(source).pk


def _may_publish(user, source):
    if isinstance(source, Page):
        return source.permissions_for_user(user).can_publish()
    meta = source._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


@require_POST
def retry_serbian_latin(request):
    """Generate again a Serbian Latin version whose generation failed (a row of the status
    screen), then go back to the screen with what happened."""
    try:
        failure = LatinScriptFailure.objects.select_related("content_type").get(
            content_type_id=request.POST.get("content_type"),
            translation_key=request.POST.get("translation_key"),
        )
    except (LatinScriptFailure.DoesNotExist, ValueError, ValidationError) as missing:
        raise Http404("No such failure") from missing
    model = failure.content_type.model_class()
    source = model.objects.filter(
        translation_key=failure.translation_key, locale__language_code=SOURCE_LANGUAGE
    ).first()
    if source is None:  # the Serbian source is gone: nothing left to generate
        failure.delete()
        messages.info(request, _("The Serbian version no longer exists; nothing to generate."))
    elif not _may_publish(request.user, source):
        messages.error(
            request, _("Only someone who may publish the Serbian version can generate it again.")
        )
    elif generate_and_record(source, user=request.user) is None:
        messages.success(request, _("The Serbian Latin version was generated and published."))
    else:
        messages.error(request, _("The Serbian Latin version still could not be generated."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("translation_status") + f"?language={GENERATED_LANGUAGE}"
    return redirect(back)
