"""RSS 2.0 and Atom feeds of the news and the stories of one language, optionally by topic or country."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from news.archive import apply_filters, parse_filters
from news.kinds import NEWS

FEED_LENGTH = 20
FLAVOURS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


class ArchiveFeed(Feed):
    """The latest items of one archive; links lead to the pages in the feed's own language."""

    def __init__(self, index, kind, flavour, filters):
        super().__init__()
        self.index, self.kind, self.filters = index, kind, filters
        self.feed_type = FLAVOURS[flavour]

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self):
        section = _("News") if self.kind == NEWS else _("Success stories")
        return f"{section} | {_('Western Balkans Civil Society Programme')}"

    def link(self):
        return self.request.build_absolute_uri(self.index.archive_url(self.kind))

    def description(self):
        return self.index.intro or self.title()

    def author_name(self):
        return _("Western Balkans Civil Society Programme")

    def items(self):
        items = apply_filters(self.index.items_of(self.kind), self.filters)
        return items.prefetch_related("topics", "countries")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()] + [
            country.name for country in item.countries.all()
        ]


def feed_response(index, request, kind, flavour):
    """The feed as an HTTP response; Http404 (via parse_filters) for a malformed filter."""
    feed = ArchiveFeed(index, kind, flavour, parse_filters(request.GET))
    return feed(request)
