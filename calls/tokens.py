"""Signed, expiring tokens for ids that fit in one short path segment.

A token is ``<id>-<time>-<signature>``: the id and the signing time in base 62, then 16
characters (96 bits) of an HMAC-SHA256 over both, keyed by SECRET_KEY and a salt per use.
About 25 characters, so that a confirmation address can be read, copied and printed.
"""

import base64
import hmac
import time

from django.core import signing
from django.utils.crypto import salted_hmac

_SIGNATURE_LENGTH = 16
# The salt of the signed links from which the intake fetches files: made by calls.intake, read by
# calls.downloads.
FILE_URL_SALT = "calls.intake-file"


def _signature(body, salt):
    digest = salted_hmac(salt, body, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode()[:_SIGNATURE_LENGTH]


def make_token(value, salt):
    """A token carrying the non-negative integer ``value`` (an application's or a file's id)."""
    body = f"{signing.b62_encode(int(value))}-{signing.b62_encode(int(time.time()))}"
    return f"{body}-{_signature(body, salt)}"


def read_token(token, salt, max_age):
    """The signed value, or raise signing.BadSignature (also for malformed or expired tokens)."""
    parts = str(token).split("-", 2)
    if len(parts) != 3 or not all(parts):
        raise signing.BadSignature("malformed token")
    value, stamp, signature = parts
    body = f"{value}-{stamp}"
    if not hmac.compare_digest(signature.encode(), _signature(body, salt).encode()):
        raise signing.BadSignature("bad signature")
    try:
        age = time.time() - signing.b62_decode(stamp)
        pk = signing.b62_decode(value)
    except ValueError as error:  # pragma: no cover - a valid signature implies our own format
        raise signing.BadSignature("malformed token") from error
    if age > max_age:
        raise signing.SignatureExpired("token expired")
    return pk
