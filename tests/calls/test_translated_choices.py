"""A call's form translated in wagtail-localize keeps every choice, and the English keys.

The English editor writes choices one per line and no keys; the call is submitted for translation
into Albanian, and the strings are translated through the translation editor's own string API
(as tests/translations/test_sync.py does), one segment per choice. The published Albanian page
offers every option, in Albanian, and stores the English keys.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from calls.models import Application, CallPage, FormField
from tests.calls.helpers import PDF, new_english_call, valid_post
from tests.helpers import translate_in_the_editor

pytestmark = pytest.mark.django_db

ALBANIAN = {
    "Community radio in three towns": "Radio komunitare në tri qytete",
    "community-radio-three-towns": "radio-komunitare-tri-qytete",
    "Type of applicant": "Lloji i aplikuesit",
    "Registered association": "Shoqatë e regjistruar",
    "Informal group": "Grup joformal",
    "Youth group": "Grup rinor",
    "Languages of the broadcasts": "Gjuhët e transmetimeve",
    "Albanian": "Shqip",
    "Serbian": "Serbisht",
    "Roma": "Romisht",
    "Budget": "Buxheti",
}


@pytest.fixture
def english_call():
    """A new English call whose editor wrote choices one per line and left every key to us."""
    fields = [
        FormField(label="Type of applicant", field_type="dropdown", required=True,
                  choices="Registered association\nInformal group\nYouth group"),
        FormField(label="Languages of the broadcasts", field_type="checkboxes", required=False,
                  choices="Albanian\nSerbian\nRoma"),
        FormField(label="Budget", field_type="file", required=True, accepted_types="budget"),
    ]  # fmt: skip
    return new_english_call(fields)


def test_choices_are_translated_one_per_segment_and_keep_english_keys(
    admin_client, client, admin_user, english_call, django_capture_on_commit_callbacks
):
    fields = {field.label: field for field in english_call.form_fields.all()}
    assert fields["Type of applicant"].key == "type_of_applicant"  # derived from the label
    assert fields["Type of applicant"].choice_pairs()[0] == (
        "registered_association",
        "Registered association",
    )
    sq = Locale.objects.get(language_code="sq")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(admin_user, [sq]).create_translations(english_call)
    sq_page = CallPage.objects.get(translation_key=english_call.translation_key, locale=sq)

    # The translator types a line break inside one choice; it stays one choice.
    typed = {"Informal group": "Grup\njoformal"}
    segments = translate_in_the_editor(admin_client, sq_page, ALBANIAN, typed)
    sources = [segment["source"] for segment in segments]
    assert "Registered association" in sources and "Youth group" in sources
    assert not any("<br" in source for source in sources)  # one segment per choice
    translation = Translation.objects.get(
        source__object_id=english_call.translation_key, target_locale=sq
    )
    total, done = translation.get_progress()
    assert total == done
    with django_capture_on_commit_callbacks(execute=True):
        published = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[sq_page.pk]), {"action": "publish"}
        )
    assert published.status_code == 302

    sq_page = CallPage.objects.get(pk=sq_page.pk)
    html = client.get(sq_page.url).content.decode()
    select = re.search(r'<select name="type_of_applicant".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    assert options == [
        ("", "—"),
        ("registered_association", "Shoqatë e regjistruar"),
        ("informal_group", "Grup joformal"),
        ("youth_group", "Grup rinor"),
    ]
    assert html.count('name="languages_of_the_broadcasts"') == 3
    assert "Romisht" in html

    data = valid_post(sq_page)
    data |= {
        "type_of_applicant": "informal_group",
        "languages_of_the_broadcasts": ["albanian", "roma"],
        "budget": SimpleUploadedFile("buxheti.pdf", PDF),
    }
    assert client.post(sq_page.url, data).status_code == 302
    answers = Application.objects.get(language="sq").form_data
    assert answers["type_of_applicant"] == "informal_group"
    assert answers["languages_of_the_broadcasts"] == ["albanian", "roma"]
    assert [f.key for f in sq_page.form_fields.all()] == [
        "type_of_applicant",
        "languages_of_the_broadcasts",
        "budget",
    ]
