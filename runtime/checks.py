"""Deployment checks (`manage.py check --deploy`) of the runtime services."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Several app processes need one cache: the rate limit and the content token of the
    fragment caches (runtime.content_version) must be shared, or edits show late elsewhere."""
    if getattr(settings, "REDIS_URL", None):
        return []
    return [
        Warning(
            "REDIS_URL is not set: each process keeps its own cache, so the rate limit and "
            "the renewal of cached menus after an edit do not reach the other app processes.",
            hint="Set REDIS_URL (make serve starts a Redis and sets it).",
            id="runtime.W001",
        )
    ]
