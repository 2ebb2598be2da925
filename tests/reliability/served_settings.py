"""The production settings as the reliability tests serve them: everything from the environment
(see tests/reliability/stack.py), except that static files are not hashed (no collectstatic for a
throwaway server) and the outbox leases are short, so a killed worker's row is taken up in seconds."""

from config.settings.production import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
CALLS_OUTBOX_LEASE_MARGIN = 1
