"""Telling the editor who published Serbian content that its Latin version could not be made."""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from translations.latin_script import GENERATED_LANGUAGE, failure_of


def warn_about_latin_failure(request, instance):
    """An error message after a publish whose Serbian Latin generation failed (the Serbian
    version itself is published), with a link to the status screen's retry."""
    failure = failure_of(instance)
    if failure is None:
        return
    status_url = reverse("translation_status") + f"?language={GENERATED_LANGUAGE}"
    messages.error(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Published in Serbian (Cyrillic), but the Serbian Latin version could not be "
                "generated: %(error)s. Readers of Serbian Latin still see the previous version, "
                "or none."
            )
            % {"error": failure.error},
            status_url,
            _("Try again on the translation status screen"),
        ),
    )
