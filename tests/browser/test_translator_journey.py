"""The Macedonian translator in real Chromium: logs in, finds on the translation status dashboard
the news item whose English changed, translates the changed strings in wagtail-localize's
translation editor, publishes; the public Macedonian page is checked with axe-core. Editing an
Albanian page is refused. An Albanian and a Macedonian translator, on a phone and a desktop, see
only their own menus, are told in their language why another language's menu does not open, and
"Start translating" opens the translation editor."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from home.models import MainMenu, StandardPage, Topic
from news.models import NewsIndexPage, NewsPage
from tests.browser.conftest import ARTIFACTS, VIEWPORTS, screenshot
from tests.browser.test_home_in_chromium import WIDER_THAN_VIEWPORT, _violations
from translations.translators import GROUP_PREFIX

pytestmark = pytest.mark.browser

PASSWORD = "translate-me-1"
TITLE = "Volunteers map safe routes to school in Kumanovo"
SLUG = "kumanovo-safe-routes-to-school"
INTRO = "Volunteers walked every route with pupils."
PARAGRAPHS = [
    "The map shows the crossings without traffic lights.",
    "The municipality will repair the worst crossings first.",
]
# What the English editor changes later: the introduction and the second paragraph.
NEW_INTRO = "Forty volunteers walked every route with pupils and parents."
NEW_PARAGRAPH = "The municipality has promised to light the five worst crossings by spring."
MACEDONIAN = {
    TITLE: "Волонтери ги мапираат безбедните патишта до училиште во Куманово",
    SLUG: "kumanovo-bezbedni-patishta",
    INTRO: "Волонтерите ја прошетаа секоја патека со учениците.",
    PARAGRAPHS[0]: "Картата ги покажува премините без семафори.",
    PARAGRAPHS[1]: "Општината прво ќе ги поправи најопасните премини.",
    NEW_INTRO: "Четириесет волонтери ја прошетаа секоја патека со учениците и родителите.",
    NEW_PARAGRAPH: "Општината вети дека до пролет ќе ги осветли петте најопасни премини.",
}


def _translated_then_changed_news(editor, mk):
    """An English news item translated into Macedonian and published; then English changes and
    the editor syncs the translation ("Sync translated pages", without publishing)."""
    en = Locale.objects.get(language_code="en")
    english = NewsPage(
        title=TITLE,
        slug=SLUG,
        intro=INTRO,
        date=datetime.date(2026, 11, 24),
        body=json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in PARAGRAPHS]),
        listing_image=Image.objects.order_by("pk").first(),
        image_alt="Volunteers with a map at a crossing",
    )
    NewsIndexPage.objects.get(locale=en).add_child(instance=english)
    english.save_revision().publish()
    TranslationCreator(editor, [mk]).create_translations(english)
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=mk
    )
    alt = {english.image_alt: "Волонтери со карта на премин"}
    for segment in StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    ):
        data = segment.string.data
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=mk,
            context=segment.context,
            data=MACEDONIAN.get(data) or alt[data],
        )
    translation.save_target(user=editor, publish=True)

    english.intro = NEW_INTRO
    body = english.body.get_prep_value()  # keeps block ids: the first paragraph's translation holds
    body[1]["value"] = f"<p>{NEW_PARAGRAPH}</p>"
    english.body = json.dumps(body)
    english.save_revision(user=editor).publish()
    translation.source.update_from_db()
    return english, NewsPage.objects.get(translation_key=english.translation_key, locale=mk)


def _translator(django_user_model):
    user = django_user_model.objects.create_user("mk-journey", "mk-journey@wbcsp.example", PASSWORD)
    user.groups.add(Group.objects.get(name=f"{GROUP_PREFIX}Македонски"))
    return user


def _status_row(page, server, title):
    page.goto(server + reverse("translation_status"))
    assert page.locator("#ts-language").input_value() == "mk"  # their own language first
    return page.locator("table.listing tbody tr", has_text=title)


def test_macedonian_translator_translates_a_changed_news_item(
    seeded_live_server, django_user_model, open_page, axe
):
    server = seeded_live_server.url
    mk = Locale.objects.get(language_code="mk")
    editor = django_user_model.objects.create_superuser("editor", "editor@wbcsp.example", "pw")
    english, mk_page = _translated_then_changed_news(editor, mk)
    translator = _translator(django_user_model)

    # Log in.
    page, _response = open_page(f"{server}/admin/login/", "desktop")
    page.fill("#id_username", translator.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    assert page.url.rstrip("/").endswith("/admin")

    # The dashboard lists the news item as out of date in Macedonian, with a link to translate it.
    row = _status_row(page, server, TITLE)
    assert row.get_attribute("data-status") == "out_of_date"
    screenshot(page, "translator-status-mk")
    with page.expect_navigation():
        row.locator("a").click()
    assert page.url == f"{server}{reverse('wagtailadmin_pages:edit', args=[mk_page.pk])}"

    # wagtail-localize's editor: the unchanged strings keep their Macedonian translations, the
    # two changed strings wait for a translation.
    editor_root = page.locator(".js-translation-editor")
    editor_root.locator("li.incomplete").first.wait_for()
    assert editor_root.locator("li.incomplete").count() == 2
    for kept in (TITLE, PARAGRAPHS[0]):
        assert editor_root.locator("li.complete", has_text=MACEDONIAN[kept]).count() == 1
    for source in (NEW_INTRO, NEW_PARAGRAPH):
        segment = editor_root.locator("li.incomplete", has_text=source)
        segment.locator("button").click()  # "Translate"
        segment.locator("textarea").fill(MACEDONIAN[source])
        segment.locator("button").last.click()  # "Save" (after "Cancel")
        saved = editor_root.locator("li.complete", has_text=MACEDONIAN[source])
        saved.locator(".icon--green").wait_for()  # saved on the server, not "Saving..."
    assert editor_root.locator("li.incomplete").count() == 0
    screenshot(page, "translator-editor-mk")

    # Publish in Macedonian.
    with page.expect_navigation():
        page.locator('footer button[name="action"][value="publish"]').click()
    assert MACEDONIAN[TITLE] in page.locator(".messages").inner_text()
    mk_page.refresh_from_db()
    assert mk_page.live and not mk_page.has_unpublished_changes
    assert mk_page.intro == MACEDONIAN[NEW_INTRO]
    assert _status_row(page, server, TITLE).get_attribute("data-status") == "up_to_date"

    # Editing an Albanian page is refused: back to their status screen with a message, no editor.
    sq_page = NewsPage.objects.filter(locale__language_code="sq").order_by("pk").first()
    response = page.goto(server + reverse("wagtailadmin_pages:edit", args=[sq_page.pk]))
    assert response.status == 200 and "/translation-status/" in page.url, page.url
    assert page.locator(".js-translation-editor, #page-edit-form").count() == 0
    assert page.locator(".messages .error").count() == 1
    assert "Shqip" in page.locator(".messages").inner_text()
    screenshot(page, "translator-refused-sq")

    # The public Macedonian page, for a reader who is not logged in, on a phone and a desktop.
    for viewport in ("phone", "desktop"):
        public, response = open_page(f"{server}{mk_page.url}", viewport)
        assert response.status == 200
        assert public.locator("html").get_attribute("lang") == "mk"
        assert public.locator("h1").inner_text() == MACEDONIAN[TITLE]
        assert public.locator(".article-header .lead").inner_text() == MACEDONIAN[NEW_INTRO]
        body = public.locator(".page-body").inner_text()
        assert MACEDONIAN[PARAGRAPHS[0]] in body and MACEDONIAN[NEW_PARAGRAPH] in body
        assert NEW_INTRO not in public.content() and NEW_PARAGRAPH not in public.content()
        screenshot(public, f"translator-published-mk-{viewport}")
        assert public.evaluate(WIDER_THAN_VIEWPORT) == [], viewport
        assert _violations(axe, public) == [], viewport


# What each translator's admin says when another language's menu is refused, in their language.
REFUSED = {"sq": "Shqip", "mk": "Македонски"}
OTHER = {"sq": "mk", "mk": "sq"}


def _log_in(open_page, server, username, password):
    page, _response = open_page(f"{server}/admin/login/", "phone")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    return page


@pytest.mark.parametrize("language", ["sq", "mk"])
def test_a_translator_sees_their_menus_only_and_starts_a_translation_in_the_editor(
    seeded_live_server, django_user_model, open_page, language
):
    server = seeded_live_server.url
    name = REFUSED[language]  # the group is named in the language's own name
    user = django_user_model.objects.create_user(
        f"{language}-menus", f"{language}@x.example", PASSWORD
    )
    user.groups.add(Group.objects.get(name=f"{GROUP_PREFIX}{name}"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language  # the admin in the translator's language
    profile.save()
    home = StandardPage.objects.get(locale__language_code="en", slug="about").get_parent()
    english = StandardPage(title="Grants awarded in 2026", slug="grants-awarded-2026")
    home.add_child(instance=english)
    english.save_revision().publish()

    page = _log_in(open_page, server, user.username, PASSWORD)
    listing = reverse(MainMenu.snippet_viewset.get_url_name("list"))
    other = MainMenu.objects.filter(locale__language_code=OTHER[language]).first()
    for viewport in ("phone", "desktop"):
        page.set_viewport_size(VIEWPORTS[viewport])
        # The menus list shows their language only.
        page.goto(server + listing)
        assert page.url.endswith(f"?locale={language}")
        rows = page.locator("table.listing tbody tr")
        assert rows.count() == MainMenu.objects.filter(locale__language_code=language).count()
        screenshot(page, f"translator-menus-{language}-{viewport}")

        # Another language's menu: back to their list, told why in their language.
        edit = reverse(MainMenu.snippet_viewset.get_url_name("edit"), args=[other.pk])
        response = page.goto(server + edit)
        assert response.status == 200 and page.url.endswith(f"{listing}?locale={language}")
        message = page.locator(".messages .error").inner_text()
        assert REFUSED[language] in message and REFUSED[OTHER[language]] in message
        assert "Forbidden" not in page.content()
        screenshot(page, f"translator-refused-menu-{language}-{viewport}")

    # "Start translating" on the status screen opens the translation editor.
    page.goto(f"{server}{reverse('translation_status')}?status=missing")
    row = page.locator("table.listing tbody tr", has_text="Grants awarded in 2026")
    screenshot(page, f"translator-status-missing-{language}-desktop")
    with page.expect_navigation():
        row.locator("a").click()
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").last.click()
    translated = english.get_translation(Locale.objects.get(language_code=language))
    assert page.url == f"{server}{reverse('wagtailadmin_pages:edit', args=[translated.pk])}"
    page.locator(".js-translation-editor li").first.wait_for()
    screenshot(page, f"translator-started-{language}-desktop")
    page.set_viewport_size(VIEWPORTS["phone"])
    screenshot(page, f"translator-started-{language}-phone")


@pytest.mark.parametrize("language", ["sq", "mk"])
def test_topics_and_countries_are_ticked_as_checkboxes(
    seeded_live_server, django_user_model, open_page, language
):
    server = seeded_live_server.url
    django_user_model.objects.create_superuser("editor", "editor@x.example", PASSWORD)
    news = NewsPage.objects.filter(locale__language_code=language).order_by("pk").first()
    Translation.objects.filter(
        source__object_id=news.translation_key, target_locale=news.locale
    ).update(enabled=False)  # Wagtail's own editor, as after "Stop synced translation"
    page = _log_in(open_page, server, "editor", PASSWORD)
    page.goto(server + reverse("wagtailadmin_pages:edit", args=[news.pk]))
    for viewport in ("phone", "desktop"):
        page.set_viewport_size(VIEWPORTS[viewport])
        topics = page.locator('input[type=checkbox][name="topics"]')
        assert topics.count() == Topic.objects.filter(locale=news.locale).count() > 0
        assert page.locator('select[name="topics"], select[name="countries"]').count() == 0
        box = topics.first
        box.scroll_into_view_if_needed()
        box.check()  # one click, no Ctrl
        page.locator('input[type=checkbox][name="countries"]').nth(1).check()
        assert topics.first.is_checked()
        box.evaluate("element => element.closest('.w-panel').scrollIntoView()")
        page.screenshot(path=str(ARTIFACTS / f"editor-checkboxes-{language}-{viewport}.png"))


def test_a_refused_publish_says_the_draft_is_kept_and_why(
    seeded_live_server, django_user_model, open_page
):
    server = seeded_live_server.url
    django_user_model.objects.create_superuser("editor", "editor@x.example", PASSWORD)
    news = NewsPage.objects.filter(locale__language_code="en", listing_image__isnull=False).first()
    page = _log_in(open_page, server, "editor", PASSWORD)
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(server + reverse("wagtailadmin_pages:edit", args=[news.pk]))
    page.fill('[name="image_alt"]', "")
    with page.expect_navigation():
        page.locator("button[type=submit]:not([name])", has_text="Save draft").first.click()
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator('button[name="action-publish"]').click()
    message = page.locator(".messages .error").inner_text()
    assert "Not published: the live page is unchanged" in message
    assert "could not be saved" not in message and "alternative text" in message
    for viewport in ("desktop", "phone"):
        page.set_viewport_size(VIEWPORTS[viewport])
        page.screenshot(path=str(ARTIFACTS / f"editor-publish-refused-en-{viewport}.png"))
