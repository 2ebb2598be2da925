"""The application form as an applicant meets it: one required-fields notice, files kept after an
error (privately, with a row that expires), accepted types that match what the form says."""

import io
import os
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from calls.models import Application, ApplicationFile, PendingUpload
from calls.pending_uploads import PENDING_SUFFIX, REMOVE_SUFFIX
from calls.storage import private_root
from tests.calls.helpers import PDF, PNG, call, valid_post

pytestmark = pytest.mark.django_db

REQUIRED_NOTICES = re.compile(r"Fields marked \* are required|marked with an asterisk are required")


def _apply_section(html):
    return html[html.index('id="apply"') :]


def _kept_tokens(html):
    return dict(re.findall(r'name="([a-z_]+' + PENDING_SUFFIX + r')" value="([^"]+)"', html))


def test_the_required_fields_notice_appears_once(client):
    page = call("WBCSP-2026-CORE-01", "en")
    assert "asterisk" in page.form_intro  # the demo editor wrote it: the form does not repeat it
    section = _apply_section(client.get(page.url).content.decode())
    assert len(REQUIRED_NOTICES.findall(section)) == 1
    assert "Send your application before" in section

    page.form_intro = "You will receive a reference number when your application is stored."
    page.save_revision().publish()
    section = _apply_section(client.get(page.url).content.decode())
    assert len(REQUIRED_NOTICES.findall(section)) == 1  # now ours
    assert "Fields marked * are required." in section

    serbian = call("WBCSP-2026-CORE-01", "sr")  # "Сва поља означена звездицом су обавезна."
    section = _apply_section(client.get(serbian.url).content.decode())
    assert "звездицом" in section and "су обавезна" in section
    assert "Поља означена са * су обавезна" not in section


@pytest.mark.parametrize(
    ("language", "progress"),
    [("sr", "Слање ваше пријаве: %(percent)s"), ("sq", "Po dërgohet aplikimi juaj: %(percent)s")],
)
def test_the_upload_progress_is_announced_in_the_page_language(client, language, progress):
    html = client.get(call("WBCSP-2026-CORE-01", language).url).content.decode()
    assert f'data-progress="{progress}"' in html


def test_accepted_types_are_what_the_help_text_says(client):
    page = call("WBCSP-2026-CORE-01", "en")
    html = client.get(page.url).content.decode()
    budget = re.search(r'<input type="file" name="budget"[^>]*>', html).group(0)
    assert 'accept=".pdf,.docx,.odt,.xlsx,.ods"' in budget
    assert "Accepted types: PDF, DOCX, ODT, XLSX, ODS; at most 10.0\xa0MB." in html
    certificate = re.search(r'<input type="file" name="registration_certificate"[^>]*>', html)
    assert 'accept=".pdf,.jpg,.jpeg,.png"' in certificate.group(0)
    assert "Accepted types: PDF, JPEG, PNG; at most 10.0\xa0MB." in html

    data = valid_post(page)
    data["budget"] = SimpleUploadedFile("budget.png", PNG)
    response = client.post(page.url, data)
    assert response.status_code == 400
    assert "Accepted types: PDF, DOCX, ODT, XLSX, ODS." in response.content.decode()
    assert not Application.objects.exists()


def test_files_are_kept_after_an_error_and_sent_with_the_corrected_form(
    client, django_capture_on_commit_callbacks
):
    page = call("WBCSP-2026-CORE-01", "sq")
    data = valid_post(page, organisation_name="")
    data["budget"] = SimpleUploadedFile("buxheti.pdf", PDF)
    data["registration_certificate"] = SimpleUploadedFile("certifikata.png", PNG)
    response = client.post(page.url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert f"buxheti.pdf ({len(PDF)}" in html and "certifikata.png" in html
    kept = PendingUpload.objects.order_by("field_key")
    assert [p.field_key for p in kept] == ["budget", "registration_certificate"]
    assert all(p.file.path.startswith(private_root()) for p in kept)
    assert all(p.expires_at > timezone.now() + timedelta(hours=23) for p in kept)
    tokens = _kept_tokens(html)
    assert set(tokens) == {f"budget{PENDING_SUFFIX}", f"registration_certificate{PENDING_SUFFIX}"}

    # Corrected, with no file chosen again: the kept files go with the application.
    data = valid_post(page) | tokens
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.form_data["budget"] == "buxheti.pdf"
    files = {stored.field_key: stored for stored in ApplicationFile.objects.all()}
    assert files["budget"].file.read() == PDF and files["registration_certificate"].size == len(PNG)
    assert not PendingUpload.objects.exists()  # the kept copies are gone


def test_a_kept_file_can_be_removed_or_replaced(client):
    page = call("WBCSP-2026-CORE-01", "en")
    data = valid_post(page, email="not-an-email")
    data["budget"] = SimpleUploadedFile("first.pdf", PDF)
    tokens = _kept_tokens(client.post(page.url, data).content.decode())

    removed = client.post(page.url, valid_post(page) | tokens | {f"budget{REMOVE_SUFFIX}": "1"})
    assert removed.status_code == 400  # the budget is required, and it was removed
    assert "first.pdf" not in _apply_section(removed.content.decode())

    replaced = valid_post(page) | tokens | {"budget": SimpleUploadedFile("second.pdf", PDF)}
    assert client.post(page.url, replaced).status_code == 302
    assert ApplicationFile.objects.get().original_name == "second.pdf"


def test_a_kept_file_token_works_only_for_its_call_and_field(client):
    page = call("WBCSP-2026-CORE-01", "en")
    data = valid_post(page, email="not-an-email")
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    token = _kept_tokens(client.post(page.url, data).content.decode())[f"budget{PENDING_SUFFIX}"]

    other_field = valid_post(page) | {f"registration_certificate{PENDING_SUFFIX}": token}
    assert client.post(page.url, other_field).status_code == 400  # budget missing, nothing reused
    other_call = call("WBCSP-2026-LOC-02", "en")
    response = client.post(
        other_call.url, valid_post(other_call) | {f"budget{PENDING_SUFFIX}": token}
    )
    assert response.status_code == 400
    forged = valid_post(page) | {f"budget{PENDING_SUFFIX}": token[:-3] + "abc"}
    assert client.post(page.url, forged).status_code == 400
    assert not Application.objects.exists()


def test_expired_kept_files_are_deleted_by_the_command(client):
    page = call("WBCSP-2026-CORE-01", "en")
    data = valid_post(page, email="not-an-email")
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    client.post(page.url, data)
    pending = PendingUpload.objects.get()
    path = pending.file.path
    PendingUpload.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    out = io.StringIO()
    call_command("clean_pending_uploads", stdout=out)
    assert out.getvalue().startswith("1 expired")
    assert not PendingUpload.objects.exists()
    assert not os.path.exists(path)
