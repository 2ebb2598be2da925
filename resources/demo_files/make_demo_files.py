"""Regenerate the small sample files of the demo library: one-page PDFs and PNG cards.

Run from the project root: ``.venv/bin/python resources/demo_files/make_demo_files.py``.
Kept tiny on purpose (1-bit PDF pages, palette PNGs): they ship in the repository.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _wrap(text, width):
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def pdf(name, title, lines):
    """A one-page A4 PDF (72 dpi, 1-bit) with a title and a few lines of text."""
    page_image(title, lines).save(HERE / name, "PDF", resolution=72)


def preview(name, title, lines):
    """The PDF's page as a small PNG (the poster's preview on the campaign page)."""
    page = page_image(title, lines).convert("L")
    page.thumbnail((298, 421), Image.Resampling.LANCZOS)
    page.convert("P", palette=Image.Palette.ADAPTIVE, colors=8).save(HERE / name, optimize=True)


def preview_name(name):
    return name.rsplit(".", 1)[0] + "-preview.png"


def page_image(title, lines):
    page = Image.new("1", (595, 842), 1)
    draw = ImageDraw.Draw(page)
    draw.text(
        (50, 60), "Western Balkans Civil Society Programme", font=ImageFont.truetype(FONT, 12)
    )
    y = 110
    for line in _wrap(title, 38):
        draw.text((50, y), line, font=ImageFont.truetype(BOLD, 22))
        y += 30
    y += 20
    for paragraph in lines:
        for line in _wrap(paragraph, 70):
            draw.text((50, y), line, font=ImageFont.truetype(FONT, 12))
            y += 18
        y += 10
    return page


def png(name, title, subtitle, size=(600, 600), colour=(11, 61, 107)):
    """A flat card (palette PNG): a title on the programme's colour."""
    card = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, size[1] - 40, size[0], size[1]], fill=(255, 191, 71))
    y = 60
    for line in _wrap(title, 22):
        draw.text((40, y), line, font=ImageFont.truetype(BOLD, 40), fill="white")
        y += 52
    for line in _wrap(subtitle, 44):
        draw.text((40, y + 20), line, font=ImageFont.truetype(FONT, 20), fill="white")
        y += 28
    card.convert("P", palette=Image.Palette.ADAPTIVE, colors=8).save(HERE / name, optimize=True)


def hero(name, size=(1200, 500)):
    """A wordless banner (overlapping circles: communities meeting), the same in every language."""
    banner = Image.new("RGB", size, (11, 61, 107))
    draw = ImageDraw.Draw(banner)
    for i, colour in enumerate([(255, 191, 71), (10, 88, 168), (243, 246, 249)]):
        x = 380 + i * 220
        draw.ellipse([x - 170, 80, x + 170, 420], outline=colour, width=14)
    banner.convert("P", palette=Image.Palette.ADAPTIVE, colors=8).save(HERE / name, optimize=True)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    # Imported here, after the project is put on the path: this file also runs as a script.
    from resources.demo_catalogue import CAMPAIGNS, demo_files

    # --previews: only (re)draw the poster previews, leaving the shipped files as they are.
    only_previews = "--previews" in sys.argv
    for kind, name, title, text in demo_files():
        if "-poster-" in name:
            preview(preview_name(name), title, text)
        if only_previews:
            continue
        if kind == "pdf":
            pdf(name, title, text)
        else:
            png(name, title, text[0] if text else "")
    for key in CAMPAIGNS if not only_previews else []:
        hero(f"{key}-hero.png")
    print(f"{len(list(HERE.glob('*.p*')))} files in {HERE}")
