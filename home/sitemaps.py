"""sitemap.xml listing every language's pages, each with its translations as hreflang alternates."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.languages import alternates_by_translation_key


class MultilingualSitemap(Sitemap):
    """All live public pages in every locale (Wagtail's own sitemap lists only one locale)."""

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(depth__gte=2)
            .select_related("locale")
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = alternates_by_translation_key(self.request, pages)
        urls = []
        for item in pages:
            versions = alternates[item.translation_key]
            urls.append(
                {
                    "item": item,
                    "location": self.request.build_absolute_uri(item.get_url(self.request)),
                    "lastmod": item.last_published_at,
                    "alternates": versions if len(versions) > 1 else [],
                }
            )
        return urls
