"""Art-directed photographs: a different crop per breakpoint, cut around the image's focal point.

Wagtail's ``fill-`` crops keep the focal point an editor sets on the image in view, so one upload
serves a 4:3 crop on phones and a wide crop on desktops. All renditions of a picture are fetched in
one query (``get_renditions``).
"""

from django import template

register = template.Library()

# Per kind of slot: the wide crop from 48rem (with its CSS width), then the phone crop (full width).
# Each list holds the 1x and 2x renditions; Wagtail never upscales, so widths are read back.
ART_DIRECTION = {
    "article": {
        "wide": ("(min-width: 48rem)", ("fill-704x396", "fill-1408x792"), "44rem"),
        "narrow": (("fill-390x293", "fill-780x585"), "100vw"),
    },
    "hero": {
        "wide": ("(min-width: 48rem)", ("fill-1152x480", "fill-2304x960"), "min(72rem, 100vw)"),
        "narrow": (("fill-390x293", "fill-780x585"), "100vw"),
    },
}
FORMAT = "|format-webp"


def _srcset(renditions):
    """``url 390w, url 780w`` without duplicates (a small original yields the same rendition twice)."""
    seen = {}
    for rendition in renditions:
        seen.setdefault(rendition.url, rendition.width)
    return ", ".join(f"{url} {width}w" for url, width in seen.items())


@register.inclusion_tag("components/picture.html")
def art_directed_picture(image, alt, kind="article", priority=False, css_class=""):
    """A ``<picture>`` for ``image`` in a slot of ``kind`` (see ART_DIRECTION); nothing without an image.

    ``priority`` marks the page's main picture (fetched early, never lazy).
    """
    if not image:
        return {"image": None}
    direction = ART_DIRECTION[kind]
    media, wide_specs, wide_sizes = direction["wide"]
    narrow_specs, narrow_sizes = direction["narrow"]
    specs = [spec + FORMAT for spec in (*wide_specs, *narrow_specs)]
    renditions = image.get_renditions(*specs)
    wide = [renditions[spec + FORMAT] for spec in wide_specs]
    narrow = [renditions[spec + FORMAT] for spec in narrow_specs]
    return {
        "image": image,
        "alt": alt,
        "kind": kind,
        "priority": priority,
        "css_class": css_class,
        "wide": {
            "media": media,
            "srcset": _srcset(wide),
            "sizes": wide_sizes,
            "rendition": wide[0],
        },
        "narrow": {"srcset": _srcset(narrow), "sizes": narrow_sizes, "rendition": narrow[0]},
    }
