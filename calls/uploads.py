"""Checks on uploaded files: type by content (magic bytes), size, and a safe file name."""

import hashlib
import os
import re
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from calls.file_types import EXTENSIONS as ALLOWED_KINDS  # detected kind → allowed name extensions
from calls.file_types import describe


def max_file_size():
    return getattr(settings, "CALLS_MAX_FILE_SIZE", 10 * 1024 * 1024)


def max_application_size():
    return getattr(settings, "CALLS_MAX_APPLICATION_SIZE", 25 * 1024 * 1024)


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
