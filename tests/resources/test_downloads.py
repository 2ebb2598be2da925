"""Downloads: file facts before the click, served headers, campaign kit zips, unpublished files."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.documents.models import Document
from wagtail.models import Locale

from resources.kits import kit_materials, kit_storage_name
from resources.models import ResourceFile, ResourcePage
from tests.resources.helpers import campaign, library, resource

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_file_shows_type_size_and_language_before_the_click(client):
    page = resource("bs", "vodic-za-zagovaranje")
    html = client.get(page.url).content.decode()
    for item in page.files.select_related("document"):
        document = item.document
        assert f'href="{document.url}"' in html
        assert document.file_size and document.file_size > 1000
    assert len(re.findall(r"PDF, \d+,\d\sKB,", html)) == 4  # "PDF, 4,8 KB" (Bosnian decimals)
    for name in ["English", "Bosanski", "Hrvatski", "Српски"]:
        assert name in html


def _download_languages(html):
    """The languages of the resource's downloads, in the order the page lists them."""
    files = html.split('class="resource__files"')[1].split("</section>")[0]
    return re.findall(r'<a href="[^"]+" download lang="([^"]+)"', files)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("sr", ["sr", "en", "sq", "bs", "hr", "mk", "cnr"]),
        ("en", ["en", "sq", "bs", "hr", "sr", "mk", "cnr"]),
        ("mk", ["mk", "en", "sq", "bs", "hr", "sr", "cnr"]),
        ("sr-latn", ["sr", "en", "sq", "bs", "hr", "mk", "cnr"]),  # Serbian files for both scripts
    ],
)
def test_downloads_list_the_readers_language_first(client, code, expected):
    """The reader's own language first, then the others in the site's order, whatever order
    the files were added in."""
    english = ResourcePage.objects.get(locale__language_code="en", slug="project-budget-template")
    budget = english.get_translation(Locale.objects.get(language_code=code))
    # An editor's order that would put Bosnian first, as the files were once listed.
    for number, item in enumerate(budget.files.order_by("language")):
        item.sort_order = 0 if item.language == "bs" else number + 1
        item.save()
    assert _download_languages(client.get(budget.url).content.decode()) == expected


@pytest.mark.parametrize("code", ["sr", "en"])
def test_a_resource_without_a_file_in_the_readers_language_keeps_the_site_order(client, code):
    english = ResourcePage.objects.get(locale__language_code="en", slug="advocacy-guide")
    guide = english.get_translation(Locale.objects.get(language_code=code))
    html = client.get(guide.url).content.decode()
    assert (
        _download_languages(html)
        == {"sr": ["sr", "en", "bs", "hr"], "en": ["en", "bs", "hr", "sr"]}[code]
    )


def test_pdf_is_served_inline_with_its_content_type(client):
    document = resource("en", "advocacy-guide").files.get(language="bs").document
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response).startswith(b"%PDF")


def test_png_card_is_served_as_an_attachment(client):
    material = campaign("en", "shared-society").materials.get(kind="social-media", language="sq")
    response = client.get(material.document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        'attachment; filename="shared-society-social-media-sq.png"'
    )
    assert _body(response).startswith(b"\x89PNG")


def _zip_names(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(_body(response))) as archive:
        assert archive.testzip() is None
        return sorted(archive.namelist())


def test_kit_zip_holds_exactly_that_languages_files(client):
    page = campaign("sq", "shoqeri-e-perbashket")
    response = client.get(page.url + "kit/sq/")
    assert 'filename="shoqeri-e-perbashket-sq.zip"' in response["Content-Disposition"]
    assert _zip_names(response) == [
        "logo/shared-society-logo-all.png",
        "poster/shared-society-poster-sq.pdf",
        "press-kit/shared-society-press-kit-sq.pdf",
        "social-media/shared-society-social-media-sq.png",
    ]
    assert _zip_names(client.get(page.url + "kit/mk/")) == [
        "logo/shared-society-logo-all.png",
        "poster/shared-society-poster-mk.pdf",
        "social-media/shared-society-social-media-mk.png",
    ]


def test_kit_zip_is_built_once_and_rebuilt_when_a_file_changes(client):
    page = campaign("en", "shared-society")
    client.get(page.url + "kit/en/")
    name = kit_storage_name(page, "en", kit_materials(page, "en"))
    assert default_storage.exists(name)
    built_at = default_storage.get_modified_time(name)
    client.get(page.url + "kit/en/")
    assert default_storage.get_modified_time(name) == built_at  # served from the stored zip
    poster = page.materials.get(kind="poster", language="en").document
    poster.file.save("shared-society-poster-en-v2.pdf", ContentFile(b"%PDF-1.4 new"), save=False)
    poster._set_document_file_metadata()
    poster.save()
    names = _zip_names(client.get(page.url + "kit/en/"))
    assert "poster/shared-society-poster-en-v2.pdf" in names
    assert kit_storage_name(page, "en", kit_materials(page, "en")) != name


@pytest.mark.parametrize("language", ["hr", "xx", "..%2F..%2Fetc", "sr-latn"])
def test_kit_in_a_language_without_material_is_not_found(client, language):
    response = client.get(campaign("en", "shared-society").url + f"kit/{language}/")
    assert response.status_code == 404


def _draft_resource_with(document):
    index = library("en")
    page = ResourcePage(
        title="Draft toolkit", slug="draft-toolkit", resource_type="toolkit",
        audience="csos", live=False,
    )  # fmt: skip
    page.files = [ResourceFile(document=document, language="en")]
    index.add_child(instance=page)
    return page


def _new_document():
    document = Document(title="Unreleased draft")
    source = Path(__file__).resolve().parents[2] / "resources/demo_files/pve-toolkit-en.pdf"
    document.file.save("unreleased-draft.pdf", ContentFile(source.read_bytes()), save=False)
    document.save()
    return document


def test_documents_of_unpublished_pages_are_not_public(client):
    document = _new_document()
    page = _draft_resource_with(document)
    assert client.get(document.url).status_code == 404
    # Editors may still open it, to check the draft.
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    assert client.get(document.url).status_code == 200
    client.logout()
    page.save_revision().publish()
    assert client.get(document.url).status_code == 200
    ResourcePage.objects.get(pk=page.pk).unpublish()
    assert client.get(document.url).status_code == 404


def test_campaign_material_is_withdrawn_with_the_campaign(client):
    material = campaign("en", "your-voice-counts").materials.get(kind="poster", language="bs")
    assert client.get(material.document.url).status_code == 200
    # The same kit is listed by every language's version of the campaign: unpublish them all.
    for page in campaign("en", "your-voice-counts").get_translations(inclusive=True):
        page.specific.unpublish()
    assert client.get(material.document.url).status_code == 404


def test_documents_not_attached_to_resources_follow_wagtails_rules(client):
    document = _new_document()
    assert client.get(document.url).status_code == 200


def test_publishing_a_campaign_builds_its_kits_ahead_of_the_first_download(
    django_capture_on_commit_callbacks,
):
    page = campaign("bs", "zajednicko-drustvo")
    names = {
        code: kit_storage_name(page, code, kit_materials(page, code))
        for code in ["en", "sq", "bs", "sr", "mk"]
    }
    for name in names.values():
        if default_storage.exists(name):
            default_storage.delete(name)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert all(default_storage.exists(name) for name in names.values())


def test_a_large_kit_is_left_to_the_background_task(client, monkeypatch):
    """Over the inline limit the request enqueues the task (the immediate backend runs it now)."""
    from resources import kits, tasks

    monkeypatch.setattr(kits, "INLINE_BUILD_LIMIT", 1)
    enqueued = []
    real_task = tasks.build_campaign_kits

    class RecordingTask:
        def enqueue(self, pk):
            enqueued.append(pk)
            return real_task.enqueue(pk)

    monkeypatch.setattr(tasks, "build_campaign_kits", RecordingTask())
    page = campaign("en", "your-voice-counts")
    response = client.get(page.url + "kit/hr/")
    assert enqueued == [page.pk]
    assert _zip_names(response) == [
        "logo/your-voice-counts-logo-all.png",
        "poster/your-voice-counts-poster-hr.pdf",
    ]
