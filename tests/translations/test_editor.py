"""What translators are offered and told: no keys to edit, a warning when publishing untranslated
strings, and a status screen with untranslated strings and an action on every row."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from calls.models import CallPage
from home.models import Country, StandardPage, Topic
from translations.status import MISSING, OUT_OF_DATE

pytestmark = pytest.mark.django_db

KEYS = {CallPage: {"code", "currency", "topics", "countries", "application_mode"},
        Topic: {"slug", "parent", "sort_order"}, Country: {"slug", "iso_code", "sort_order"}}  # fmt: skip


@pytest.mark.parametrize("model", list(KEYS))
def test_keys_are_not_offered_to_translators(model):
    english = model.objects.filter(locale__language_code="en").first()
    source, _created = TranslationSource.update_or_create_from_instance(english)
    offered = {
        segment.context.path.split(".")[0] for segment in source.overridablesegment_set.all()
    }
    strings = {segment.context.path.split(".")[0] for segment in source.stringsegment_set.all()}
    assert not (offered | strings) & KEYS[model]


def _sq_about_with_an_untranslated_string():
    english = StandardPage.objects.get(locale__language_code="en", slug="about")
    sq = Locale.objects.get(language_code="sq")
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=sq
    )
    segment = translation.source.stringsegment_set.order_by("order").first()
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=sq
    ).delete()
    return english.get_translation(sq), segment.string.data


def test_publishing_with_untranslated_strings_names_them(sq_client):
    page, untranslated = _sq_about_with_an_untranslated_string()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = sq_client.post(url, {"action": "publish"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any(
        "not translated into Shqip" in text and untranslated[:40] in text for text in warnings
    )


def test_status_screen_lists_untranslated_strings_in_the_translators_language(sq_client):
    page, untranslated = _sq_about_with_an_untranslated_string()
    response = sq_client.get(reverse("translation_status"), {"status": OUT_OF_DATE})
    (row,) = [row for row in response.context["rows"] if row.target and row.target.pk == page.pk]
    assert row.untranslated == [untranslated]
    assert row.display_title == page.title  # the Albanian title, English below it
    html = response.content.decode()
    assert "1 string not translated" in html and untranslated[:40] in html
    assert "Standard page" in html  # the real content type, not "page"


def test_missing_rows_offer_a_translator_the_next_step(sq_client):
    english = StandardPage.objects.get(locale__language_code="en", slug="about")
    home = english.get_parent()
    new = StandardPage(title="Grants awarded in 2026", slug="grants-awarded-2026")
    home.add_child(instance=new)
    new.save_revision().publish()
    response = sq_client.get(reverse("translation_status"), {"status": MISSING})
    (row,) = [row for row in response.context["rows"] if row.source.pk == new.pk]
    assert row.action_label == "Start translating"
    assert row.action_url.startswith(
        reverse("wagtail_localize:submit_page_translation", args=[new.pk]) + "?select_locale=sq"
    )
    form = sq_client.get(row.action_url)
    assert form.status_code == 200
    assert {locale.language_code for locale in form.context["form"].fields["locales"].queryset} == {
        "sq"
    }


def test_generated_language_rows_say_why_there_is_nothing_to_do(admin_client):
    response = admin_client.get(reverse("translation_status"), {"language": "sr-latn"})
    assert all(row.action_url is None for row in response.context["rows"])
    assert "Generated from the Serbian version" in response.content.decode()


def test_type_column_is_translated_in_the_admins_language(admin_client, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "sq"  # the admin's language is each user's own
    profile.save()
    html = admin_client.get(reverse("translation_status"), {"language": "mk"}).content.decode()
    assert "Faqe standarde" in html and "Lajm" in html
    assert "Standard page" not in html
