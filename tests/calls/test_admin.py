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


# --- The call editor (issue 11, item 18) ----------------------------------------------------


def _edit_form(admin_client, page):
    from wagtail.fields import StreamField
    from wagtail.test.utils.form_data import querydict_from_html

    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for field in type(page)._meta.fields:  # stream fields are drawn by script: post them empty
        if isinstance(field, StreamField):
            data[f"{field.name}-count"] = "0"
    return html, data


def test_call_editor_says_the_time_zone_and_shows_the_intake_address_only_for_external(
    admin_client,
):
    html, _data = _edit_form(admin_client, call("WBCSP-2026-CORE-01", "en"))
    assert html.count("Time in the programme&#x27;s time zone, Europe/Belgrade.") == 2
    assert "radio" not in html.split('id="panel-child-content-application-section"')[-1]
    assert "One choice per line. Only for dropdowns and checkboxes." in html
    # Wagtail's rules controller hides the address unless "External intake" is chosen.
    assert 'data-controller="w-rules"' in html
    assert 'data-w-rules="{&quot;application_mode&quot;: [&quot;external&quot;]}"' in html
    # Keys sit in a collapsed "Technical keys (advanced)" panel of each field.
    assert "Technical keys (advanced)" in html and 'value="organisation_name"' in html


def test_keys_are_derived_from_labels_and_choice_keys_follow_the_choices(admin_client):
    page = call("WBCSP-2026-CORE-01", "en")
    _html, data = _edit_form(admin_client, page)
    total = int(data["form_fields-TOTAL_FORMS"])
    dropdown = next(i for i in range(total) if data[f"form_fields-{i}-key"] == "organisation_type")
    # Reordered, one choice removed, one added; the keys were not touched.
    data[f"form_fields-{dropdown}-choices"] = "Media outlet\nCivil-society organisation\nFoundation"
    new = {
        "label": "Name of the project lead",
        "field_type": "singleline",
        "required": "on",
        "key": "",
        "choices": "",
        "choice_keys": "",
        "help_text": "",
        "accepted_types": "any",
        "id": "",
        "ORDER": str(total + 1),
        "DELETE": "",
    }
    for name, value in new.items():
        data[f"form_fields-{total}-{name}"] = value
    data["form_fields-TOTAL_FORMS"] = str(total + 1)
    data["action-publish"] = "action-publish"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    fields = {field.label: field for field in call("WBCSP-2026-CORE-01", "en").form_fields.all()}
    assert fields["Name of the project lead"].key == "name_of_the_project_lead"
    assert fields["Type of organisation"].choice_pairs() == [
        ("media", "Media outlet"),
        ("cso", "Civil-society organisation"),
        ("foundation", "Foundation"),
    ]


def test_hand_written_choice_keys_must_match_the_choices(admin_client):
    page = call("WBCSP-2026-CORE-01", "en")
    _html, data = _edit_form(admin_client, page)
    total = int(data["form_fields-TOTAL_FORMS"])
    dropdown = next(i for i in range(total) if data[f"form_fields-{i}-key"] == "organisation_type")
    data[f"form_fields-{dropdown}-choice_keys"] = "cso\nnetwork"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "(choices: 3, keys: 2)" in response.content.decode()


def test_applications_list_names_languages_and_countries(admin_client, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.calls.helpers import PDF, valid_post

    page = call("WBCSP-2026-CORE-01", "sq")
    data = valid_post(page, country="albania") | {"budget": SimpleUploadedFile("b.pdf", PDF)}
    assert client.post(page.url, data).status_code == 302
    html = admin_client.get("/admin/calls/applications/").content.decode()
    listing = html[html.index('<table class="listing') :]
    table = listing[: listing.index("</table>")]
    assert "Shqip" in table and "Albania" in table, table[table.index("<tbody") :]
    assert ">albania<" not in table and ">sq<" not in table
    filters = admin_client.get("/admin/calls/applications/?country=albania").content.decode()
    assert "North Macedonia" in filters  # the country filter offers names
