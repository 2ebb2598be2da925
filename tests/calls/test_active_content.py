"""Uploads with active content (issue 24, item 6): refused through the real form post, with a clear
message, nothing stored and the applicant's other answers kept; clean files still go through."""

import io
import zipfile

import pytest
from django.core import checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from calls.models import Application, ApplicationFile
from calls.virus_scan import EICAR
from tests.calls.helpers import PDF, call, valid_post

pytestmark = pytest.mark.django_db


def _pdf(extra=b"", padding=0):
    """A small real PDF with ``extra`` objects before the trailer, ``padding`` bytes of comment
    before them (to hide them after the first 8 KB)."""
    body = PDF.split(b"trailer")[0]
    filler = (b"%" + b"x" * 70 + b"\n") * (padding // 72)
    return body + filler + extra + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _docx(*parts, content_types="<Types/>"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


def _post(client, name, content):
    page = call("WBCSP-2026-CORE-01", "en")
    data = valid_post(page)
    data["budget"] = SimpleUploadedFile(name, content)
    return client.post(page.url, data, REMOTE_ADDR="10.9.0.1")


REFUSED = [
    ("js.pdf", _pdf(b"3 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n")),
    (
        "openaction.pdf",
        _pdf(b"3 0 obj\n<< /OpenAction << /S /JavaScript /JS 4 0 R >> >>\nendobj\n"),
    ),
    ("escaped.pdf", _pdf(b"3 0 obj\n<< /S /J#61vaScript /J#53 (x) >>\nendobj\n")),
    ("launch.pdf", _pdf(b"3 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj\n")),
    ("embedded.pdf", _pdf(b"3 0 obj\n<< /EmbeddedFiles 4 0 R >>\nendobj\n")),
    ("richmedia.pdf", _pdf(b"3 0 obj\n<< /Type /RichMedia >>\nendobj\n")),
    ("polyglot.pdf", _pdf(b"<html><script>alert(1)</script></html>\n", padding=20000)),
    ("eicar.pdf", _pdf(b"3 0 obj\n(" + EICAR + b")\nendobj\n")),
    ("altchunk.docx", _docx(("word/afchunk.htm", "<html><body>x</body></html>"))),
    ("mht.docx", _docx(("word/page.mht", "MIME-Version: 1.0"))),
    ("macros.docx", _docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 64))),
    (
        "aftype.docx",
        _docx(content_types='<Types><Default Extension="x" ContentType="text/html"/></Types>'),
    ),
]


@pytest.mark.parametrize("name, content", REFUSED, ids=[name for name, _c in REFUSED])
def test_active_content_is_refused_and_nothing_is_stored(client, name, content):
    response = _post(client, name, content)
    assert response.status_code == 400
    html = response.content.decode()
    assert "not accepted" in html or "virus" in html or "hides something else" in html, html[:2000]
    assert "Qendra për Demokraci Lokale" in html  # the other answers are still in the form
    assert Application.objects.count() == 0
    assert ApplicationFile.objects.count() == 0


def test_eicar_is_refused_with_no_scanner_configured(client):
    with override_settings(UPLOAD_VIRUS_SCAN="off"):
        response = _post(client, "eicar.pdf", _pdf(b"%" + EICAR + b"\n", padding=9000))
    assert "contains a virus" in response.content.decode()
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "name, content",
    [
        ("clean.pdf", _pdf(b"3 0 obj\n<< /Type /Page /Contents 4 0 R >>\nendobj\n", padding=20000)),
        ("clean.docx", _docx(("word/styles.xml", "<w:styles/>"))),
    ],
    ids=["pdf", "docx"],
)
def test_a_clean_pdf_or_docx_still_goes_through(client, name, content):
    response = _post(client, name, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ApplicationFile.objects.get().original_name == name


def test_check_deploy_warns_without_a_scanner():
    with override_settings(UPLOAD_VIRUS_SCAN="off"):
        ids = {message.id for message in checks.run_checks(include_deployment_checks=True)}
    assert "runtime.W002" in ids
    with override_settings(UPLOAD_VIRUS_SCAN="clamav"):
        ids = {message.id for message in checks.run_checks(include_deployment_checks=True)}
    assert "runtime.W002" not in ids
