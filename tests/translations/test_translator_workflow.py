"""A translator's day in the admin (issue 19, part 4): publishing a translation says only what is
really untranslated, the translation editor offers no technical keys, "Start translating" opens
the translation editor, another language's menu is refused with a message in the translator's
language, snippet lists show their language only, and a refused publish says what happened."""

import json
import re
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from calls.models import CallPage, FormField
from home.models import MainMenu, StandardPage, Topic
from tests.calls.helpers import new_english_call
from translations.status import MISSING, UP_TO_DATE, rows_for

pytestmark = pytest.mark.django_db

ALBANIAN = {
    "Grants awarded in 2026": "Grantet e dhëna në vitin 2026",
    "Who received a grant this year, and for what.": "Kush mori grant këtë vit dhe për çfarë.",
}


def _new_english_page():
    home = StandardPage.objects.get(locale__language_code="en", slug="about").get_parent()
    page = StandardPage(
        title="Grants awarded in 2026",
        slug="grants-awarded-2026",
        intro="Who received a grant this year, and for what.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _editor_segments(client, page):
    """The segments the translation editor offers for ``page``, as its React app receives them."""
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]
    return json.loads(editor.context["props"])["segments"]


def _translate(client, page, translations):
    """Type the translation of every string the editor offers that ``translations`` knows."""
    for segment in _editor_segments(client, page):
        if segment["type"] == "string" and segment["source"] in translations:
            saved = client.put(
                segment["editUrl"],
                urlencode({"value": translations[segment["source"]]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert saved.status_code == 201, segment


def _albanian_draft(user, english):
    sq = Locale.objects.get(language_code="sq")
    TranslationCreator(user, [sq]).create_translations(english)
    return english.get_translation(sq)


def _publish(client, page):
    """Publish in the translation editor (wagtail-localize publishes on commit: these tests run
    with committed writes, as the site does)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, {"action": "publish"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    return list(get_messages(response.wsgi_request))


def test_the_slug_set_by_the_address_rule_is_not_untranslated_text(
    seeded_transactional_db, sq_client, admin_user
):
    english = _new_english_page()
    draft = _albanian_draft(admin_user, english)
    _translate(sq_client, draft, ALBANIAN)  # every text, not the slug (on the Promote tab)
    published_messages = [str(m) for m in _publish(sq_client, draft)]

    page = StandardPage.objects.get(pk=draft.pk)
    assert page.live and page.slug == "grantet-e-dhena-ne-vitin-2026"  # the address rule's
    assert not [m for m in published_messages if "not translated" in m or "missing" in m]
    (row,) = [row for row in rows_for("sq") if row.target and row.target.pk == page.pk]
    assert row.status == UP_TO_DATE and row.untranslated == []
    # The slug's translation is the page's own address, so syncing keeps it.
    assert StringTranslation.objects.filter(locale__language_code="sq", data=page.slug).exists()


def test_an_untranslated_text_is_named_with_a_link_to_the_translation_editor(
    seeded_transactional_db, sq_client, admin_user
):
    english = _new_english_page()
    draft = _albanian_draft(admin_user, english)
    _translate(sq_client, draft, {"Grants awarded in 2026": ALBANIAN["Grants awarded in 2026"]})
    published = StandardPage.objects.get(pk=draft.pk)
    warnings = [str(m) for m in _publish(sq_client, draft) if m.level_tag == "warning"]
    (text,) = [text for text in warnings if "not translated" in text]
    assert "1 text is not translated into Shqip" in text
    assert "Who received a grant this year" in text and "slug" not in text
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[published.pk])}"' in text


TECHNICAL = ("key", "choice_keys", "field_type", "required", "accepted_types", "sort_order")


def test_the_translation_editor_offers_no_technical_keys_of_a_calls_form(sq_client, admin_user):
    english = new_english_call(
        [
            FormField(label="Type of applicant", field_type="dropdown", required=True,
                      choices="Registered association\nInformal group"),
            FormField(label="Budget", field_type="file", required=True, accepted_types="budget"),
        ]
    )  # fmt: skip
    draft = _albanian_draft(admin_user, english)
    segments = _editor_segments(sq_client, CallPage.objects.get(pk=draft.pk))
    fields = {segment["contentPath"].split(".")[-1] for segment in segments}
    assert "label" in fields  # the form's labels are offered...
    sources = {segment.get("source") for segment in segments}
    assert {"Type of applicant", "Informal group"} <= sources
    assert not fields & set(TECHNICAL)  # ...and none of its keys, nor "Uses English version"
    assert "type_of_applicant" not in json.dumps(segments)


def test_start_translating_leads_to_the_translation_editor(sq_client):
    english = _new_english_page()
    response = sq_client.get(reverse("translation_status"), {"status": MISSING})
    (row,) = [row for row in response.context["rows"] if row.source.pk == english.pk]
    assert "next=" not in row.action_url
    sq = Locale.objects.get(language_code="sq")
    started = sq_client.post(row.action_url, {"locales": [sq.pk]})
    translated = english.get_translation(sq)
    assert started["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    editor = sq_client.get(started["Location"])
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]


def test_snippet_lists_show_a_translator_their_language_only(sq_client):
    listing = reverse(MainMenu.snippet_viewset.get_url_name("list"))
    response = sq_client.get(listing, follow=True)
    assert response.redirect_chain[0][0] == f"{listing}?locale=sq"
    shown = list(response.context["object_list"])
    assert shown and {menu.locale.language_code for menu in shown} == {"sq"}
    assert sq_client.get(listing, {"locale": "mk"})["Location"] == f"{listing}?locale=sq"
    topics = reverse(Topic.snippet_viewset.get_url_name("list"))
    response = sq_client.get(topics, {"locale": "sq"})
    assert response.status_code == 200
    assert {t.locale.language_code for t in response.context["object_list"]} == {"sq"}


def test_admins_see_every_language_in_snippet_lists(admin_client):
    listing = reverse(MainMenu.snippet_viewset.get_url_name("list"))
    response = admin_client.get(listing)
    assert response.status_code == 200
    assert len({menu.locale.language_code for menu in response.context["object_list"]}) == 8


def test_another_languages_menu_is_refused_with_a_message_in_the_translators_language(
    sq_client,
):
    translator = sq_client.get(reverse("wagtailadmin_home")).wsgi_request.user
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "sq"
    profile.save()
    mk_menu = MainMenu.objects.get(locale__language_code="mk")
    edit = reverse(MainMenu.snippet_viewset.get_url_name("edit"), args=[mk_menu.pk])
    response = sq_client.get(edit, follow=True)
    listing = reverse(MainMenu.snippet_viewset.get_url_name("list"))
    assert response.redirect_chain[0] == (f"{listing}?locale=sq", 302)
    html = response.content.decode()
    assert "Forbidden" not in html
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors and "Македонски" in errors[0] and "Shqip" in errors[0]
    assert "you translate into" not in errors[0]  # said in Albanian, their admin language
    assert re.search(r"Shqip", html)


def test_the_translation_editors_own_requests_still_get_a_plain_403(sq_client):
    mk_menu = MainMenu.objects.get(locale__language_code="mk")
    translation = Translation.objects.get(
        source__object_id=mk_menu.translation_key, target_locale=mk_menu.locale
    )
    segment = translation.source.stringsegment_set.first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = sq_client.put(
        url, urlencode({"value": "Gabim"}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 403
