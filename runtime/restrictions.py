"""Privacy checks without queries on a site that restricts no page.

Wagtail checks every served page's view restrictions with two queries (its ancestors, then their
restrictions). Whether any restriction exists at all is cached under the content token
(runtime.content_version: saving or deleting a restriction renews it), and pages skip the
queries while there is none.
"""

from django.core.cache import cache
from wagtail.models import PageViewRestriction

from runtime import content_version

TIMEOUT = 60 * 60


def any_view_restrictions():
    """Whether some page of the site has a view restriction (one cached query)."""
    key = f"view-restrictions:{content_version.current()}"
    found = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, TIMEOUT)
    return found


class CachedViewRestrictionsMixin:
    """For page models: ``get_view_restrictions`` answers "none" without queries while no page of
    the site is restricted, and as Wagtail does otherwise."""

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
