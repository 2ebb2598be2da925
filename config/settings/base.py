"""Settings shared by every environment. Environment-specific modules import * from here."""

from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO

from config.env import env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "home",
    "news",
    "calls",
    "resources",
    "search",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.translator_scope.TranslatorScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

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

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

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
        "CLASS": "home.machine_translation.ProgrammeDeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "API_URL": env_str("DEEPL_API_URL"), "TIMEOUT": 15},
    }

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "info@wbcsp.example")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
