"""Machine translation for translators: DeepL when DEEPL_API_KEY is set, nothing otherwise.

wagtail-localize's DeepL adapter, with the API address configurable (DEEPL_API_URL: a proxy, or a
test server) and Serbian Latin excluded: it is generated from Serbian, never translated.
"""

from wagtail_localize.machine_translators.deepl import DeepLTranslator

from translations.latin_script import GENERATED_LANGUAGE


class ProgrammeDeepLTranslator(DeepLTranslator):
    display_name = "DeepL"

    def get_api_endpoint(self):
        return self.options.get("API_URL") or super().get_api_endpoint()

    def can_translate(self, source_locale, target_locale):
        if target_locale.language_code == GENERATED_LANGUAGE:
            return False
        return super().can_translate(source_locale, target_locale)
