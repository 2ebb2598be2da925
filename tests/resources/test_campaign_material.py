"""Campaign material as a reader of a translated campaign page sees it: their language first,
labels in their language, a preview of each poster and card."""

import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from wagtail.models import Locale

from resources.models import CampaignMaterial, CampaignPage

pytestmark = pytest.mark.django_db


def _shared_society(code):
    # The campaign with a press kit, found by content rather than by its (changing) slug.
    english = CampaignPage.objects.filter(locale__language_code="en", materials__kind="press-kit")
    return english.distinct().get().get_translation(Locale.objects.get(language_code=code))


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _links(html):
    """(visible text, accessible name) of each material's download link, in page order. The
    name is the link's whole text, visually hidden parts included (it has no aria-label)."""
    kit = html.split('class="campaign__kit"')[1].split("</section>")[0]
    links = []
    for inner in re.findall(r"<a [^>]*download[^>]*>(.*?)</a>", kit, re.S):
        assert "aria-label" not in inner
        shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", inner, flags=re.S)
        links.append((_text(shown), _text(inner)))
    return links


def _items(html):
    """(link text, language label, preview alt or None) of each material, in page order."""
    kit = html.split('class="campaign__kit"')[1].split("</section>")[0]
    items = []
    for item in re.findall(r'<li class="material-list__item">(.*?)</li>', kit, re.S):
        link = _links(f'class="campaign__kit"{item}</section>')[0][0]
        meta = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item.split("file-meta")[1])).strip()
        alt = re.search(r'<img[^>]*alt="([^"]*)"', item)
        items.append((link, meta.rsplit(",", 1)[-1].strip(), alt.group(1) if alt else None))
    return items


@pytest.mark.parametrize(
    ("code", "own", "english", "kinds"),
    [
        ("sr", "српски (ћирилица)", "енглески", ("Плакат", "Лого")),
        ("sq", "shqip", "anglisht", ("Poster", "Logo")),
    ],
)
def test_material_in_the_readers_language_first_with_translated_labels(
    client, code, own, english, kinds
):
    page = _shared_society(code)
    items = _items(client.get(page.url).content.decode())
    assert items
    for link, _language, _alt in items:
        assert link.split(": ", 1)[1] == page.title, link  # the page's own title, not English
        assert "Press kit" not in link and "Social-media" not in link, link
    posters = [item for item in items if item[0].startswith(kinds[0] + ":")]
    assert posters[0][1] == own, posters  # the reader's language first…
    assert english in [language for _link, language, _alt in posters]  # …then the others, named
    assert any(link.startswith(kinds[1] + ":") for link, *_ in items)


@pytest.mark.parametrize(
    ("code", "poster", "own", "english"),
    [
        ("sr", "Плакат", "српски (ћирилица)", "енглески"),
        ("sq", "Poster", "shqip", "anglisht"),
        ("mk", "Плакат", "македонски", "англиски"),
    ],
)
def test_each_download_link_names_its_language(client, code, poster, own, english):
    """Every poster link shows the same words; its accessible name says which language it is,
    in the reader's language, so that a screen-reader user can tell them apart."""
    page = _shared_society(code)
    links = _links(client.get(page.url).content.decode())
    shown = f"{poster}: {page.title}"
    posters = [name for text, name in links if text == shown]
    assert len(posters) >= 4, links  # identical visible text…
    names = [name for _text, name in links]
    assert len(set(names)) == len(names), names  # …and no two names alike
    assert posters[0] == f"{shown} ({own})"  # the reader's language first
    assert f"{shown} ({english})" in posters


@pytest.mark.parametrize("code", ["sr", "sq"])
def test_posters_and_cards_have_previews_with_alt_text(client, code):
    page = _shared_society(code)
    html = client.get(page.url).content.decode()
    kit = html.split('class="campaign__kit"')[1].split("</section>")[0]
    previews = re.findall(r'<img[^>]*class="material-list__preview"[^>]*>', kit)
    materials = CampaignMaterial.objects.filter(page=page, kind__in=["poster", "social-media"])
    assert len(previews) >= materials.count() > 0
    for tag in previews:
        alt = re.search(r'alt="([^"]+)"', tag).group(1)
        assert page.title in alt.replace("&quot;", '"')  # describes the material, in the language
        src = re.search(r'src="([^"]+)"', tag).group(1)
        assert "/images/" in src and src.endswith(".webp")  # a rendition, not the full file
        stored = src.removeprefix(settings.MEDIA_URL)
        assert default_storage.exists(stored), src  # made at upload/seed time, served as a file


def test_an_image_uploaded_as_material_previews_itself():
    page = _shared_society("en")
    card = CampaignMaterial.objects.filter(page=page, kind="social-media").first()
    card.preview = None
    card.save()
    assert card.preview is not None and card.preview.width > 0
    pdf = CampaignMaterial.objects.filter(page=page, kind="press-kit").first()
    pdf.preview = None
    pdf.save()
    assert pdf.preview is None  # a PDF has no picture of itself: the editor may choose one
