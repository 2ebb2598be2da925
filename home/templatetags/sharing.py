"""``{% share_meta as share %}``: what social media show for the current page (social_meta.html)."""

from django import template
from django.utils.translation import gettext
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page, Site

from home.models import ShareCard
from home.share_cards import HEIGHT, WIDTH, ensure_share_card

register = template.Library()

_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


def _own_image(page):
    """(image, alt text) of the page's own picture, if it has one with a description."""
    image = getattr(page, "social_image", None)
    if image is not None:
        alt = getattr(image, "description", "")
    else:
        image = getattr(page, "listing_image", None)
        described = getattr(page, "listing_image_alt", "")
        alt = described or (getattr(image, "description", "") if image else "")
    return (image, alt) if image is not None and alt else None


def _language_home(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    return root.localized if root else None


@register.simple_tag(takes_context=True)
def share_meta(context):
    """og:/twitter: values of the page in the context, or of the language's home page for views
    that are no page (search), or None when there is neither. Absolute URLs throughout."""
    request = context.get("request")
    page = context.get("page")
    title = None
    if not isinstance(page, Page):
        page = _language_home(request) if request else None
        title = context.get("share_title") or gettext("Western Balkans Civil Society Programme")
    if page is None or request is None:
        return None
    page = page.specific
    own = _own_image(page)
    if own is not None:
        image, alt = own
        rendition = get_rendition_or_not_found(image, f"fill-{WIDTH}x{HEIGHT}")
        url, width, height = rendition.url, rendition.width, rendition.height
        extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    else:
        # Made on publish; a page published before cards existed gets its card on first view.
        try:
            card = page.share_card
        except ShareCard.DoesNotExist:
            card = ensure_share_card(page)
        url, width, height, alt, extension = card.file.url, WIDTH, HEIGHT, card.alt_text, "png"
    return {
        "title": title or page.seo_title or page.title,
        "description": getattr(page, "share_text", "") if title is None else "",
        "url": request.build_absolute_uri(request.path),  # the page, not its filters or tracking
        "image": request.build_absolute_uri(url),
        "image_type": _TYPES.get(extension, "image/png"),
        "width": width,
        "height": height,
        "alt": alt,
    }
