"""The main menu and footer are published like pages: a saved draft changes nothing readers see
(neither through the fragment caches nor the proxy), publishing shows at once, a publish can be
scheduled, an earlier revision restored, the draft previewed in the site's own header and footer,
and translators publish their own language's menu."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.models import Footer, HomePage, MainMenu
from translations.translators import GROUP_PREFIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@wbcsp.example", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def sq_client(django_user_model):
    """A client signed in as a member of the Albanian translators' group."""
    user = django_user_model.objects.create_user("sq-translator", "sq@wbcsp.example", "pw")
    user.groups.add(Group.objects.get(name=f"{GROUP_PREFIX}Shqip"))
    client = Client()
    client.force_login(user)
    return client


def _url(model, name, *args):
    return reverse(f"wagtailsnippets_home_{model._meta.model_name}:{name}", args=args)


def _menu_html(client, code):
    html = client.get(f"/{code}/").content.decode()
    return re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)


def _footer_html(client, code):
    html = client.get(f"/{code}/").content.decode()
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def _menu_form(menu, first_label=None, **extra):
    """The edit form of ``menu`` as the admin sends it, the first link relabelled."""
    links = []
    for index, block in enumerate(menu.links):
        value = block.value
        label = first_label if index == 0 and first_label is not None else value["label"]
        page = value["page"]
        links.append(
            ("link", {"page": page.pk if page else "", "url": value["url"] or "", "label": label})
        )
    data = {"name": menu.name, "links": streamfield(links), "go_live_at": "", "expire_at": ""}
    return nested_form_data({**data, **extra})


def _english_menu():
    return MainMenu.objects.get(locale__language_code="en")


def test_seeded_menus_and_footers_are_published_with_a_revision():
    for model in (MainMenu, Footer):
        for item in model.objects.all():
            assert item.live and not item.has_unpublished_changes, item
            assert item.live_revision_id == item.latest_revision_id is not None, item


def test_a_saved_draft_is_not_shown_and_publishing_shows_it_at_once(editor, purged):
    menu = _english_menu()
    old_label = menu.links[0].value["page"].title
    assert old_label in _menu_html(editor, "en")  # the menu fragment is now in the cache

    response, urls = purged(lambda: editor.post(_url(MainMenu, "edit", menu.pk), _menu_form(
        menu, "Who we are")))  # fmt: skip
    assert response.status_code == 302
    menu.refresh_from_db()
    assert menu.live and menu.has_unpublished_changes
    assert "Who we are" in str(menu.latest_revision.content)
    assert urls == set()  # nothing purged from the proxy: readers' pages are unchanged
    assert "Who we are" not in _menu_html(editor, "en")
    cache.clear()  # not only the cached fragment: a fresh render shows the live menu as well
    menu_html = _menu_html(editor, "en")
    assert "Who we are" not in menu_html and old_label in menu_html

    form = _menu_form(menu, "Who we are", **{"action-publish": "publish"})
    response, urls = purged(lambda: editor.post(_url(MainMenu, "edit", menu.pk), form))
    assert response.status_code == 302
    assert "Who we are" in _menu_html(editor, "en")  # through the cached fragments at once
    english_pages = {page.url for page in HomePage.objects.get(
        locale__language_code="en").get_descendants(inclusive=True).live()}  # fmt: skip
    assert english_pages <= urls  # and purged from the proxy
    assert not any(url.startswith("/sr/") for url in urls)
    assert "Who we are" not in _menu_html(editor, "sr")  # the Serbian menu is its own


def test_a_draft_footer_is_not_shown_until_published(editor):
    footer = Footer.objects.get(locale__language_code="en")
    data = {
        "about_text": "A draft about text.",
        "links": streamfield([]),
        "donor_acknowledgement": rich_text(footer.donor_acknowledgement),
        "go_live_at": "",
        "expire_at": "",
    }
    url = _url(Footer, "edit", footer.pk)
    assert editor.post(url, nested_form_data(data)).status_code == 302
    assert "A draft about text." not in _footer_html(editor, "en")
    published = nested_form_data({**data, "action-publish": "publish"})
    assert editor.post(url, published).status_code == 302
    assert "A draft about text." in _footer_html(editor, "en")


def test_a_never_published_menu_is_not_shown():
    menu = MainMenu.objects.get(locale__language_code="bs")
    MainMenu.objects.filter(pk=menu.pk).update(live=False, live_revision=None)
    cache.clear()
    bosnian = _menu_html(Client(), "bs")
    english_home = HomePage.objects.get(locale__language_code="en")
    assert english_home.get_children().first().url in bosnian  # the English menu instead


def test_history_lists_revisions_and_an_earlier_one_can_be_restored(editor):
    menu = _english_menu()
    old_label = menu.links[0].value["page"].title
    first_revision = menu.live_revision
    form = _menu_form(menu, "Who we are", **{"action-publish": "publish"})
    assert editor.post(_url(MainMenu, "edit", menu.pk), form).status_code == 302
    assert "Who we are" in _menu_html(editor, "en")

    history = editor.get(_url(MainMenu, "history", menu.pk))
    assert history.status_code == 200
    assert history.content.decode().count("Published") >= 2
    revert = _url(MainMenu, "revisions_revert", menu.pk, first_revision.pk)
    assert editor.get(revert).status_code == 200  # the form with the earlier content
    menu.refresh_from_db()
    restored = _menu_form(menu, "", **{"action-publish": "publish"})
    assert editor.post(revert, restored).status_code == 302
    menu_html = _menu_html(editor, "en")
    assert "Who we are" not in menu_html and old_label in menu_html
    history = editor.get(_url(MainMenu, "history", menu.pk)).content.decode()
    assert "Reverted" in history or "reverted" in history


def test_a_scheduled_publish_waits_for_its_time(editor):
    menu = _english_menu()
    go_live = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    form = _menu_form(menu, "From tomorrow", go_live_at=go_live, **{"action-publish": "publish"})
    assert editor.post(_url(MainMenu, "edit", menu.pk), form).status_code == 302
    scheduled = Revision.objects.for_instance(menu).get(approved_go_live_at__isnull=False)
    assert "From tomorrow" not in _menu_html(editor, "en")
    # The time comes (moved back rather than waited for): Wagtail's publish_scheduled publishes it.
    past = timezone.now() - timedelta(minutes=1)
    content = {**scheduled.content, "go_live_at": past.isoformat()}
    Revision.objects.filter(pk=scheduled.pk).update(approved_go_live_at=past, content=content)
    call_command("publish_scheduled")
    assert "From tomorrow" in _menu_html(editor, "en")


def test_preview_shows_the_draft_in_the_header_of_its_language(editor):
    menu = MainMenu.objects.get(locale__language_code="sr")
    live_label = menu.links[0].value["page"].title
    english = _english_menu().links[1].value["page"]
    menu_html = _menu_html(editor, "sr")  # the live menu is cached for readers
    form = _menu_form(menu, "Отворени позиви овог месеца")
    preview = _url(MainMenu, "preview_on_edit", menu.pk)
    assert editor.post(preview, form).json()["is_valid"]
    response = editor.get(preview)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sr-Cyrl"' in html or '<html lang="sr"' in html
    header = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
    first_link = menu.links[0].value["page"]
    assert f'href="{first_link.url}">Отворени позиви овог месеца</a>' in header
    assert english.url not in header  # the links of the Serbian menu, not the English one
    assert '<footer class="site-footer">' in html  # the live footer below
    # Readers still get the live menu, from the cache and rendered afresh.
    assert _menu_html(editor, "sr") == menu_html
    cache.clear()
    assert live_label in _menu_html(editor, "sr")
    assert "Отворени позиви овог месеца" not in _menu_html(editor, "sr")


def test_preview_of_a_footer_shows_its_draft_text(editor):
    footer = Footer.objects.get(locale__language_code="sq")
    data = nested_form_data({
        "about_text": "Tekst i ri për programin.",
        "links": streamfield([]),
        "donor_acknowledgement": rich_text(footer.donor_acknowledgement),
        "go_live_at": "",
        "expire_at": "",
    })  # fmt: skip
    preview = _url(Footer, "preview_on_edit", footer.pk)
    assert editor.post(preview, data).json()["is_valid"]
    html = editor.get(preview).content.decode()
    assert "Tekst i ri për programin." in html
    assert "Tekst i ri për programin." not in _footer_html(editor, "sq")


def test_translators_may_publish_and_lock_the_menu_and_footer():
    group = Group.objects.get(name=f"{GROUP_PREFIX}Српски")
    codenames = set(group.permissions.values_list("codename", flat=True))
    for model in ("mainmenu", "footer"):
        assert {f"change_{model}", f"publish_{model}", f"lock_{model}"} <= codenames


def test_a_translator_publishes_their_languages_menu(sq_client, django_capture_on_commit_callbacks):
    """The English menu gains a label; the Albanian translator translates it in wagtail-localize's
    editor and publishes: Albanian readers see it, the other languages do not."""
    _translated_label("sq", "Open calls this month", "Thirrjet e hapura këtë muaj")
    assert "Thirrjet e hapura këtë muaj" not in _menu_html(sq_client, "sq")
    menu = MainMenu.objects.get(locale__language_code="sq")
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        response = sq_client.post(_url(MainMenu, "edit", menu.pk), {"action": "publish"})
    assert response.status_code == 302
    assert "Thirrjet e hapura këtë muaj" in _menu_html(sq_client, "sq")
    menu.refresh_from_db()
    assert menu.live_revision.user.username == "sq-translator"
    assert "Thirrjet e hapura këtë muaj" not in _menu_html(sq_client, "hr")


def _translated_label(code, english_label, translated_label):
    """The English menu's first link gains ``english_label`` (published); its translation into
    ``code`` is recorded in wagtail-localize. Returns that Translation."""
    english = _english_menu()
    english.links[0].value["label"] = english_label
    english.save_revision().publish()
    locale = Locale.objects.get(language_code=code)
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=locale
    )
    translation.source.update_from_db()
    segment = StringSegment.objects.get(source=translation.source, string__data=english_label)
    StringTranslation.objects.create(
        translation_of=segment.string, locale=locale, context=segment.context,
        data=translated_label,
    )  # fmt: skip
    return translation


def test_a_synced_draft_translation_keeps_readers_on_the_published_menu(
    django_capture_on_commit_callbacks,
):
    """wagtail-localize's "Sync translated pages" without publishing writes the draft into the
    menu's row and marks it not live: Croatian readers keep the published Croatian menu."""
    published_html = _menu_html(Client(), "hr")
    translation = _translated_label("hr", "Open calls this month", "Otvoreni pozivi ovog mjeseca")
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=False)
    menu = MainMenu.objects.get(locale__language_code="hr")
    assert not menu.live and menu.live_revision_id is not None  # the draft is in the row
    cache.clear()
    assert _menu_html(Client(), "hr") == published_html
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert "Otvoreni pozivi ovog mjeseca" in _menu_html(Client(), "hr")
