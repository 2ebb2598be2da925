"""Helpers for calls tests: find seeded calls, build valid posts and small real files."""

import io
import time
import zipfile
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from calls import abuse
from calls.models import CallIndexPage, CallPage

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages "
    b"/Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _image(kind):
    """A real 2×2 picture (Pillow), as a scanner or phone would write it."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def office_zip(kind):
    """A minimal DOCX/XLSX/ODT/ODS container, enough for content sniffing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind in ("odt", "ods"):
            mime = {
                "odt": "application/vnd.oasis.opendocument.text",
                "ods": "application/vnd.oasis.opendocument.spreadsheet",
            }[kind]
            archive.writestr("mimetype", mime)
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            part = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind]
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


def call(code="WBCSP-2026-CORE-01", language="en"):
    return CallPage.objects.get(code=code, locale__language_code=language)


def valid_post(page, **overrides):
    """Field values a careful applicant would send (files passed separately)."""
    data = {
        "organisation_name": "Qendra për Demokraci Lokale",
        "email": "applicant@example.org",
        "country": "kosovo",
        "organisation_type": "cso",
        "themes": ["security", "governance"],
        "requested_amount": "25000",
        "project_summary": "Citizen scorecards for municipal services in three towns.",
        abuse.STARTED_FIELD: abuse.started_token(time.time() - 60),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def call_codes_in(html, language):
    """The codes of the calls of ``language`` that ``html`` links to, in order, each once."""
    import re

    by_url = {
        page.url: page.code for page in CallPage.objects.filter(locale__language_code=language)
    }
    codes = []
    for href in re.findall(r'href="([^"?#]+)"', html):
        code = by_url.get(href)
        if code and code not in codes:
            codes.append(code)
    return codes


def new_english_call(form_fields):
    """A new open English call of embedded mode with ``form_fields`` (FormField instances, numbered
    here as the editor numbers them: otherwise PostgreSQL may order ties at random), published."""
    en = Locale.objects.get(language_code="en")
    now = timezone.now()
    page = CallPage(
        title="Community radio in three towns",
        slug="community-radio-three-towns",
        code="WBCSP-2026-RADIO-09",
        opening_at=now - timedelta(days=1),
        deadline=now + timedelta(days=30),
        application_mode=CallPage.EMBEDDED,
    )
    for order, field in enumerate(form_fields):
        field.sort_order = order
    page.form_fields = form_fields
    CallIndexPage.objects.get(locale=en).add_child(instance=page)
    page.save_revision().publish()
    return page
