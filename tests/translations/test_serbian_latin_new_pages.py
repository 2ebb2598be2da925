"""Serbian Latin of pages created after seeding, through wagtail-localize end to end.

A communications officer creates an English page with inline children (a call's four form
fields, a campaign's material, a resource's files) and publishes it; it is submitted for
translation into Serbian, a translator translates it in wagtail-localize's editor and publishes.
The Serbian page keeps its own Cyrillic children, the sr-latn page is generated with Latin ones,
and a Serbian application stores each answer and file once.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator

from calls.models import Application, ApplicationFile, CallPage, FormField
from resources.models import (
    CampaignMaterial,
    CampaignPage,
    ResourceFile,
    ResourceIndexPage,
    ResourcePage,
)
from tests.calls.helpers import PDF, valid_post
from tests.helpers import parse_page
from tests.translations.serbian import four_field_call
from tests.translations.serbian import translate_into_serbian as translate_as_translator
from translations import latin_script
from translations.models import LatinScriptFailure

pytestmark = pytest.mark.django_db


@pytest.fixture
def translate_into_serbian(admin_client, admin_user, django_capture_on_commit_callbacks):
    def translate(english):
        return translate_as_translator(
            admin_client, admin_user, english, django_capture_on_commit_callbacks
        )

    return translate


def _versions(page):
    return {
        version.locale.language_code: version
        for version in type(page).objects.filter(translation_key=page.translation_key)
    }


def test_a_new_call_translated_into_serbian_has_four_fields_in_each_script(
    translate_into_serbian, client
):
    english = four_field_call()
    serbian, _response = translate_into_serbian(english)
    versions = _versions(english)
    assert set(versions) == {"en", "sr", "sr-latn"}
    latin = versions["sr-latn"]
    assert latin.live and latin.title == "Lokalni radio u tri grada"

    def labels(page):
        return [field.label for field in FormField.objects.filter(page=page).order_by("sort_order")]

    assert labels(versions["en"]) == [
        "Name of the organisation", "Contact e-mail", "Type of applicant", "Budget",
    ]  # fmt: skip
    assert labels(serbian) == [
        "Назив организације",
        "Е-пошта за контакт",
        "Врста подносиоца",
        "Буџет",
    ]
    assert labels(latin) == [
        "Naziv organizacije",
        "E-pošta za kontakt",
        "Vrsta podnosioca",
        "Budžet",
    ]
    assert {field.locale.language_code for field in FormField.objects.filter(page=serbian)} == {
        "sr"
    }
    assert not LatinScriptFailure.objects.exists()

    # Readers: the Cyrillic form is Cyrillic only, the Latin page exists and is linked.
    cyrillic_html = client.get(serbian.url).content.decode()
    assert "Naziv organizacije" not in cyrillic_html and "Регистровано удружење" in cyrillic_html
    assert cyrillic_html.count('name="type_of_applicant"') == 1
    page = parse_page(client.get(serbian.url))
    assert page.alternates["sr-Latn"].endswith(latin.url)
    switcher = {link["hreflang"]: link["href"] for link in page.switcher}
    assert switcher["sr-Latn"] == latin.url
    latin_html = client.get(latin.url).content.decode()
    assert "Registrovano udruženje" in latin_html and "Регистровано" not in latin_html
    assert latin.url in client.get(latin.get_parent().url).content.decode()  # the call list

    # An application in Serbian stores four answers and one file.
    data = valid_post(serbian) | {
        "name_of_the_organisation": "Удружење грађана Глас Ниша",
        "contact_e_mail": "glas@example.org",
        "type_of_applicant": "informal_group",
        "budget": SimpleUploadedFile("budzet.pdf", PDF, content_type="application/pdf"),
    }
    assert client.post(serbian.url, data).status_code == 302
    application = Application.objects.get(page=serbian)
    assert set(application.form_data) == {
        "name_of_the_organisation", "contact_e_mail", "type_of_applicant", "budget",
    }  # fmt: skip
    assert application.form_data["type_of_applicant"] == "informal_group"
    assert ApplicationFile.objects.filter(application=application).count() == 1


def test_republishing_the_serbian_call_changes_nothing_twice(translate_into_serbian):
    english = four_field_call()
    serbian, _response = translate_into_serbian(english)
    serbian.title = "Локални радио у три града и селима"
    serbian.save_revision().publish()
    serbian.save_revision().publish()
    versions = _versions(english)
    assert FormField.objects.filter(page=versions["sr"]).count() == 4
    assert FormField.objects.filter(page=versions["sr-latn"]).count() == 4
    assert versions["sr-latn"].title == "Lokalni radio u tri grada i selima"


def _document(title):
    return get_document_model().objects.create(
        title=title, file=SimpleUploadedFile(f"{title}.pdf", PDF)
    )


def _library():
    return ResourceIndexPage.objects.get(locale__language_code="en")


def test_a_new_campaign_keeps_its_material_in_each_script(translate_into_serbian, client):
    campaign = CampaignPage(
        title="Know your rights: a campaign for citizens",
        slug="know-your-rights",
        goal="Citizens learn where to turn when a public service fails them.",
        start_date=datetime.date(2026, 11, 1),
    )
    campaign.materials = [
        CampaignMaterial(kind="poster", document=_document("poster-en"), language="en"),
        CampaignMaterial(kind="poster", document=_document("poster-sr"), language="sr"),
    ]
    _library().add_child(instance=campaign)
    campaign.save_revision().publish()
    serbian, _response = translate_into_serbian(campaign)
    versions = _versions(campaign)
    assert set(versions) == {"en", "sr", "sr-latn"}
    for code in ("en", "sr", "sr-latn"):
        languages = CampaignMaterial.objects.filter(page=versions[code]).values_list(
            "language", flat=True
        )
        assert sorted(languages) == ["en", "sr"], code
    assert versions["sr-latn"].goal.startswith("Građani saznaju")
    assert client.get(versions["sr-latn"].url).status_code == 200


def test_a_new_resource_keeps_its_files_in_each_script(translate_into_serbian, client):
    resource = ResourcePage(
        title="Writing a project budget",
        slug="writing-a-project-budget",
        resource_type="guide",
        audience="csos",
    )
    resource.files = [ResourceFile(document=_document("budget-guide-en"), language="en")]
    _library().add_child(instance=resource)
    resource.save_revision().publish()
    translate_into_serbian(resource)
    versions = _versions(resource)
    assert set(versions) == {"en", "sr", "sr-latn"}
    assert [ResourceFile.objects.filter(page=versions[code]).count() for code in versions] == [
        1
    ] * 3
    assert versions["sr-latn"].title == "Kako napisati budžet projekta"
    assert client.get(versions["sr-latn"].url).status_code == 200


def test_a_failure_is_told_to_the_editor_and_listed_with_a_retry(
    seeded_transactional_db, translate_into_serbian, admin_client, monkeypatch, caplog
):
    # Committed for real: wagtail-localize publishes on commit, before its view answers.
    english = four_field_call()
    real = latin_script.generate_latin_version

    def broken(instance, user=None):
        raise RuntimeError("no parent page in Serbian Latin")

    monkeypatch.setattr(latin_script, "generate_latin_version", broken)
    serbian, response = translate_into_serbian(english)
    assert "sr-latn" not in _versions(english)
    told = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "Serbian Latin" in told and "no parent page in Serbian Latin" in told
    assert "Could not generate the Serbian Latin version" in caplog.text

    status = admin_client.get(reverse("translation_status") + "?language=sr-latn")
    html = status.content.decode()
    assert "no parent page in Serbian Latin" in html
    retry_url = reverse("retry_serbian_latin")
    assert f'action="{retry_url}"' in html

    monkeypatch.setattr(latin_script, "generate_latin_version", real)
    failure = LatinScriptFailure.objects.get()
    retried = admin_client.post(
        retry_url,
        {"content_type": failure.content_type_id, "translation_key": failure.translation_key},
    )
    assert retried.status_code == 302
    assert "sr-latn" in _versions(english)
    assert not LatinScriptFailure.objects.exists()
    assert FormField.objects.filter(page=_versions(english)["sr-latn"]).count() == 4


def test_the_command_repairs_a_serbian_call_damaged_by_the_old_generation(admin_user):
    """What the earlier version left: Latin copies of each form field on the Serbian page (also
    in its latest revision), and no sr-latn page. The command removes them and generates it."""
    english = four_field_call()
    sr = Locale.objects.get(language_code="sr")
    with latin_script.latin_generation_suspended():
        TranslationCreator(admin_user, [sr]).create_translations(english)
    serbian = CallPage.objects.get(translation_key=english.translation_key, locale=sr)
    latin_locale = Locale.objects.get(language_code="sr-latn")
    for field in list(serbian.form_fields.all()):
        FormField.objects.create(
            page=serbian, locale=latin_locale, translation_key=field.translation_key,
            label=field.label + " (latinica)", field_type=field.field_type, key=field.key,
            sort_order=field.sort_order,
        )  # fmt: skip
    serbian = CallPage.objects.get(pk=serbian.pk)
    with latin_script.latin_generation_suspended():
        serbian.save_revision().publish()  # the damage is in its revision too
    assert FormField.objects.filter(page=serbian).count() == 8

    call_command("generate_serbian_latin")
    call_command("generate_serbian_latin")  # idempotent

    versions = _versions(english)
    assert FormField.objects.filter(page=versions["sr"]).count() == 4
    assert {f.locale_id for f in FormField.objects.filter(page=versions["sr"])} == {sr.pk}
    latest = CallPage.objects.get(pk=serbian.pk).get_latest_revision_as_object()
    assert len(latest.form_fields.all()) == 4
    assert FormField.objects.filter(page=versions["sr-latn"]).count() == 4
