"""Numbers, money, dates, programme time and quotation marks as each language writes them.

One formatting path (home/templatetags/formatting.py) serves every template; these tests check its
output per language and that pages of news, calls and resources show what it gives.
"""

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from home.templatetags.formatting import (
    format_date,
    format_money_range,
    format_number,
    format_programme_span,
    format_programme_time,
)
from news.models import StoryPage

WINTER = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)  # 12:00 CET
SUMMER = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)  # 12:00 CEST

# language: (figure 1200, amounts, a date, a deadline in winter, the summer zone's name)
EXPECTED = {
    "en": ("1,200", "3,000 – 10,000", "18 November 2026",
           "5 December 2026, 12:00 (Central European Time)", "Central European Summer Time"),
    "sq": ("1.200", "3.000 – 10.000", "18 nëntor 2026",
           "5 dhjetor 2026, 12:00 (ora e Evropës Qendrore)", "ora verore e Evropës Qendrore"),
    "bs": ("1.200", "3.000 – 10.000", "18. novembra 2026.",
           "5. decembra 2026. 12:00 (srednjoevropsko vrijeme)", "srednjoevropsko ljetno vrijeme"),
    "hr": ("1.200", "3.000 – 10.000", "18. studenoga 2026.",
           "5. prosinca 2026. 12:00 (srednjoeuropsko vrijeme)", "srednjoeuropsko ljetno vrijeme"),
    "sr": ("1.200", "3.000 – 10.000", "18. новембра 2026.",
           "5. децембра 2026. 12:00 (средњоевропско време)", "средњоевропско летње време"),
    "sr-latn": ("1.200", "3.000 – 10.000", "18. novembra 2026.",
                "5. decembra 2026. 12:00 (srednjoevropsko vreme)", "srednjoevropsko letnje vreme"),
    "mk": ("1.200", "3.000 – 10.000", "18 ноември 2026",
           "5 декември 2026, 12:00 (централноевропско време)", "централноевропско летно време"),
    "cnr": ("1.200", "3.000 – 10.000", "18. novembra 2026.",
            "5. decembra 2026. 12:00 (srednjoevropsko vrijeme)", "srednjoevropsko ljetnje vrijeme"),
}  # fmt: skip


@pytest.mark.parametrize("code", list(EXPECTED))
def test_one_format_per_language(code):
    figure, amounts, day, deadline, summer_zone = EXPECTED[code]
    with translation.override(code):
        for typed in ("1200", "1,200", "1.200", 1200):
            assert format_number(typed) == figure, typed
        assert format_number("40%") == "40%"
        assert format_number("dozens") == "dozens"  # not a figure: left as written
        assert format_money_range(Decimal(3000), Decimal(10000), "EUR") == f"{amounts}\xa0EUR"
        assert format_date(date(2026, 11, 18)) == day
        assert format_programme_time(WINTER) == deadline
        assert format_programme_time(SUMMER).endswith(f"({summer_zone})")
        span = format_programme_span(date(2026, 12, 5), time(10), time(12))
        assert span == deadline.replace("12:00", "10:00–12:00")


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "sr", "sq", "mk"])
def test_story_figures_are_written_like_the_story_body(client, code):
    story = StoryPage.objects.live().filter(locale__language_code=code)
    page = next(p for p in story if any(b.value["number"] == "1200" for b in p.outcomes))
    html = client.get(page.url).content.decode()
    shown = re.findall(r'class="outcomes__number">([^<]*)<', html)
    assert EXPECTED[code][0] in shown, shown
    assert EXPECTED[code][0] in html.split('class="page-body"')[1]  # the body says the same


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "sq", "sr", "mk"])
def test_call_page_amounts_dates_and_zone_in_the_readers_language(client, code):
    from calls.models import CallPage

    page = CallPage.objects.get(code="WBCSP-2026-LOC-02", locale__language_code=code)
    html = client.get(page.url).content.decode()
    assert EXPECTED[code][1] in html  # 3000–10000 grouped as the language groups
    assert "Europe/Belgrade" not in html and not re.search(r"\bCES?T\b", html)
    with translation.override(code):
        assert format_programme_time(page.deadline) in html


def test_templates_leave_formatting_to_the_formatting_filters():
    """Reader-facing dates go through |day / |month / |programme_time; |date only for machines."""
    machine = re.compile(r"""\|date:["'](Y-m-d|Y-m|c|Y)["']""")
    offenders = []
    for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html"):
        for found in re.finditer(r"\|(date|time)(:[^ }|]*)?", path.read_text()):
            if not machine.match(found.group(0)):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}: {found.group(0)}")
    assert not offenders, offenders


@pytest.mark.parametrize("code", ["sq", "bs", "hr", "sr", "sr_Latn", "mk", "cnr"])
def test_catalogues_quote_with_the_languages_marks(code):
    """„…“ in every language but English; no English “…” or half-English „…” left in a catalogue."""
    po = (Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po").read_text()
    translations = [line for line in po.splitlines() if line.startswith("msgstr")]
    opened = [line for line in translations if "„" in line]
    assert opened, "no quotation in the catalogue"
    for line in translations:
        assert "”" not in line, line
        assert line.count("„") == line.count("“"), line
