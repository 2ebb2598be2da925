"""Checks on uploaded files: type by content (magic bytes, then the file's structure), size, a
virus scan (``calls.virus_scan``), and a safe file name."""

import hashlib
import os
import re
import unicodedata
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from calls.file_types import EXTENSIONS as ALLOWED_KINDS  # detected kind → allowed name extensions
from calls.file_types import describe
from calls.virus_scan import scan


def max_file_size():
    return settings.CALLS_MAX_FILE_SIZE


def max_application_size():
    return settings.CALLS_MAX_APPLICATION_SIZE


def max_request_size():
    """The largest form post accepted at all: every file at its limit plus room for the answers."""
    return settings.CALLS_MAX_REQUEST_SIZE or max_application_size() + 1024 * 1024


def stored_file_fields(upload):
    """What a stored file's row (ApplicationFile, PendingUpload) records of a checked upload
    (``CheckedFileField`` gives it ``safe_name``, ``mime`` and ``sha256``)."""
    return {
        "original_name": upload.safe_name,
        "content_type": upload.mime,
        "size": upload.size,
        "sha256": upload.sha256,
    }


def sanitise_filename(name, extension):
    """A file name safe to store and show: no directories, no control characters, the given extension."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]  # drop any directory part, including "..\\" tricks
    stem = os.path.splitext(name)[0]
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] in "LNZ" or ch in "-_.()")
    stem = re.sub(r"\s+", "-", stem.strip()).strip(".-_")[:80] or "file"
    return f"{stem}.{extension}"


def _detect(uploaded):
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if not head:
        return None
    kind = filetype.guess(head)
    if kind is None or kind.extension == "zip":
        # Office formats are ZIP containers; filetype needs more than the head to tell them apart.
        uploaded.seek(0)
        kind = filetype.guess(uploaded.read(2 * 1024 * 1024))
        uploaded.seek(0)
    return kind


def check_upload(uploaded, kinds=None):
    """Validate one upload against ``kinds`` (default: every accepted kind); returns
    (safe name, extension, MIME type, sha256) or raises ValidationError."""
    kinds = tuple(kinds or ALLOWED_KINDS)
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > max_file_size():
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s per file.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_file_size())},
            code="too_large",
        )
    kind = _detect(uploaded)
    if kind is None or kind.extension not in kinds:
        raise ValidationError(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": describe(kinds)},
            code="type",
        )
    name_extension = os.path.splitext(str(uploaded.name or ""))[1].lstrip(".").lower()
    if name_extension not in ALLOWED_KINDS[kind.extension]:
        raise ValidationError(
            _("The file's name does not match its content (%(kind)s). Please check the file.")
            % {"kind": kind.extension.upper()},
            code="mismatch",
        )
    check_structure(uploaded, kind.extension)
    scan(uploaded)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return (
        sanitise_filename(uploaded.name, name_extension),
        name_extension,
        kind.mime,
        digest.hexdigest(),
    )


# --- What the file really is -------------------------------------------------------------------
# Magic bytes say only how a file begins. A file is accepted when it also has the structure of its
# type and nothing else folded into it: no web page behind a PDF or PNG header, no ZIP archive
# appended to a PDF or image (a polyglot), no program or macros inside an office document.

_MARKUP = re.compile(
    rb"<\s*(html|script|body|iframe|svg|object|embed|meta|!doctype)\b|<\?php", re.I
)
_EXECUTABLE_NAMES = re.compile(
    r"\.(exe|dll|com|scr|pif|bat|cmd|ps1|vbs|vbe|js|jse|wsf|wsh|hta|msi|msp|jar|sh|bin|lnk|cpl|app)$",
    re.I,
)
_MACRO_PARTS = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml|activeX/|embeddings/oleObject[^/]*\.bin)|^(Basic|Scripts)/",
    re.I,
)
# A web page inside an office document (Word's altChunk imports it as the document's content).
_HTML_PARTS = re.compile(r"\.(html?|xhtml|mht|mhtml|svg)$", re.I)
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
_OFFICE_PARTS = {
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
}
_ODF_MIME = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
_MAX_UNPACKED = 200 * 1024 * 1024  # a "zip bomb" is not an application document


def _not_what_it_claims(kind):
    return ValidationError(
        _(
            "The file does not have the structure of a %(kind)s file, or it hides something else "
            "(for example a web page or an archive). Please save it again as a plain %(kind)s file "
            "and upload it again."
        )
        % {"kind": kind.upper()},
        code="structure",
    )


def _carries_code():
    return ValidationError(
        _(
            "The document contains a program, a script, macros, a web page or embedded objects, "
            "which are not accepted. Nothing was stored. Please save it without them (for example "
            "print it to a plain PDF) and upload it again."
        ),
        code="active_content",
    )


def _read_all(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _check_pdf(data):
    head = data[:1024]
    if not head.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise _not_what_it_claims("pdf")
    if b" obj" not in data[:65536] and b"\nobj" not in data[:65536]:
        raise _not_what_it_claims("pdf")
    if _MARKUP.search(data[:8192]):
        raise _not_what_it_claims("pdf")


# PDF names that run something when the file is opened (``/J#61vaScript`` is ``/JavaScript``).
_PDF_ACTIVE = re.compile(
    rb"/(JS|JavaScript|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)\b"
)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_SCAN_CHUNK, _SCAN_OVERLAP = 1024 * 1024, 64


def _pdf_active_content(uploaded):
    """Look through the whole PDF, a chunk at a time (bounded memory): scripts, launch actions,
    embedded files, and a web page hidden anywhere in it (a polyglot, not only in its head)."""
    uploaded.seek(0)
    tail = b""
    try:
        while chunk := uploaded.read(_SCAN_CHUNK):
            window = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), tail + chunk)
            if _PDF_ACTIVE.search(window):
                raise _carries_code()
            if _MARKUP.search(window):
                raise _not_what_it_claims("pdf")
            tail = chunk[-_SCAN_OVERLAP:]
    finally:
        uploaded.seek(0)


def _check_image(data, kind):
    from io import BytesIO

    from PIL import Image

    if _MARKUP.search(data):
        raise _not_what_it_claims(kind)
    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
            expected = {"png": "PNG", "jpg": "JPEG"}[kind]
            if image.format != expected:
                raise _not_what_it_claims(kind)
    except ValidationError:
        raise
    except Exception as error:
        raise _not_what_it_claims(kind) from error
    if kind == "png" and not data.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82"):
        raise _not_what_it_claims(kind)  # something follows the image


def _check_office(uploaded, kind):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if sum(member.file_size for member in members) > _MAX_UNPACKED:
                raise _not_what_it_claims(kind)
            if kind in _ODF_MIME:
                if not members or members[0].filename != "mimetype":
                    raise _not_what_it_claims(kind)
                if archive.read("mimetype").strip() != _ODF_MIME[kind]:
                    raise _not_what_it_claims(kind)
            elif not all(part in names for part in _OFFICE_PARTS[kind]):
                raise _not_what_it_claims(kind)
            if "[Content_Types].xml" in names and re.search(
                rb"aFChunk|text/html|message/rfc822|application/xhtml|macroEnabled",
                archive.read("[Content_Types].xml"),
                re.I,
            ):
                raise _carries_code()
            for member in members:
                if _EXECUTABLE_NAMES.search(member.filename) or _MACRO_PARTS.search(
                    member.filename
                ):
                    raise _carries_code()
                if _HTML_PARTS.search(member.filename):
                    raise _carries_code()
                if member.is_dir() or member.file_size < 2:
                    continue
                with archive.open(member) as handle:
                    if handle.read(4).startswith(_EXECUTABLE_MAGIC):
                        raise _carries_code()
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, EOFError) as error:
        raise _not_what_it_claims(kind) from error
    finally:
        uploaded.seek(0)


def check_structure(uploaded, kind):
    """Raise ValidationError unless the upload is only what its detected ``kind`` says it is."""
    if kind in ("docx", "xlsx", "odt", "ods"):
        _check_office(uploaded, kind)
        return
    data = _read_all(uploaded)  # at most CALLS_MAX_FILE_SIZE, checked before
    uploaded.seek(0)
    if zipfile.is_zipfile(uploaded):
        uploaded.seek(0)
        raise _not_what_it_claims(kind)  # a PDF or image that is also a ZIP archive
    uploaded.seek(0)
    if kind == "pdf":
        _check_pdf(data)
        _pdf_active_content(uploaded)
    else:
        _check_image(data, kind)
