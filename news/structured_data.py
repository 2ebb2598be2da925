"""Schema.org data for news (``NewsArticle``) and stories (``Article``), as search engines read it."""

from django.templatetags.static import static
from django.utils.translation import gettext as _

from home.languages import bcp47
from home.models import ShareCard
from home.share_cards import ensure_share_card
from news.kinds import NEWS

SOCIAL_RENDITION = "fill-1200x630"  # the same rendition the Open Graph tags use


def article_structured_data(page, request):
    """A JSON-serialisable dict with the fields Google lists for articles (headline, image, dates…)."""
    url = request.build_absolute_uri(page.url)
    modified = page.last_published_at or page.latest_revision_created_at
    programme = {
        "@type": "Organization",
        "name": _("Western Balkans Civil Society Programme"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("images/logo.svg")),
        },
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if page.kind == NEWS else "Article",
        "headline": page.title[:110],
        "description": page.intro,
        "datePublished": page.date.isoformat(),
        "dateModified": (modified or page.date).isoformat(),
        "inLanguage": bcp47(page.locale.language_code),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "publisher": programme,
        "author": _author(page, programme),
    }
    image = page.social_image or page.listing_image
    if image is not None:
        image_url = image.get_rendition(SOCIAL_RENDITION).url
    else:
        # Without a photograph of its own, the page's drawn share card: the og:image it shares.
        image_url = _share_card(page).file.url
    data["image"] = [request.build_absolute_uri(image_url)]
    return data


def _share_card(page):
    """The page's share card (home.share_cards), drawn now if publishing has not yet."""
    try:
        return page.share_card
    except ShareCard.DoesNotExist:
        return ensure_share_card(page)


def _author(page, programme):
    if getattr(page, "author", ""):
        return {"@type": "Person", "name": page.author}
    name = getattr(page, "organisation", "") or getattr(page, "grantee", "")
    return {"@type": "Organization", "name": name} if name else programme
