"""Seeded translations are recorded in wagtail-localize, so "Sync translated pages" keeps them.

Without those records a sync rebuilds every translation from the English source with nothing
translated: the Macedonian page would come back in English.
"""

import json
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationSource,
)

from calls.models import CallPage
from home.models import Footer, HomePage, MainMenu, StandardPage, Topic
from home.seeding import load_content, seed_site
from news.models import NewsPage, StoryPage
from news.seeding import CONTENT_DIR as NEWS_CONTENT
from tests.news.helpers import seeded_item
from translations.adoption import (
    SHAPE,
    adopt_all,
    adopt_translation,
    pending_sync_changes,
)

pytestmark = pytest.mark.django_db

ADDED = "From 2027 the programme also funds climate resilience."


@pytest.fixture
def mk():
    return Locale.objects.get(language_code="mk")


@pytest.fixture
def about_en():
    return StandardPage.objects.get(locale__language_code="en", slug="about")


@pytest.fixture
def news_en():
    return seeded_item("n01")


@pytest.fixture
def sync(admin_client, django_capture_on_commit_callbacks):
    """Press "Sync translated pages" (wagtail-localize's update view), publishing immediately."""

    def press(instance):
        source = TranslationSource.objects.get_for_instance(instance)
        url = reverse("wagtail_localize:update_translations", args=[source.pk])
        with django_capture_on_commit_callbacks(execute=True):  # pages publish on commit
            response = admin_client.post(url, {"publish_translations": "on"})
        assert response.status_code == 302

    return press


def live_text(client, page):
    page.refresh_from_db()
    response = client.get(page.url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def translation_of(instance, locale):
    return Translation.objects.get(
        source__object_id=instance.translation_key,
        source__locale=instance.locale,
        target_locale=locale,
    )


def forget_adoption(source, locale):
    """As in a database seeded before adoption existed: no records for this translation."""
    Translation.objects.filter(
        source__object_id=source.translation_key, target_locale=locale
    ).delete()
    StringTranslation.objects.filter(
        context__object_id=source.translation_key, locale=locale
    ).delete()


def body_texts(page_content):
    """Heading texts and FAQ questions of a seeded standard page's body."""
    texts = []
    for block in page_content["body"]:
        if block["type"] == "heading":
            texts.append(block["value"]["text"])
        if block["type"] == "accordion":
            texts.extend(item["question"] for item in block["value"]["items"])
    return texts


@pytest.mark.parametrize("model", [StandardPage, NewsPage, StoryPage, HomePage, CallPage])
def test_seeded_pages_are_fully_translated_in_wagtail_localize(mk, model):
    source = model.objects.filter(locale__language_code="en").order_by("path").first()
    translation = translation_of(source, mk)
    assert translation.enabled  # synced: the translation editor and "Sync" work on it
    total, translated = translation.get_progress()
    assert total > 0 and translated == total
    assert translation.get_target_instance().pk == source.get_translation(mk).pk


def test_seeded_snippets_are_fully_translated_in_wagtail_localize(mk):
    for model in (Topic, MainMenu, Footer):
        source = model.objects.filter(locale__language_code="en").first()
        total, translated = translation_of(source, mk).get_progress()
        assert translated == total, model


def test_serbian_latin_is_left_to_its_generator(about_en):
    assert not Translation.objects.filter(
        source__object_id=about_en.translation_key,
        source__locale=about_en.locale,
        target_locale__language_code="sr-latn",
    ).exists()


def test_sync_keeps_the_macedonian_page_and_brings_the_english_change(client, sync, mk, about_en):
    mk_page = about_en.get_translation(mk)
    body = list(about_en.body.raw_data)
    paragraph = next(i for i, block in enumerate(body) if block["type"] == "paragraph")
    body[paragraph]["value"] = f"<p>{ADDED}</p>"
    about_en.body = json.dumps(body)
    about_en.save_revision().publish()

    sync(about_en)

    html = live_text(client, mk_page)
    macedonian = load_content("mk")["pages"]["about"]
    assert macedonian["title"] in html
    for text in body_texts(macedonian):  # headings and FAQ questions stay Macedonian
        assert text in html
    english = load_content("en")["pages"]["about"]
    for text in body_texts(english):
        assert text not in html
    assert ADDED in html  # the changed paragraph, untranslated for now, as wagtail-localize does


def test_sync_keeps_the_macedonian_news_item(client, sync, mk, news_en):
    mk_page = news_en.get_translation(mk)
    tags = sorted(mk_page.specific.tags.names())
    news_en.intro = ADDED
    news_en.save_revision().publish()

    sync(news_en)

    html = live_text(client, mk_page)
    macedonian = load_content("mk", NEWS_CONTENT)["items"]["n01"]
    assert macedonian["title"] in html
    for paragraph in macedonian["body"]:
        assert paragraph in html
    assert load_content("en", NEWS_CONTENT)["items"]["n01"]["body"][0] not in html
    assert ADDED in html
    # Its address and its tags stay Macedonian: slugs are ASCII (translations.transliteration) and
    # tags are kept per language (news.models.ArticleFields.override_translatable_fields).
    refreshed = NewsPage.objects.get(pk=mk_page.pk)
    assert refreshed.slug == mk_page.slug and refreshed.url == mk_page.url
    assert sorted(refreshed.tags.names()) == tags
    assert tags and not set(tags) & set(news_en.tags.names())


def test_sync_brings_an_english_change_into_a_news_translation(client, sync):
    # wagtail-localize saves a translated slug through an ASCII slugify(), so only a translation
    # whose slug it keeps can show the update at its address (Cyrillic slugs are not kept).
    target = next(
        page
        for page in NewsPage.objects.exclude(locale__language_code__in=["en", "sr-latn"])
        .select_related("locale")
        .order_by("path")
        if slugify(page.slug) == page.slug
    )
    source = NewsPage.objects.get(
        translation_key=target.translation_key, locale__language_code="en"
    )
    source.intro = ADDED
    source.save_revision().publish()
    english_items = load_content("en", NEWS_CONTENT)["items"]
    key = next(key for key, text in english_items.items() if text["title"] == source.title)
    kept = load_content(target.locale.language_code, NEWS_CONTENT)["items"][key]

    sync(source)

    html = live_text(client, target)
    assert ADDED in html
    assert kept["title"] in html and kept["body"][0] in html


def test_topic_keeps_its_macedonian_name_after_sync(client, sync, mk, news_en):
    topic_en = news_en.topics.filter(parent__isnull=False).first()
    topic_mk = topic_en.get_translation(mk)
    name, theme = topic_mk.name, topic_mk.parent
    topic_en.sort_order = 99  # a change that is not the name
    topic_en.save()

    sync(topic_en)

    topic_mk.refresh_from_db()
    assert topic_mk.sort_order == 99  # the change arrived…
    assert topic_mk.name == name  # …the Macedonian name stayed…
    assert topic_mk.parent == theme  # …and so did its Macedonian theme
    html = live_text(client, news_en.get_translation(mk))
    assert name in html and topic_en.name not in html


def test_sync_would_change_no_text(mk, about_en):
    for source in (about_en, Footer.objects.get(locale__language_code="en")):
        assert pending_sync_changes(translation_of(source, mk)) == []


def test_adopting_again_changes_nothing():
    counts = (Translation.objects.count(), StringTranslation.objects.count())
    report = adopt_all()
    assert report.total("adopted") == report.total("strings") == 0
    assert report.total("already_tracked") > 0
    assert (Translation.objects.count(), StringTranslation.objects.count()) == counts
    assert seed_site().created == []


def test_sources_are_recorded_as_wagtail_localize_records_them(mk, about_en):
    """The bulk-recorded sources are exactly what TranslationSource.refresh_segments() makes."""
    samples = [
        about_en,  # headings, rich text, quote, accordion list
        CallPage.objects.filter(locale__language_code="en", form_fields__isnull=False).first(),
        StoryPage.objects.filter(locale__language_code="en").first(),  # figures, gallery
        HomePage.objects.get(locale__language_code="en"),  # chosen pages
        Footer.objects.get(locale__language_code="en"),
        Topic.objects.filter(locale__language_code="en", parent__isnull=False).first(),
    ]
    kinds = (StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment)
    for instance in samples:
        source = TranslationSource.objects.get_for_instance(instance)
        before = {kind: set(kind.objects.filter(source=source).values_list("pk")) for kind in kinds}
        contexts = {
            segment.context.path: segment.context.field_path
            for segment in StringSegment.objects.filter(source=source).select_related("context")
        }
        assert before[StringSegment], instance
        source.refresh_segments()  # get_or_create for each segment: finds every one
        after = {kind: set(kind.objects.filter(source=source).values_list("pk")) for kind in kinds}
        assert after == before, instance
        assert all(contexts.values()), instance  # every context has its field path


def test_lists_in_the_old_format_are_upgraded_then_adopted(client, sync, mk, about_en):
    """A database seeded before list items had ids: the FAQ still survives a sync."""
    mk_page = about_en.get_translation(mk)
    forget_adoption(about_en, mk)
    TranslationSource.objects.filter(object_id=about_en.translation_key).delete()
    for page in (about_en, mk_page):
        field = StandardPage._meta.get_field("body")
        old = [_without_list_ids(block) for block in page.body.raw_data]
        StandardPage.objects.filter(pk=page.pk).update(body=field.to_python(old))
        page.latest_revision.content["body"] = json.dumps(old)
        page.latest_revision.save(update_fields=["content"])
        page.refresh_from_db()

    report = adopt_translation(about_en, mk_page)

    assert report.upgraded["en"] == report.upgraded["mk"] == 1
    assert report.adopted["mk"] == 1 and report.unmatched["mk"] == 0
    about_en.refresh_from_db()
    # the editor starts from the latest revision: it has the same list item ids as the page
    assert faq_ids(about_en.latest_revision.as_object()) == faq_ids(about_en)
    assert all(faq_ids(about_en))
    sync(about_en)
    html = live_text(client, mk_page)
    for question in body_texts(load_content("mk")["pages"]["about"]):
        assert question in html


def faq_ids(page):
    accordion = next(block for block in page.body.raw_data if block["type"] == "accordion")
    return [item.get("id") for item in accordion["value"]["items"]]


def _without_list_ids(block):
    if block["type"] == "accordion":
        block = json.loads(json.dumps(block))
        block["value"]["items"] = [item["value"] for item in block["value"]["items"]]
    return block


def test_a_translation_of_another_shape_is_reported_not_guessed(client, sync, mk, about_en):
    mk_page = about_en.get_translation(mk)
    forget_adoption(about_en, mk)
    body = list(mk_page.body.raw_data)
    paragraph = next(i for i, block in enumerate(body) if block["type"] == "paragraph")
    first, _rest = body[paragraph]["value"].split("</p>", 1)
    body[paragraph]["value"] = first + "</p>"  # one paragraph where English has two
    mk_page.body = json.dumps(body)
    mk_page.save_revision().publish()

    report = adopt_translation(about_en, mk_page)

    assert report.adopted["mk"] == 1
    assert report.unmatched["mk"] == 2
    assert [detail[3] for detail in report.details] == [SHAPE]
    sync(about_en)
    html = live_text(client, mk_page)
    english = list(about_en.body.raw_data)[paragraph]["value"]
    assert unescape(english.split("</p>")[0].removeprefix("<p>")) in html  # English, not a guess
    assert "Две теми" in html  # the rest stays Macedonian


def test_command_adopts_what_is_untracked(mk, about_en):
    forget_adoption(about_en, mk)
    call_command("adopt_translations", "--language", "mk", "--dry-run", stdout=(out := _Out()))
    assert "mk: 1 items adopted" in out.text and "Dry run" in out.text
    assert not Translation.objects.filter(
        source__object_id=about_en.translation_key, target_locale=mk
    ).exists()
    call_command("adopt_translations", "--language", "mk", stdout=(out := _Out()))
    assert "mk: 1 items adopted" in out.text
    assert translation_of(about_en, mk).enabled


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_call_documents_keep_their_language_after_sync(client, admin_client, sync, mk):
    call_en = next(
        call
        for call in CallPage.objects.filter(locale__language_code="en")
        if any(block.value["language"] for block in call.documents)
    )
    call_mk = call_en.get_translation(mk)
    languages = [block.value["language"] for block in call_mk.documents]
    assert "mk" in languages and "en" not in languages
    call_en.intro = ADDED
    call_en.save_revision().publish()

    sync(call_en)

    refreshed = CallPage.objects.get(pk=call_mk.pk)
    assert ADDED in live_text(client, refreshed)  # the sync did reach the page…
    assert [block.value["language"] for block in refreshed.documents] == languages  # …not this
    assert [block.value["document"].pk for block in refreshed.documents] == [
        block.value["document"].pk for block in call_mk.documents
    ]
    # The translation editor offers the language as a value the translator may override.
    editor = admin_client.get(f"/admin/pages/{refreshed.pk}/edit/")
    assert editor.status_code == 200 and "Language of the document" in editor.content.decode()
