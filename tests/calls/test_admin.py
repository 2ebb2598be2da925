"""Editors' side: the call page editor with its form builder, and the applications screens."""

import pytest

from calls.models import CallIndexPage
from tests.calls.helpers import call

pytestmark = pytest.mark.django_db


def test_call_editor_shows_the_form_builder_with_keys(admin_client):
    page = call("WBCSP-2026-CORE-01", "en")
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "form_fields-0-key" in html and 'value="organisation_name"' in html
    index = CallIndexPage.objects.get(locale__language_code="en")
    assert admin_client.get(f"/admin/pages/add/calls/callpage/{index.pk}/").status_code == 200


def test_applications_screens_for_staff(admin_client):
    assert admin_client.get("/admin/calls/applications/").status_code == 200
    assert admin_client.get("/admin/calls/export/").status_code == 200
    # Applications are records of what applicants sent: no add screen.
    assert admin_client.get("/admin/calls/applications/new/").status_code in (302, 403)
