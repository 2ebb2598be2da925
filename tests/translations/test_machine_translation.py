"""DeepL adapter, tested against a real HTTP server on loopback speaking DeepL's format."""

import json

import pytest
from django.test import override_settings
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

from translations.machine_translation import ProgrammeDeepLTranslator

pytestmark = pytest.mark.django_db


def test_machine_translation_is_off_by_default():
    assert get_machine_translator() is None


def test_deepl_request_and_response(httpserver):
    httpserver.expect_request(
        "/v2/translate", method="POST", headers={"Authorization": "DeepL-Auth-Key secret:fx"}
    ).respond_with_data(
        json.dumps(
            {"translations": [{"detected_source_language": "EN", "text": "Thirrje e hapur"}]}
        ),
        content_type="application/json",
    )
    options = {"AUTH_KEY": "secret:fx", "API_URL": httpserver.url_for("/v2/translate")}
    with override_settings(
        WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
            "CLASS": "translations.machine_translation.ProgrammeDeepLTranslator",
            "OPTIONS": options,
        }
    ):
        translator = get_machine_translator()
    source = StringValue.from_plaintext("Open call")
    result = translator.translate(
        Locale.objects.get(language_code="en"), Locale.objects.get(language_code="sq"), [source]
    )
    assert result[source].data == "Thirrje e hapur"
    request, _response = httpserver.log[0]
    form = request.form
    assert form.getlist("text") == ["Open call"]
    assert form["source_lang"] == "EN" and form["target_lang"] == "SQ"


def test_serbian_latin_is_never_machine_translated():
    translator = ProgrammeDeepLTranslator({"AUTH_KEY": "k"})
    sr, sr_latn, en = (Locale.objects.get(language_code=c) for c in ("sr", "sr-latn", "en"))
    assert not translator.can_translate(en, sr_latn)
    assert translator.can_translate(en, sr)
