"""The main menu in real Chromium, in Serbian (Cyrillic) and Albanian (Latin): an editor changes a
link, sees it in the preview panel (the site's header in the menu's language), saves a draft that
readers do not see, publishes, and readers on a phone and a desktop get the new link; the history
lists both publishes. The Serbian translator publishes the Serbian menu in wagtail-localize's
editor. Public pages are checked with axe-core."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail_localize.models import Translation

from home.models import MainMenu
from tests.browser.conftest import screenshot
from tests.browser.test_home_in_chromium import _violations
from translations.translators import GROUP_PREFIX

pytestmark = pytest.mark.browser

# The menu's own links (a long label must wrap, not push the page wider); the header around them
# is another test's.
MENU_WIDER_THAN_VIEWPORT = """
[...document.querySelectorAll("nav.main-menu, nav.main-menu *")]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((el) => el.tagName + "." + el.className)
"""
NEW_LABEL = {"sr": "Отворени позиви овог месеца", "sq": "Thirrjet e hapura këtë muaj"}


def _log_in(open_page, server, viewport):
    page, _response = open_page(f"{server}/admin/login/", viewport)
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    return page


def _reader_menu(open_page, server, code, viewport):
    public, response = open_page(f"{server}/{code}/", viewport)
    assert response.status == 200
    # Its text whether shown or folded behind the phone header's menu button.
    return public, public.locator("nav.main-menu").text_content()


@pytest.mark.parametrize("code", ["sr", "sq"])
def test_an_editor_previews_and_publishes_the_main_menu(
    seeded_live_server, django_user_model, open_page, axe, code
):
    server = seeded_live_server.url
    django_user_model.objects.create_superuser("editor", "editor@wbcsp.example", "pw")
    menu = MainMenu.objects.get(locale__language_code=code)
    # Edited by hand in this language (wagtail-localize's "Stop synced translation"), so the
    # editor gets Wagtail's own form with its preview.
    Translation.objects.filter(
        source__specific_content_type=ContentType.objects.get_for_model(MainMenu),
        source__object_id=menu.translation_key,
        target_locale=menu.locale,
    ).update(enabled=False)
    new_label = NEW_LABEL[code]
    edit_url = server + reverse("wagtailsnippets_home_mainmenu:edit", args=[menu.pk])

    # The edit screen offers Save draft, Publish (in the menu of more actions), Preview, History.
    phone = _log_in(open_page, server, "phone")
    phone.goto(edit_url)
    screenshot(phone, f"navigation-edit-{code}-phone")
    page = _log_in(open_page, server, "desktop")
    page.goto(edit_url)
    assert page.get_by_role("button", name="Save draft").is_visible()
    assert page.locator('[data-side-panel-toggle="preview"]').count() == 1
    history_url = reverse("wagtailsnippets_home_mainmenu:history", args=[menu.pk])
    assert page.locator(f'a[href="{history_url}"]').count() >= 1
    page.locator('input[name="links-0-value-label"]').fill(new_label)

    # The preview: the site's header in the menu's language, with the draft link.
    page.locator('[data-side-panel-toggle="preview"]').click()
    page.get_by_label("Preview in desktop size").click()  # the menu is in the bar, not folded
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("nav.main-menu a", has_text=new_label).wait_for()
    assert preview.locator("html").get_attribute("lang").startswith(code)
    screenshot(page, f"navigation-preview-{code}-desktop")

    # A saved draft: readers keep the published menu.
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    for viewport in ("phone", "desktop"):
        _public, menu_text = _reader_menu(open_page, server, code, viewport)
        assert new_label not in menu_text, viewport

    # The status panel: live with a newer draft, and the schedule offered.
    page.locator('[data-side-panel-toggle="status"]').click()
    status = page.locator('[data-side-panel="status"]')
    assert status.get_by_text("Set schedule").count() == 1
    screenshot(page, f"navigation-status-{code}-desktop")

    # Publish (the second action of the footer's menu): readers get the new link at once.
    page.locator("footer .w-dropdown__toggle").click()
    page.locator('footer button[name="action-publish"]').wait_for()
    screenshot(page, f"navigation-actions-{code}-desktop")
    with page.expect_navigation():
        page.locator('footer button[name="action-publish"]').click()
    screenshot(page, f"navigation-published-{code}-desktop")
    menu.refresh_from_db()
    assert menu.live and not menu.has_unpublished_changes
    for viewport in ("phone", "desktop"):
        public, menu_text = _reader_menu(open_page, server, code, viewport)
        assert new_label in menu_text, viewport
        if viewport == "desktop":
            assert public.locator("nav.main-menu a", has_text=new_label).is_visible()
        assert public.evaluate(MENU_WIDER_THAN_VIEWPORT) == [], viewport
        assert _violations(axe, public) == [], viewport
        screenshot(public, f"navigation-reader-{code}-{viewport}")

    # The history lists the seeded publish and this one.
    page.goto(server + history_url)
    assert page.locator("table", has_text="Published").count() == 1
    assert page.get_by_text("Published").count() >= 2
    screenshot(page, f"navigation-history-{code}-desktop")


def test_the_serbian_translator_publishes_the_serbian_menu(
    seeded_live_server, django_user_model, open_page, axe
):
    """A new English label waits for its Serbian translation; the Serbian translator translates
    it in wagtail-localize's editor and publishes: Serbian readers (both scripts) get it."""
    server = seeded_live_server.url
    english = MainMenu.objects.get(locale__language_code="en")
    english.links[0].value["label"] = "Open calls this month"
    english.save_revision().publish()
    serbian = MainMenu.objects.get(locale__language_code="sr")
    Translation.objects.get(
        source__object_id=english.translation_key, target_locale=serbian.locale
    ).source.update_from_db()  # the editor's "Sync translated snippets"
    translator = django_user_model.objects.create_user("sr-menu", "sr@wbcsp.example", "pw")
    translator.groups.add(Group.objects.get(name=f"{GROUP_PREFIX}Српски"))

    page, _response = open_page(f"{server}/admin/login/", "desktop")
    page.fill("#id_username", "sr-menu")
    page.fill("#id_password", "pw")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    page.goto(server + reverse("wagtailsnippets_home_mainmenu:edit", args=[serbian.pk]))
    editor_root = page.locator(".js-translation-editor")
    segment = editor_root.locator("li.incomplete", has_text="Open calls this month")
    segment.locator("button").click()  # "Translate"
    segment.locator("textarea").fill(NEW_LABEL["sr"])
    segment.locator("button").last.click()  # "Save"
    editor_root.locator("li.complete", has_text=NEW_LABEL["sr"]).locator(".icon--green").wait_for()
    screenshot(page, "navigation-translator-sr-desktop")
    for viewport in ("phone", "desktop"):
        _public, menu_text = _reader_menu(open_page, server, "sr", viewport)
        assert NEW_LABEL["sr"] not in menu_text, viewport  # translated, not yet published

    with page.expect_navigation():
        page.locator('footer button[name="action"][value="publish"]').click()
    serbian.refresh_from_db()
    assert serbian.live_revision.user == translator
    for viewport in ("phone", "desktop"):
        public, menu_text = _reader_menu(open_page, server, "sr", viewport)
        assert NEW_LABEL["sr"] in menu_text, viewport
        assert _violations(axe, public) == [], viewport
        _public, latin_text = _reader_menu(open_page, server, "sr-latn", viewport)
        assert "Otvoreni pozivi ovog meseca" in latin_text, viewport
