"""RSS feed of the newest calls of one language."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed


def new_calls_feed(index_page, request, limit=20):
    calls = sorted(
        index_page.live_calls(),
        key=lambda call: call.first_published_at or timezone.now(),
        reverse=True,
    )[:limit]
    feed = Rss201rev2Feed(
        title=index_page.title,
        link=index_page.get_full_url(request),
        description=index_page.intro or index_page.title,
        language=index_page.locale.language_code,
    )
    for call in calls:
        feed.add_item(
            title=call.title,
            link=call.get_full_url(request),
            description=call.card_summary or "",
            pubdate=call.first_published_at,
            unique_id=call.get_full_url(request),
            categories=[call.code],
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8"
    )
