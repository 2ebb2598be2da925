"""Settings shared by every environment. Environment-specific modules import * from here."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from config.env import env_choice, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "home",
    # Right after home: its receivers (Serbian Latin) and admin hooks keep their place among the
    # other apps' (after home's cache purge, before the sections' and wagtail-localize's).
    "translations",
    "news",
    "calls",
    "resources",
    "search",
    "runtime",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "runtime.headers.PermissionsPolicyMiddleware",
    # Outside session, CSRF and auth: it sees the cookies and Vary headers they add.
    "home.cache_control.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: refuses oversized and rate-limited form posts before their body is read.
    "calls.middleware.ApplicationPostGuardMiddleware",
    "home.same_origin.CsrfViewMiddleware",  # Django's, with origin-checked posts to cached pages
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "translations.scope.TranslatorScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "runtime.routing.CachedRoutingMiddleware",
]

# security.W003 looks for Django's CSRF middleware by its dotted name; ours subclasses it, and
# home.same_origin's own check (home.W001) warns if it is missing.
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "runtime.context_processors.fragment_cache",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite by default; DATABASE_URL (e.g. postgres://user@host:5432/hub) switches database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many applicants at once on the embedded database: WAL lets readers and the writer work side by
    # side; every transaction takes the write lock when it begins (IMMEDIATE), so a transaction that
    # reads and then writes waits its turn (busy timeout) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
# Names are written in each language's own script: they are what the language switcher shows.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("sq", "Shqip"),
    ("bs", "Bosanski"),
    ("hr", "Hrvatski"),
    ("sr", "Српски"),
    ("sr-latn", "Srpski (latinica)"),
    ("mk", "Македонски"),
    ("cnr", "Crnogorski"),
]
# Montenegrin is not among Django's languages: without this entry get_language_info("cnr") fails.
LANG_INFO.setdefault(
    "cnr", {"bidi": False, "code": "cnr", "name": "Montenegrin", "name_local": "Crnogorski"}
)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A page submitted for translation stays a draft until its translator publishes it: readers of a
# language never get an English copy under their language's address.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Belgrade"  # programme time: deadlines are shown in this zone
# The admin shows every time in programme time too: users cannot pick another zone in their
# account, so two screens never show one moment an hour apart.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

# --- Static and media ------------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# S3-compatible storage (django-storages) when a bucket is named: images, renditions, documents
# and campaign kits go to the media bucket; applicants' files to a separate private bucket
# (calls.storage). Credentials come from boto3's own sources (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY in the environment, or the machine's role), never from settings files.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_PRIVATE_BUCKET_NAME = env_str("AWS_PRIVATE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL")  # any S3-compatible service
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME")
AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN")  # a CDN in front of the media bucket
AWS_S3_ADDRESSING_STYLE = env_str("AWS_S3_ADDRESSING_STYLE")  # "path" for many S3 look-alikes
if AWS_PRIVATE_BUCKET_NAME and AWS_PRIVATE_BUCKET_NAME == AWS_STORAGE_BUCKET_NAME:
    raise ImproperlyConfigured("AWS_PRIVATE_BUCKET_NAME must be another bucket than the media one.")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "querystring_auth": False,  # plain, cacheable addresses (the bucket policy is public)
            "file_overwrite": False,  # every stored name is new: long lifetimes are safe
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # Documents stream through Django, which checks their collection's privacy; their objects
    # need no public read (see README, "Deploying").
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# --- Response headers ----------------------------------------------------------------------------
# A strict Content-Security-Policy on every public page: scripts and styles from this site's own
# files only (no inline code: JavaScript lives in static files; JSON-LD data blocks are not
# scripts), media from this site or its media bucket, frames from the video services embeds use.
# The Wagtail admin (and its previews) needs inline code: it is left without a policy.
def _origin(url):
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


MEDIA_ORIGINS = []
if AWS_S3_CUSTOM_DOMAIN:
    MEDIA_ORIGINS.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
elif AWS_STORAGE_BUCKET_NAME and AWS_S3_ENDPOINT_URL:
    endpoint = _origin(AWS_S3_ENDPOINT_URL)
    scheme, host = endpoint.split("://")
    MEDIA_ORIGINS += [endpoint, f"{scheme}://{AWS_STORAGE_BUCKET_NAME}.{host}"]
elif AWS_STORAGE_BUCKET_NAME:
    MEDIA_ORIGINS += [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
    if AWS_S3_REGION_NAME:
        MEDIA_ORIGINS.append(
            f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"
        )
CSP_EMBED_ORIGINS = env_list(
    "CSP_EMBED_ORIGINS",
    ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": CSP_EMBED_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Browser features no page of the site uses (runtime.headers).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Western Balkans Civil Society Programme"
# Sign-in slowed down after repeated failures, per account and address (home.login_throttle).
WAGTAILADMIN_USER_LOGIN_FORM = "home.login_throttle.ThrottledLoginForm"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Matching is decided by search.folding (applied to indexed text and queries alike), so PostgreSQL
# must not stem again: its "simple" configuration only lower-cases.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
# Scale-out: an Elasticsearch 9 cluster. The folded field (search.indexing) is indexed like any
# other text field, so matching is the same as on the database backends.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX": env_str("ELASTICSEARCH_INDEX", "hub"),
        "TIMEOUT": 10,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
WAGTAILDOCS_EXTENSIONS = [
    "csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip",
    "png", "jpg",  # campaign kits: social-media cards and logos are downloads too
]  # fmt: skip
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Machine translation in the translation editor: off unless a DeepL key is configured.
DEEPL_API_KEY = env_str("DEEPL_API_KEY")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translations.machine_translation.ProgrammeDeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "API_URL": env_str("DEEPL_API_URL"), "TIMEOUT": 15},
    }

# --- Shared cache and background work ----------------------------------------------------------
# REDIS_URL (e.g. redis://127.0.0.1:6379/0) gives every app worker and server one cache: the form
# rate limit and the fragment caches hold across processes. Unset, each process keeps its own
# in-memory cache, which is all development and most tests need.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis with a circuit breaker: after a failure Redis is skipped for a while
            # and every cache use answers as a miss at once (runtime/resilient_cache.py).
            "BACKEND": "runtime.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hub",
            "OPTIONS": {
                # Short: a hung Redis costs one request at most half a second.
                "SOCKET_CONNECT_TIMEOUT": 0.3,
                "SOCKET_TIMEOUT": 0.3,
                # The breaker needs to see failures; it answers them as misses itself.
                "IGNORE_EXCEPTIONS": False,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# What every page repeats (menu, footer, language switcher, hreflang links) is rendered once per
# language (and page) and kept this long; any publish or snippet/settings edit renews it sooner.
FRAGMENT_CACHE_SECONDS = 60 * 60

TASK_BACKENDS = {
    # Tasks run inside the request that enqueues them: development and tests.
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    # Tasks are stored in the database and run by `manage.py db_worker` (django-tasks-db).
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(kind):
    """The TASKS setting for one of TASK_BACKENDS' names."""
    return {"default": {"BACKEND": TASK_BACKENDS[kind], "QUEUES": ["default", "intake", "mail"]}}


TASKS = tasks_setting(env_choice("TASKS_BACKEND", list(TASK_BACKENDS), "immediate"))
# wagtail-localize's background jobs (tree sync, subtree translation) go through the same tasks.
WAGTAILLOCALIZE_JOBS = {"BACKEND": "runtime.localize_jobs.TaskJobBackend"}
# Each db_worker records a heartbeat this often; /health/ fails when none is more recent than
# the maximum age (a worker busy with one long task still beats: the heartbeat is a thread).
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
WORKER_HEARTBEAT_MAX_AGE = env_int("WORKER_HEARTBEAT_MAX_AGE", 60)

# --- Front-end cache (the caching proxy, a CDN) ------------------------------------------------
# Publishing purges what changed (home.frontend_cache). Each backend is switched on by its variables:
# FRONTEND_CACHE_URL the proxy's address for HTTP PURGE (make serve sets it), Cloudflare or
# CloudFront for a site behind a CDN.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "home.frontend_cache.ProxyPurgeBackend",
        "LOCATION": env_str("FRONTEND_CACHE_URL"),
    }
if env_str("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env_str("CLOUDFLARE_API_TOKEN", required=True),
    }
if env_str("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env_str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# Every language has its own page tree, so a page's URL already carries its language: purging the
# same path under the seven other prefixes (Wagtail's default) would only send 8× the requests.
WAGTAILFRONTENDCACHE_LANGUAGES = []

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "info@wbcsp.example")

# An SMTP server that accepts and never answers must not hold a worker for minutes: seconds per
# socket operation, kept between 1 and 60 (0 or unset would mean no timeout at all). E-mails run on
# their own worker (the `mail` queue), so even a full minute never delays an intake delivery.
EMAIL_TIMEOUT = min(max(env_int("EMAIL_TIMEOUT", 10), 1), 60)

# Addresses (or networks) of the proxies whose X-Forwarded-For is believed (home.client_address).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Uploaded files are scanned for viruses with ClamAV ("clamav") or not at all ("off"). When it is on
# and no scanner answers, uploads are refused (fail closed).
UPLOAD_VIRUS_SCAN = env_str("UPLOAD_VIRUS_SCAN", "off")
# The scanner's program (default: clamdscan, else clamscan, whichever is installed) and how long
# one scan may take (s) before the upload is refused as unscanned (calls.virus_scan).
UPLOAD_VIRUS_SCAN_COMMAND = env_str("UPLOAD_VIRUS_SCAN_COMMAND", "")
UPLOAD_VIRUS_SCAN_TIMEOUT = env_int("UPLOAD_VIRUS_SCAN_TIMEOUT", 60)

# --- Calls for proposals: applications and their handoff to the intake (calls/README.md) --------
# Where applications are delivered, the HMAC-SHA256 signing secret and the request timeout (s);
# applications wait in the outbox while INTAKE_URL is unset (calls.intake).
INTAKE_URL = env_str("INTAKE_URL", "")
INTAKE_SECRET = env_str("INTAKE_SECRET", "")
INTAKE_TIMEOUT = env_float("INTAKE_TIMEOUT", 10)
# After how long (s) a delivery still failing is reported overdue (it is retried all the same).
INTAKE_RETRY_SECONDS = env_float("INTAKE_RETRY_SECONDS", 48 * 3600)
# How long (s) the signed links from which the intake fetches an application's files stay valid.
INTAKE_FILE_URL_MAX_AGE = env_int("INTAKE_FILE_URL_MAX_AGE", 7 * 24 * 3600)
# Seconds a worker's lease on an outbox row outlasts the longest its attempt can take (calls.outbox).
CALLS_OUTBOX_LEASE_MARGIN = env_float("CALLS_OUTBOX_LEASE_MARGIN", 60)
# Applicants' files: a private folder (default: MEDIA_ROOT's sibling "<MEDIA_ROOT>-private", decided
# when it is used) unless AWS_PRIVATE_BUCKET_NAME names a bucket (calls.storage).
CALLS_PRIVATE_ROOT = env_str("CALLS_PRIVATE_ROOT")
# Upload limits in bytes (calls.uploads): one file, all files of one application, and the whole form
# post (default: the application's limit + 1 MiB), refused with 413 before its body is read.
CALLS_MAX_FILE_SIZE = env_int("CALLS_MAX_FILE_SIZE", 10 * 1024 * 1024)
CALLS_MAX_APPLICATION_SIZE = env_int("CALLS_MAX_APPLICATION_SIZE", 25 * 1024 * 1024)
CALLS_MAX_REQUEST_SIZE = env_int("CALLS_MAX_REQUEST_SIZE", None)
# Hours the files of a form sent back with errors are kept for the next try (calls.pending_uploads).
CALLS_PENDING_UPLOAD_HOURS = env_int("CALLS_PENDING_UPLOAD_HOURS", 24)
# Abuse guards (calls.abuse): a form sent sooner than this after it was shown is refused (s); at most
# CALLS_RATE_LIMIT form posts per client address per CALLS_RATE_WINDOW seconds.
CALLS_MIN_FILL_SECONDS = env_int("CALLS_MIN_FILL_SECONDS", 3)
CALLS_RATE_LIMIT = env_int("CALLS_RATE_LIMIT", 5)
CALLS_RATE_WINDOW = env_int("CALLS_RATE_WINDOW", 60)
# The same answers and files sent again to a call within this many seconds are the same application.
CALLS_DUPLICATE_WINDOW = env_int("CALLS_DUPLICATE_WINDOW", 15 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "runtime.log_filters.OneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "console_one_line": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # Anybody can send a bad Host: one line per request, no traceback (cheap log flooding).
    "loggers": {
        "django.security.DisallowedHost": {
            "handlers": ["console_one_line"],
            "level": "ERROR",
            "propagate": False,
        }
    },
}
