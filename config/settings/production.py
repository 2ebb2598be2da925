"""Production: everything comes from the environment; nothing insecure has a default."""

from config.env import env_bool, env_choice, env_int, env_list, env_str

from .base import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY", required=True)

# Background work leaves the request: a `manage.py db_worker` process runs the queued tasks.
TASKS = tasks_setting(env_choice("TASKS_BACKEND", list(TASK_BACKENDS), "database"))  # noqa: F405

# WhiteNoise serves the collected, hashed static files right after the security middleware.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# Links in e-mails, the intake's file links and the userbar are built from it: no guessing.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", required=True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain HTTP
# A year: the minimum the HSTS preload list accepts together with `preload`.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
