"""A new English page translated into Serbian as a translator does it, for the Serbian Latin
tests (also in Chromium)."""

from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator

from calls.models import FormField
from tests.calls.helpers import new_english_call
from tests.helpers import translate_in_the_editor

SERBIAN = {
    "Community radio in three towns": "Локални радио у три града",
    "community-radio-three-towns": "lokalni-radio-u-tri-grada",
    "Name of the organisation": "Назив организације",
    "Contact e-mail": "Е-пошта за контакт",
    "Type of applicant": "Врста подносиоца",
    "Registered association": "Регистровано удружење",
    "Informal group": "Неформална група",
    "Youth group": "Група младих",
    "Budget": "Буџет",
    "Know your rights: a campaign for citizens": "Знај своја права: кампања за грађане",
    "know-your-rights": "znaj-svoja-prava",
    "Citizens learn where to turn when a public service fails them.": (
        "Грађани сазнају коме да се обрате када их јавна служба изневери."
    ),
    "Writing a project budget": "Како написати буџет пројекта",
    "writing-a-project-budget": "kako-napisati-budzet-projekta",
}


def four_field_call():
    """A new published English call whose form has a text, an e-mail, a dropdown of three
    choices and a file field."""
    return new_english_call(
        [
            FormField(label="Name of the organisation", field_type="singleline", required=True),
            FormField(label="Contact e-mail", field_type="email", required=True),
            FormField(label="Type of applicant", field_type="dropdown", required=True,
                      choices="Registered association\nInformal group\nYouth group"),
            FormField(label="Budget", field_type="file", required=True, accepted_types="budget"),
        ]
    )  # fmt: skip


def translate_into_serbian(admin_client, admin_user, english, capture_on_commit):
    """Submit ``english`` for translation into Serbian, translate every string in the
    translation editor and publish it there; returns the Serbian page and the publish response.
    ``capture_on_commit`` is pytest-django's fixture (wagtail-localize publishes on commit)."""
    sr = Locale.objects.get(language_code="sr")
    with capture_on_commit(execute=True):
        TranslationCreator(admin_user, [sr]).create_translations(english)
    serbian = type(english).objects.get(translation_key=english.translation_key, locale=sr)
    translate_in_the_editor(admin_client, serbian, SERBIAN)
    with capture_on_commit(execute=True):
        published = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[serbian.pk]), {"action": "publish"}
        )
    assert published.status_code == 302
    return type(english).objects.get(pk=serbian.pk), published
