"""Template tags of the newsroom: the home page slot and structured data (JSON-LD)."""

from django import template
from wagtail.models import Locale, Page

from news.archive import listing
from news.kinds import NEWS, STORIES
from news.models import NewsIndexPage
from news.structured_data import article_structured_data

register = template.Library()

HOME_NEWS, HOME_STORIES = 3, 3


@register.simple_tag(takes_context=True)
def latest_news(context):
    """The newest news and stories of the current language and the newsroom they belong to.

    A fixed number of queries: the index, view restrictions, then each list with its images
    and their renditions.
    """
    home = context.get("page")
    locale_id = getattr(home, "locale_id", None) or Locale.get_active().pk
    index = (
        NewsIndexPage.objects.live().filter(locale_id=locale_id).select_related("locale").first()
    )
    if index is None:
        return None
    private_q = Page.objects.all().private_q()
    return {
        "index": index,
        "news": list(listing(index.items_of(NEWS, private_q), countries=False)[:HOME_NEWS]),
        "stories": list(
            listing(index.items_of(STORIES, private_q), countries=False)[:HOME_STORIES]
        ),
        "stories_url": index.archive_url(STORIES),
    }


@register.simple_tag(takes_context=True)
def article_json_ld(context, page):
    """A news item's or story's structured data (written out by site_tags.json_ld)."""
    return article_structured_data(page, context["request"])
