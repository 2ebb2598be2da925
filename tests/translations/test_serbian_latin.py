"""Serbian Latin is generated from Serbian Cyrillic on every publish, never hand-translated."""

import json

import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import Country, MainMenu, StandardPage
from tests.helpers import parse_page

pytestmark = pytest.mark.django_db


def _latin_of(item):
    return item.get_translation(item.locale.__class__.objects.get(language_code="sr-latn"))


def test_publishing_a_serbian_page_updates_its_latin_version(client):
    page = StandardPage.objects.get(locale__language_code="sr", slug="o-programu")
    page.title = "Ђаковачки џеп љубави"
    page.body = json.dumps(
        [
            {"type": "heading", "value": {"text": "Циљеви и вредности", "level": "h2"}},
            {
                "type": "paragraph",
                "value": '<p>Подршка <a href="https://example.org">њиховим</a> удружењима.</p>',
            },
            {
                "type": "quote",
                "value": {"quote": "Заједно смо јачи.", "attribution": "Удружење из Ниша"},
            },
        ]
    )
    page.save_revision().publish()

    latin = _latin_of(page).specific
    assert latin.title == "Đakovački džep ljubavi"
    assert latin.live
    rendered = client.get(latin.url).content.decode()
    assert "Ciljevi i vrednosti" in rendered
    assert 'Podrška <a href="https://example.org">njihovim</a> udruženjima.' in rendered
    assert "Zajedno smo jači." in rendered and "Udruženje iz Niša" in rendered
    assert not any("\u0400" <= ch <= "\u04ff" for ch in latin.title + str(latin.body.raw_data))


def test_a_draft_does_not_reach_serbian_latin():
    page = StandardPage.objects.get(locale__language_code="sr", slug="o-programu")
    before = _latin_of(page).title
    page.title = "Нацрт који није објављен"
    page.save_revision()  # saved, not published
    assert _latin_of(page).title == before


def test_saving_a_serbian_snippet_updates_its_latin_version():
    serbia = Country.objects.get(locale__language_code="sr", slug="serbia")
    serbia.name = "Република Србија"
    serbia.save()
    assert _latin_of(serbia).name == "Republika Srbija"


def test_switcher_between_scripts_keeps_the_reader_on_the_page(client):
    page = StandardPage.objects.get(locale__language_code="sr", slug="o-programu")
    links = {link["hreflang"]: link["href"] for link in parse_page(client.get(page.url)).switcher}
    assert links["sr-Latn"] == _latin_of(page).url


def test_command_regenerates_everything_and_is_repeatable(capsys):
    menu = MainMenu.objects.get(locale__language_code="sr-latn")
    menu.name = "ručno promenjeno"  # a hand edit in sr-latn is overwritten from the source
    menu.save()
    call_command("generate_serbian_latin")
    call_command("generate_serbian_latin")
    assert "Regenerated" in capsys.readouterr().out
    assert (
        MainMenu.objects.get(pk=menu.pk).name
        == MainMenu.objects.get(locale__language_code="sr").name
    )
    assert (
        Page.objects.filter(locale__language_code="sr-latn").count()
        == Page.objects.filter(locale__language_code="sr").count()
    )
