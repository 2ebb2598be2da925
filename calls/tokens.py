"""Signed, expiring tokens that fit in one Wagtail path segment (letters, digits, - and _ only)."""

import base64

from django.core import signing


def make_token(value, salt):
    signed = signing.dumps(value, salt=salt)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_token(token, salt, max_age):
    """The signed value, or raise signing.BadSignature (also for malformed or expired tokens)."""
    try:
        padded = token + "=" * (-len(token) % 4)
        signed = base64.urlsafe_b64decode(padded.encode()).decode()
    except (ValueError, UnicodeError) as error:
        raise signing.BadSignature("malformed token") from error
    return signing.loads(signed, salt=salt, max_age=max_age)
