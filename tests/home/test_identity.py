"""The site's identity as a reader meets it: one name for the programme, the self-hosted typeface,
one quote style, photographs only where an article has its own, the call countdown."""

import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from calls.status import CLOSED, CLOSING_SOON, FORTHCOMING, OPEN
from calls.templatetags.calls_tags import countdown
from home.models import HomePage
from news.models import StoryPage

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "site" / "static"


def test_one_name_for_the_programme_on_the_home_page(client):
    """The header, footer and text of the sr and bs home pages name the programme the same way."""
    names = {
        "sr": "Програм цивилног друштва Западног Балкана",
        "bs": "Program civilnog društva Zapadnog Balkana",
    }
    other = {"sr": "Програм за цивилно друштво", "bs": "Program za civilno društvo"}
    for language, name in names.items():
        home = HomePage.objects.get(locale__language_code=language)
        html = client.get(home.url).content.decode()
        header = re.search(r'<a class="site-header__brand".*?</a>', html, re.S).group(0)
        assert name in header
        assert html.count(name) >= 3  # header, page text, footer
        assert other[language] not in html


def test_every_font_face_is_a_self_hosted_subset_that_swaps(client):
    css = (STATIC / "css" / "site.css").read_text()
    faces = re.findall(r"@font-face\s*{(.*?)}", css, re.S)
    assert len(faces) == 8  # latin, latin-ext, cyrillic, cyrillic-ext × 400, 700
    for face in faces:
        assert "font-display: swap" in face and "unicode-range:" in face
        file = re.search(r'url\("\.\./fonts/([^"]+)"\)', face).group(1)
        assert (STATIC / "fonts" / file).stat().st_size < 25_000, file  # subsets, not the full font
    assert "SIL Open Font License" in (STATIC / "fonts" / "OFL.txt").read_text()
    sr = client.get(HomePage.objects.get(locale__language_code="sr").url).content.decode()
    sq = client.get(HomePage.objects.get(locale__language_code="sq").url).content.decode()
    preloaded = re.compile(
        r'<link rel="preload" href="/static/fonts/noto-sans-([a-z]+-\d00)\.woff2" as="font" type="font/woff2" crossorigin>'
    )
    assert set(preloaded.findall(sr)) == {"latin-400", "latin-700", "cyrillic-400", "cyrillic-700"}
    assert set(preloaded.findall(sq)) == {"latin-400", "latin-700"}


def test_story_quotes_share_the_quote_style_of_the_body(client):
    story = StoryPage.objects.filter(locale__language_code="sq").exclude(pull_quotes=[]).first()
    html = client.get(story.url).content.decode()
    assert '<figure class="block-quote">' in html and "pull-quote" not in html


def test_articles_without_their_own_photograph_show_none(client):
    """No stand-in picture: an article without an image has no picture, and no image repeats."""
    stories = StoryPage.objects.filter(locale__language_code="sr").order_by("path")
    without = stories.filter(listing_image__isnull=True).first()
    html = client.get(without.url).content.decode()
    assert '<figure class="article-image">' not in html
    with_image = stories.filter(listing_image__isnull=False).first()
    html = client.get(with_image.url).content.decode()
    assert '<figure class="article-image">' in html and 'fetchpriority="high"' in html


def test_countdown_in_the_readers_language():
    now = timezone.now()
    call = SimpleNamespace(
        status=OPEN, opening_at=now - timedelta(days=3), deadline=now + timedelta(days=12, hours=5)
    )
    with translation.override("en"):
        assert countdown(call, now) == "12 days left"
    with translation.override("sr"):
        assert countdown(call, now) == "Још 12 дана"
    with translation.override("sq"):
        assert countdown(call, now) == "Edhe 12 ditë"
    soon = SimpleNamespace(
        status=CLOSING_SOON, opening_at=call.opening_at, deadline=now + timedelta(hours=20)
    )
    with translation.override("mk"):
        assert countdown(soon, now) == "Останува помалку од еден ден"
    one = SimpleNamespace(
        status=CLOSING_SOON, opening_at=call.opening_at, deadline=now + timedelta(days=1, hours=1)
    )
    with translation.override("hr"):
        assert countdown(one, now) == "Još 1 dan"
    later = SimpleNamespace(
        status=FORTHCOMING, opening_at=now + timedelta(days=3, hours=1), deadline=call.deadline
    )
    with translation.override("en"):
        assert countdown(later, now) == "Opens in 3 days"
    closed = SimpleNamespace(
        status=CLOSED, opening_at=call.opening_at, deadline=now - timedelta(days=1)
    )
    assert countdown(closed, now) == ""
