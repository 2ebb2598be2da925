"""The demo library: complete in every language, idempotent, with small real files."""

from pathlib import Path

import pytest
from django.conf import settings

from home.seeding import seed_site
from resources.models import CampaignPage, ResourcePage

pytestmark = pytest.mark.django_db

DEMO_FILES = Path(__file__).resolve().parents[2] / "resources" / "demo_files"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_language_has_ten_resources_and_two_campaigns(code):
    resources = ResourcePage.objects.live().filter(locale__language_code=code)
    assert resources.count() == 10
    assert len(set(resources.values_list("resource_type", flat=True))) == 7
    assert CampaignPage.objects.live().filter(locale__language_code=code).count() == 2


def test_serbian_latin_is_generated_from_cyrillic():
    latin = ResourcePage.objects.get(locale__language_code="sr-latn", slug="vodic-za-zagovaranje")
    assert latin.title == "Vodič za zagovaranje za lokalne organizacije civilnog društva"


def test_seeding_again_creates_no_resources_or_campaigns():
    report = seed_site()
    assert [item for item in report.created if "resource" in item or "campaign" in item] == []


def test_demo_files_are_real_and_small():
    files = sorted(DEMO_FILES.glob("*.p[dn][fg]"))
    assert len(files) >= 50
    for path in files:
        head = path.read_bytes()[:8]
        assert head.startswith(b"%PDF") or head.startswith(b"\x89PNG"), path.name
        assert path.stat().st_size < 12 * 1024, path.name
