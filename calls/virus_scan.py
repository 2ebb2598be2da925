"""The virus-scan hook for applicants' uploads.

``UPLOAD_VIRUS_SCAN`` chooses the scanner:

- ``off`` (the default): no scan;
- ``clamav``: ClamAV from Debian — ``clamdscan`` (the daemon, fast) when it is installed, else
  ``clamscan`` — or the program named by ``UPLOAD_VIRUS_SCAN_COMMAND``; exit status 0 means clean,
  1 infected, anything else an error;
- a dotted path to a function ``scan(uploaded)`` that raises ``ValidationError`` to refuse a file.

When a scanner is configured but missing, times out or fails, the upload is refused (fail closed):
a file nobody could check is never stored.
"""

import logging
import shutil
import subprocess

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
CLEAN, INFECTED = 0, 1


def _infected():
    return ValidationError(
        _("The file contains a virus or other malware and was refused. Nothing was stored."),
        code="virus",
    )


def _unavailable():
    return ValidationError(
        _(
            "Your file could not be checked for viruses just now, so nothing was stored. "
            "Please try again in a few minutes."
        ),
        code="virus_scan_unavailable",
    )


def scanner_command():
    """The ClamAV command line that reads a file from standard input, or None if none is installed."""
    configured = settings.UPLOAD_VIRUS_SCAN_COMMAND
    candidates = [configured] if configured else ["clamdscan", "clamscan"]
    for name in candidates:
        path = shutil.which(name)
        if path:
            return [path, "--no-summary", "-"]
    return None


def clamav_scan(uploaded):
    """Scan with ClamAV; raise ValidationError if infected or if the scan could not be done."""
    command = scanner_command()
    if command is None:
        logger.error("UPLOAD_VIRUS_SCAN=clamav but no clamdscan/clamscan is installed")
        raise _unavailable()
    timeout = settings.UPLOAD_VIRUS_SCAN_TIMEOUT
    uploaded.seek(0)
    try:
        if hasattr(uploaded, "temporary_file_path"):  # large uploads are already on disk
            with open(uploaded.temporary_file_path(), "rb") as handle:
                result = subprocess.run(  # noqa: S603 - a fixed program, the file on stdin
                    command, stdin=handle, capture_output=True, timeout=timeout, check=False
                )
        else:
            result = subprocess.run(  # noqa: S603
                command, input=uploaded.read(), capture_output=True, timeout=timeout, check=False
            )
    except (OSError, subprocess.TimeoutExpired, ValueError) as error:
        logger.error("Virus scan with %s failed: %s", command[0], error)
        raise _unavailable() from error
    finally:
        uploaded.seek(0)
    if result.returncode == INFECTED:
        logger.warning("Virus scan refused an upload: %s", result.stdout.decode(errors="replace"))
        raise _infected()
    if result.returncode != CLEAN:
        logger.error(
            "Virus scan with %s ended with %s: %s",
            command[0],
            result.returncode,
            (result.stderr or result.stdout).decode(errors="replace")[:500],
        )
        raise _unavailable()


# The standard anti-virus test file (eicar.org): refused by a built-in check even with no scanner,
# so that the test of an installation proves something whatever UPLOAD_VIRUS_SCAN says.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
_CHUNK = 1024 * 1024


def contains_eicar(uploaded):
    """True if the EICAR test string is anywhere in the upload (read a chunk at a time)."""
    uploaded.seek(0)
    tail = b""
    try:
        while chunk := uploaded.read(_CHUNK):
            if EICAR in tail + chunk:
                return True
            tail = chunk[-len(EICAR) :]
    finally:
        uploaded.seek(0)
    return False


def scan(uploaded):
    """Run the configured scanner on one upload (only the built-in EICAR check when
    ``UPLOAD_VIRUS_SCAN`` is off)."""
    if contains_eicar(uploaded):
        logger.warning("Refused an upload carrying the EICAR test string")
        raise _infected()
    choice = (settings.UPLOAD_VIRUS_SCAN or "off").strip()
    if choice == "off":
        return
    if choice == "clamav":
        clamav_scan(uploaded)
        return
    try:
        scanner = import_string(choice)
    except ImportError as error:
        raise ImproperlyConfigured(f"UPLOAD_VIRUS_SCAN={choice!r} cannot be imported") from error
    scanner(uploaded)
