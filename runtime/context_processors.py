"""Template context for the fragment caches of the site chrome."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from runtime import content_version


def fragment_cache(request):
    """``content_version`` (read from the cache only when a template uses it) and
    ``fragment_cache_seconds``: the {% cache %} tags of header, footer and hreflang links key on
    them, so a publish or a menu edit is shown on the next render."""
    return {
        "content_version": SimpleLazyObject(content_version.current),
        "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
