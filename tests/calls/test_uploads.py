"""Uploads: allowed by content, never by name; sizes; empty files; unsafe and unicode names; private files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from calls.models import Application, ApplicationFile
from calls.uploads import sanitise_filename
from tests.calls.helpers import EXE, JPEG, PDF, PNG, call, office_zip, valid_post

pytestmark = pytest.mark.django_db


def stable_id(value):
    """Test ids from names only: generated file bytes (zip timestamps) differ between workers."""
    return value if isinstance(value, str) else "-"


def _apply(client, budget, certificate=None, address="10.0.0.1"):
    page = call("WBCSP-2026-CORE-01", "en")
    data = valid_post(page)
    data["budget"] = budget
    if certificate is not None:
        data["registration_certificate"] = certificate
    return client.post(page.url, data, REMOTE_ADDR=address)


@pytest.mark.parametrize(
    "name, content, mime",
    [
        ("budget.pdf", PDF, "application/pdf"),
        ("budget.docx", office_zip("docx"), None),
        ("budget.odt", office_zip("odt"), None),
        ("budget.xlsx", office_zip("xlsx"), None),
        ("budget.ods", office_zip("ods"), None),
        ("scan.jpeg", JPEG, "image/jpeg"),
        ("scan.png", PNG, "image/png"),
    ],
    ids=stable_id,
)
def test_allowed_types_are_accepted_by_content(client, name, content, mime):
    # The budget takes documents and spreadsheets, the certificate scans (calls/file_types.py).
    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    if name.startswith("scan"):
        response = _apply(client, SimpleUploadedFile("budget.pdf", PDF), certificate=upload)
    else:
        response = _apply(client, upload)
    assert response.status_code == 302, response.content.decode()[-3000:]
    stored = ApplicationFile.objects.get(original_name=name)
    if mime:
        assert stored.content_type == mime


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("budget.pdf", EXE, "This type of file is not accepted"),  # a renamed executable
        ("budget.pdf", b"", "empty"),
        ("budget.exe", PDF, "does not match its content"),  # a real PDF with a wrong extension
        ("budget.png", PDF, "does not match its content"),  # mismatched allowed extension
        ("budget.pdf", b"<html><script>alert(1)</script></html>", "not accepted"),
        ("budget.zip", office_zip("docx")[:40] + b"\x00" * 10, "not accepted"),
    ],
    ids=stable_id,
)
def test_refused_uploads_store_nothing(client, name, content, message):
    response = _apply(client, SimpleUploadedFile(name, content, "application/pdf"))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()


@override_settings(CALLS_MAX_FILE_SIZE=1000, CALLS_MAX_APPLICATION_SIZE=1500)
def test_size_limits_per_file_and_per_application(client):
    big = PDF + b"%" * 1200
    response = _apply(client, SimpleUploadedFile("budget.pdf", big))
    assert response.status_code == 400 and "too large" in response.content.decode()
    nine_hundred = PDF + b"%" * (900 - len(PDF))
    response = _apply(
        client,
        SimpleUploadedFile("budget.pdf", nine_hundred),
        SimpleUploadedFile("certificate.pdf", nine_hundred),
    )
    assert response.status_code == 400
    assert "Together the files are too large" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\budget.pdf", "budget.pdf"),
        ("Буџет 2026 (коначни).pdf", "Буџет-2026-(коначни).pdf"),
        ("Buxheti i organizatës.pdf", "Buxheti-i-organizatës.pdf"),
        ("\x00\x1b[31mevil\n.pdf", "31mevil.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("....pdf", "pdf.pdf"),
    ],
)
def test_file_names_are_sanitised(name, expected):
    assert sanitise_filename(name, "pdf") == expected


def test_traversal_name_is_stored_inside_the_private_location(client):
    response = _apply(client, SimpleUploadedFile("../../../budget.pdf", PDF))
    assert response.status_code == 302
    stored = ApplicationFile.objects.get()
    assert stored.original_name == "budget.pdf"
    assert ".." not in stored.file.name


def test_private_files_have_no_public_url_and_staff_download_as_attachment(
    client, admin_client, django_user_model
):
    _apply(client, SimpleUploadedFile("budget.pdf", PDF))
    stored = ApplicationFile.objects.get()
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 - the storage has no base URL
    url = f"/admin/calls/files/{stored.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    editor = django_user_model.objects.create_user("editor", password="x")
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)  # no admin access, no permission
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
