"""Applying: deadline on the server, one transaction, reference number, e-mail, stable keys."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calls.models import Application, ApplicationFile, IntakeDelivery
from calls.storage import private_root
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db


def _post(client, page, files=None, **overrides):
    data = valid_post(page, **overrides)
    data.update(files if files is not None else {"budget": SimpleUploadedFile("budget.pdf", PDF)})
    return client.post(page.url, data)


def test_application_is_stored_with_reference_and_confirmed(
    client, django_capture_on_commit_callbacks
):
    page = call("WBCSP-2026-CORE-01", "sq")
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves after the commit
        response = _post(client, page)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.reference.startswith(f"SB-{timezone.localtime().year}-")
    assert application.call_code == "WBCSP-2026-CORE-01"
    assert application.language == "sq"
    assert application.country == "kosovo"
    assert application.form_data["organisation_type"] == "cso"  # the key, not the label
    assert application.form_data["themes"] == ["security", "governance"]
    assert application.form_data["budget"] == "budget.pdf"
    stored = ApplicationFile.objects.get()
    assert stored.size == len(PDF) and stored.content_type == "application/pdf"
    assert stored.file.path.startswith(private_root())
    assert IntakeDelivery.objects.get(application=application).status == "pending"

    confirmation = client.get(response["Location"])
    html = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert application.reference in html
    assert confirmation["Cache-Control"] == "private, no-store"
    assert "applicant@example.org" not in html and "a•••t@example.org" in html
    assert "Organizatë e shoqërisë civile" in html  # the summary speaks the applicant's language
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["applicant@example.org"]
    assert application.reference in mail.outbox[0].subject + mail.outbox[0].body
    assert "Emri i organizatës" in mail.outbox[0].body
    assert application.confirmation_mail.status == "delivered"


def test_one_second_after_the_deadline_nothing_is_stored(client):
    page = call("WBCSP-2026-CORE-01", "en")
    form_page = client.get(page.url)  # the form was loaded while the call was open
    assert 'name="budget"' in form_page.content.decode()
    page.deadline = timezone.now() - timedelta(seconds=1)
    page.save()
    response = _post(client, page)
    assert response.status_code == 403
    assert "not accepted now" in response.content.decode()
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()


def test_forthcoming_call_shows_when_it_opens_and_refuses_posts(client):
    page = call("WBCSP-2026-REG-04", "en")
    html = client.get(page.url).content.decode()
    assert "Applications open on" in html and 'name="budget"' not in html
    assert _post(client, page).status_code == 403
    assert not Application.objects.exists()


def test_validation_errors_keep_values(client):
    page = call("WBCSP-2026-CORE-01", "en")
    response = _post(client, page, files={}, email="not-an-email")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Qendra për Demokraci Lokale"' in html
    assert not Application.objects.exists()


def test_a_failure_while_storing_leaves_nothing(client, monkeypatch):
    page = call("WBCSP-2026-CORE-01", "en")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    def files_on_disk():
        return sorted(str(path) for path in Path(private_root()).rglob("*") if path.is_file())

    before = files_on_disk()
    monkeypatch.setattr(IntakeDelivery.objects, "create", broken)
    response = _post(client, page)
    assert response.status_code == 500
    assert "could not be stored" in response.content.decode()
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()
    assert files_on_disk() == before  # the file written before the failure was removed


def test_same_form_in_sq_and_sr_gives_the_same_keys(client):
    sq, sr = call(language="sq"), call(language="sr")
    assert [f.key for f in sq.form_fields.all()] == [f.key for f in sr.form_fields.all()]
    assert [f.label for f in sq.form_fields.all()] != [f.label for f in sr.form_fields.all()]
    assert _post(client, sq).status_code == 302
    assert _post(client, sr, country="serbia").status_code == 302
    first, second = Application.objects.order_by("pk")
    assert set(first.form_data) == set(second.form_data)
    assert second.form_data["organisation_type"] == "cso"
    assert {first.language, second.language} == {"sq", "sr"}


def test_references_are_unique_across_calls(client):
    _post(client, call("WBCSP-2026-CORE-01", "en"))
    _post(client, call("WBCSP-2026-LOC-02", "mk"), country="north-macedonia")
    references = list(Application.objects.values_list("reference", flat=True))
    assert len(references) == 2 and len(set(references)) == 2


def test_external_call_links_to_the_intake_with_code_language_and_country(client):
    page = call("WBCSP-2026-MEDIA-03", "sr")
    html = client.get(page.url).content.decode()
    assert 'action="https://apply.wbcsp.example/apply"' in html
    assert 'name="call" value="WBCSP-2026-MEDIA-03"' in html
    assert 'name="lang" value="sr"' in html
    assert 'name="country"' in html
    assert (
        page.external_apply_url("sq", "kosovo")
        == "https://apply.wbcsp.example/apply?call=WBCSP-2026-MEDIA-03&lang=sq&country=kosovo"
    )
    assert _post(client, page).status_code == 200  # no embedded form: the post just shows the page
    assert not Application.objects.exists()


def test_orphan_files_of_a_killed_request_are_swept(client):
    from django.core.files.base import ContentFile

    from calls.orphan_files import remove_orphan_files
    from calls.storage import private_storage

    page = call("WBCSP-2026-CORE-01", "en")
    assert _post(client, page).status_code == 302
    kept = ApplicationFile.objects.get().file.name
    # What a process killed after writing a file but before storing its row leaves behind.
    orphan = private_storage().save("WBCSP-2026-CORE-01/deadbeef/budget.pdf", ContentFile(PDF))
    assert orphan not in remove_orphan_files()  # too recent: maybe a request in progress
    assert orphan in remove_orphan_files(now=timezone.now() + timedelta(hours=2))
    assert not private_storage().exists(orphan) and private_storage().exists(kept)
