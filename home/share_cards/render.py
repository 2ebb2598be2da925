"""Drawing a share card: 1200×630 PNG, the programme's colours, Noto Sans (Latin and Cyrillic)."""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent / "fonts"
NAVY = (11, 61, 107)  # the programme's blue (site/static/css: --brand)
GOLD = (255, 191, 71)
WHITE = (255, 255, 255)
MARGIN = 72
TITLE_SIZES = (64, 56, 48, 42)  # the largest size at which the title fits in four lines
MAX_TITLE_LINES = 4


@cache
def _font(weight, size):
    return ImageFont.truetype(str(FONTS / f"NotoSans-{weight}.ttf"), size)


def _wrap(draw, text, font, width):
    """Lines of ``text`` no wider than ``width`` pixels (a word longer than a line stands alone)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _fit_title(draw, title, width):
    for size in TITLE_SIZES:
        font = _font("Bold", size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= MAX_TITLE_LINES:
            return font, lines
    lines = lines[:MAX_TITLE_LINES]
    lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return font, lines


def render_card(programme, section, title):
    """PNG bytes of a card naming the programme, the section and the page's title."""
    card = Image.new("RGB", (WIDTH, HEIGHT), NAVY)
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, HEIGHT - 24, WIDTH, HEIGHT], fill=GOLD)
    draw.rectangle([MARGIN, 64, MARGIN + 96, 72], fill=GOLD)
    draw.text((MARGIN, 96), programme, font=_font("Regular", 28), fill=WHITE)
    text_width = WIDTH - 2 * MARGIN
    y = 150
    if section:
        section_font = _font("Bold", 32)
        for line in _wrap(draw, section, section_font, text_width)[:2]:
            draw.text((MARGIN, y), line, font=section_font, fill=GOLD)
            y += 44
    font, lines = _fit_title(draw, title, text_width)
    y += 24
    line_height = int(font.size * 1.22)
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=WHITE)
        y += line_height
    out = io.BytesIO()
    # Flat colours: a palette PNG is a few tens of kB and quick to write.
    card.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(out, "PNG", compress_level=6)
    return out.getvalue()
