"""Files that are not what they claim — beyond the magic bytes — and the virus-scan hook."""

import glob
import io
import os
import shutil
import stat
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from calls.models import Application, ApplicationFile
from tests.calls.helpers import EXE, PDF, PNG, call, office_zip, valid_post

pytestmark = pytest.mark.django_db
# The EICAR test file: harmless, and recognised as a virus by every scanner.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _zip_with(base, extra):
    buffer = io.BytesIO(base)
    with zipfile.ZipFile(buffer, "a") as archive:
        for name, content in extra.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _apply(client, name, content, language="en"):
    page = call("WBCSP-2026-CORE-01", language)
    data = valid_post(page)
    # Images go to the field that takes scans; the budget takes documents and spreadsheets.
    field = "registration_certificate" if name.startswith("scan") else "budget"
    data["budget"] = SimpleUploadedFile("budget.pdf", PDF)
    data[field] = SimpleUploadedFile(name, content, "application/octet-stream")
    return client.post(page.url, data, REMOTE_ADDR="10.8.0.1")


def _polyglot():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as inner:
        inner.writestr("payload.html", "<script>alert(1)</script>")
    return PDF + archive.getvalue()


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "budget.pdf",
            b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF",
            "structure of a PDF",
        ),
        ("budget.pdf", _polyglot(), "structure of a PDF"),  # PDF and ZIP at once
        ("scan.png", PNG[:16] + b"<html><body>phish</body></html>", "structure of a PNG"),
        ("scan.png", PNG + b"<script>alert(1)</script>", "structure of a PNG"),
        (
            "budget.docx",
            _zip_with(office_zip("docx"), {"word/setup.exe": EXE}),
            "contains a program",
        ),
        (
            "budget.docx",
            _zip_with(office_zip("docx"), {"word/media/image1.png": EXE}),
            "contains a program",
        ),
        (
            "budget.xlsx",
            _zip_with(office_zip("xlsx"), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
            "macros",
        ),
        (
            "budget.odt",
            _zip_with(office_zip("odt"), {"Basic/Standard/Module1.xml": "<x/>"}),
            "macros",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "-",
)
def test_files_that_are_not_what_they_claim_are_refused(client, name, content, message):
    response = _apply(client, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()


def test_the_refusal_speaks_the_readers_language(client):
    response = _apply(client, "budget.pdf", _polyglot(), language="sr")
    assert response.status_code == 400
    assert "нема структуру PDF датотеке" in response.content.decode()


def _scanner(tmp_path, name="clamscan"):
    """A stand-in scanner on PATH with ClamAV's interface: exit 1 for EICAR on stdin, else 0."""
    script = tmp_path / name
    script.write_text(
        "#!/bin/sh\nif grep -q 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE'; then\n"
        "  echo 'stdin: Eicar-Signature FOUND'; exit 1\nfi\nexit 0\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_eicar_is_refused_and_clean_files_pass_with_a_scanner_on_path(
    client, settings, tmp_path, monkeypatch
):
    settings.UPLOAD_VIRUS_SCAN = "clamav"
    _scanner(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    settings.UPLOAD_VIRUS_SCAN_COMMAND = "clamscan"
    infected = _apply(client, "budget.pdf", PDF.replace(b"%%EOF", EICAR + b"\n%%EOF"))
    assert infected.status_code == 400
    assert "contains a virus" in infected.content.decode()
    assert not Application.objects.exists()
    assert _apply(client, "budget.pdf", PDF).status_code == 302


SIGNATURES = glob.glob("/var/lib/clamav/*.c[lv]d")


@pytest.mark.skipif(
    shutil.which("clamscan") is None or not SIGNATURES,
    reason="ClamAV's signature database is absent (freshclam cannot download it here)",
)
def test_real_clamscan_refuses_eicar(client, settings):
    settings.UPLOAD_VIRUS_SCAN = "clamav"
    settings.UPLOAD_VIRUS_SCAN_COMMAND = "clamscan"
    infected = _apply(client, "budget.pdf", PDF.replace(b"%%EOF", EICAR + b"\n%%EOF"))
    assert infected.status_code == 400 and "contains a virus" in infected.content.decode()


@pytest.mark.skipif(
    shutil.which("clamscan") is None or bool(SIGNATURES),
    reason="needs Debian's clamscan without signatures (with them, the EICAR test above runs)",
)
def test_real_clamscan_without_signatures_fails_closed(client, settings):
    settings.UPLOAD_VIRUS_SCAN = "clamav"
    settings.UPLOAD_VIRUS_SCAN_COMMAND = "clamscan"
    response = _apply(client, "budget.pdf", PDF)
    assert response.status_code == 400
    assert "could not be checked for viruses" in response.content.decode()
    assert not Application.objects.exists()


def test_a_configured_scanner_that_is_missing_fails_closed(client, settings):
    settings.UPLOAD_VIRUS_SCAN = "clamav"
    settings.UPLOAD_VIRUS_SCAN_COMMAND = "no-such-clamscan"
    response = _apply(client, "budget.pdf", PDF)
    assert response.status_code == 400
    assert "could not be checked for viruses" in response.content.decode()
    assert not Application.objects.exists()
