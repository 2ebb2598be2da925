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


@register(deploy=True)
def upload_scanner_check(app_configs, **kwargs):
    """Applicants' uploads reach staff: without a scanner only the built-in checks run."""
    if (getattr(settings, "UPLOAD_VIRUS_SCAN", "off") or "off").strip() != "off":
        return []
    return [
        Warning(
            "UPLOAD_VIRUS_SCAN is off: applicants' uploads are not scanned for malware "
            "(only the built-in checks for active content and the EICAR test file run).",
            hint="Install Debian's clamav-daemon and set UPLOAD_VIRUS_SCAN=clamav.",
            id="runtime.W002",
        )
    ]
