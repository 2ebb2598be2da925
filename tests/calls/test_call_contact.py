"""A call's contact line: a name and an e-mail address joined by a dash, never a dash alone."""

import re

import pytest
from wagtail.models import Locale

from calls.models import CallPage

pytestmark = pytest.mark.django_db


def _contact(client, page):
    html = client.get(page.url).content.decode()
    section = re.search(r'<section aria-labelledby="contact-heading">.*?</section>', html, re.S)
    if section is None:
        return None
    line = re.search(r"<p>(.*?)</p>", section.group(0), re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip()


@pytest.mark.parametrize(
    ("name", "email", "expected"),
    [
        (
            "Тим за грантове програма",
            "grants@wbcsp.example",
            "Тим за грантове програма — grants@wbcsp.example",
        ),
        ("", "grants@wbcsp.example", "grants@wbcsp.example"),
        ("Тим за грантове програма", "", "Тим за грантове програма"),
        ("", "", None),
    ],
)
def test_contact_line_has_no_orphan_punctuation(client, name, email, expected):
    page = CallPage.objects.filter(locale=Locale.objects.get(language_code="sr")).first()
    page.contact_name = name
    page.contact_email = email
    page.save_revision().publish()
    assert _contact(client, page) == expected
