"""Share cards: what a link to a page shows on social media (og:image, twitter:image).

A page shows its own picture when it has one with a description (an article's main image and its
alternative text, a campaign banner described by its editor, a social-media image with a
description); otherwise its default share card: the programme's name, the page's section and its
title on the programme's colours, drawn in the page's language (render.py) when the page is
published, and stored under MEDIA_ROOT, so that the proxy serves it as a file.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from home.models import ShareCard

from .render import HEIGHT, WIDTH, render_card

DESIGN_VERSION = "1"  # change to redraw every card (a new design)
CARD_DIRECTORY = "share-cards"
SECTION_DEPTH = 3  # home pages are at depth 2, their sections (news, calls, library…) at 3


def card_text(page):
    """(programme name, section, title) of ``page``'s card, in the page's language."""
    page = page.specific
    with translation.override(page.locale.language_code):
        programme = gettext("Western Balkans Civil Society Programme")
        label = getattr(page, "share_section_label", None)
        if label:
            section = str(label)
        elif page.depth > SECTION_DEPTH:
            ancestor = page.get_ancestors().filter(depth=SECTION_DEPTH).first()
            section = ancestor.title if ancestor else ""
        else:
            section = ""
    title = getattr(page, "hero_heading", "") or page.title
    return programme, section, title


def alt_text(programme, section, title):
    """The card's description: exactly the words it shows."""
    return " – ".join(part for part in (programme, section, title) if part)


def ensure_share_card(page):
    """The page's share card, drawn now if it is missing or its text changed; None if no page."""
    texts = card_text(page)
    fingerprint = hashlib.sha256("\x1f".join((DESIGN_VERSION, *texts)).encode()).hexdigest()
    card = ShareCard.objects.filter(page_id=page.pk).first()
    if card is not None and card.fingerprint == fingerprint:
        return card
    old_name = card.file.name if card is not None else None
    card = card or ShareCard(page_id=page.pk)
    card.fingerprint = fingerprint
    card.alt_text = alt_text(*texts)[:500]
    # Named by its text alone: the same card is drawn once, even when a page is re-created (a
    # re-seeded test database) or two pages share a title and section.
    name = f"{CARD_DIRECTORY}/{fingerprint[:24]}.png"
    storage = card.file.storage
    if not storage.exists(name):
        name = storage.save(name, ContentFile(render_card(*texts)))
    card.file.name = name
    card.save()
    if old_name and old_name != name and not ShareCard.objects.filter(file=old_name).exists():
        transaction.on_commit(lambda: storage.delete(old_name))
    return card


__all__ = ["HEIGHT", "WIDTH", "alt_text", "card_text", "ensure_share_card"]
