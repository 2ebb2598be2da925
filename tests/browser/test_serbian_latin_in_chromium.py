"""A call created after seeding and translated into Serbian, as readers see it in Chromium: the
Cyrillic page has its four Cyrillic fields, the generated Latin page exists with four Latin
fields, and each links the other (at 390 and 1280 px; axe finds nothing)."""

import pytest
from wagtail.models import Locale

from tests.browser.conftest import VIEWPORTS, screenshot
from tests.browser.test_calls_in_chromium import WIDER_THAN_VIEWPORT, _violations
from tests.translations.serbian import four_field_call, translate_into_serbian

pytestmark = pytest.mark.browser

LABELS = {
    "sr": ["Назив организације", "Е-пошта за контакт", "Врста подносиоца", "Буџет"],
    "sr-latn": ["Naziv organizacije", "E-pošta za kontakt", "Vrsta podnosioca", "Budžet"],
}
CHOICES = {
    "sr": ["Регистровано удружење", "Неформална група", "Група младих"],
    "sr-latn": ["Registrovano udruženje", "Neformalna grupa", "Grupa mladih"],
}
OTHER_SCRIPT = {"sr": "sr-Latn", "sr-latn": "sr"}


def test_a_new_serbian_call_in_both_scripts(
    seeded_live_server, browser, axe, admin_client, admin_user, django_capture_on_commit_callbacks
):
    english = four_field_call()
    serbian, _response = translate_into_serbian(
        admin_client, admin_user, english, django_capture_on_commit_callbacks
    )
    latin = serbian.get_translation(Locale.objects.get(language_code="sr-latn"))
    pages = {"sr": serbian, "sr-latn": latin}
    for code, call in pages.items():
        other = pages["sr-latn" if code == "sr" else "sr"]
        for viewport in ("phone", "desktop"):
            context = browser.new_context(viewport=VIEWPORTS[viewport])
            context.set_default_timeout(5000)
            page = context.new_page()
            assert page.goto(seeded_live_server.url + call.url).status == 200
            form = page.locator("form.application-form, form[method=post]").first
            text = form.inner_text()
            for label in LABELS[code]:
                assert label in text, (code, viewport, label)
            for label in LABELS[other.locale.language_code]:
                assert label not in text, (code, viewport, label)
            options = page.locator("select[name=type_of_applicant] option").all_inner_texts()
            assert options[1:] == CHOICES[code], (code, viewport)
            assert page.locator("input[name=budget][type=file]").count() == 1
            switch = page.locator(f'a[hreflang="{OTHER_SCRIPT[code]}"]').first
            assert switch.get_attribute("href") == other.url, (code, viewport)
            screenshot(page, f"serbian-latin-new-call-{code}-{VIEWPORTS[viewport]['width']}")
            assert page.evaluate(WIDER_THAN_VIEWPORT) == [], (code, viewport)
            assert _violations(axe, page) == [], (code, viewport)
            context.set_offline(True)
            context.close()
