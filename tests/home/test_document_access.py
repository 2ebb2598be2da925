"""Documents follow the pages that use them (home.document_access), in any section and any block."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def _document(title):
    document = Document(title=title)
    document.file.save("budget-guidelines.txt", ContentFile(b"Budget guidelines 2026"), save=False)
    document.save()
    return document


def _page_with(document, live):
    return StandardPageFactory(
        title="Budget guidelines for applicants",
        live=live,
        body=[
            ("paragraph", f'<p>Read the <a linktype="document" id="{document.pk}">guidelines</a>.</p>'),
            ("document_links", {"heading": "Downloads", "documents": [document]}),
        ],
    )  # fmt: skip


def test_a_document_of_a_draft_page_is_not_downloadable_until_published(client):
    document = _document("Budget guidelines (draft)")
    page = _page_with(document, live=False)
    assert client.get(document.url).status_code == 404
    staff = get_user_model().objects.create_superuser("comms", "c@wbcsp.example", "pw")
    client.force_login(staff)
    assert client.get(document.url).status_code == 200  # editors check drafts
    client.logout()
    page.save_revision().publish()
    assert client.get(document.url).status_code == 200


def test_a_document_of_a_password_protected_page_is_not_public(client):
    document = _document("Budget guidelines (partners)")
    page = _page_with(document, live=True)
    assert client.get(document.url).status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="partners"
    )
    assert client.get(document.url).status_code == 404


def test_a_document_also_used_by_a_public_page_stays_public(client):
    document = _document("Budget guidelines")
    _page_with(document, live=False)
    public = StandardPage.objects.filter(locale__language_code="en", live=True).first()
    public.body = [("document_links", {"heading": "", "documents": [document]})]
    public.save_revision().publish()
    assert client.get(document.url).status_code == 200


def test_a_document_no_page_uses_follows_collection_privacy(client):
    assert client.get(_document("Press release").url).status_code == 200
