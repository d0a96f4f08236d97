"""Settings shared by every environment.

Safe for production as it stands: DEBUG is off, secure cookies and HSTS are on,
and every secret or host comes from the environment. ``dev`` relaxes, ``test``
trims, ``production`` insists on the secret key.
"""

import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_addresses(name):
    """``"Ana Petrova <ana@example.org>, ops@example.org"`` as Django's (name, address) pairs."""
    pairs = getaddresses([os.environ.get(name, "")])
    return [(real_name or address, address) for real_name, address in pairs if "@" in address]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "website",
    "casestudies",
    "funding",
    "learning",
    "network",
    "search",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "website.security.ContentSecurityPolicyMiddleware",
    "website.api.ApiErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session middleware, so that it sees the session cookie a response sets.
    "website.security.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.chrome.ContentGenerationMiddleware",
    "website.chrome.CachedSiteMiddleware",
    "website.api.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "network.middleware.StaffTwoFactorMiddleware",
    "website.sweeps.RequestTimeSweepsMiddleware",
]

# Periodic work run from requests (``website.sweeps``); each is cheap when not due.
REQUEST_TIME_SWEEPS = [
    "website.sweeps.publish_scheduled",
    "network.sweep.sweep_expired_posts",
    "funding.sweep.sweep_call_statuses",
    "website.mail.sweep_mail_queue",
    "website.moderation_digest.sweep_moderation_digest",
]

# The daily moderation digest goes out from this hour (Europe/Sofia) on, once
# something waits; the request-time sweep checks at most this often.
MODERATION_DIGEST_HOUR = 7
MODERATION_DIGEST_CHECK_SECONDS = 600

# Scheduled publishing (go-live and expiry times) is checked at most this often.
SCHEDULED_PUBLISHING_SECONDS = 30

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ by default, any database by DATABASE_URL.
# SQLite runs in WAL mode with IMMEDIATE transactions so that concurrent
# writers queue on the lock instead of failing with "database is locked".
# Each worker keeps its SQLite connection open: SQLite deletes the WAL's
# shared-memory file when the last connection closes and must write it again
# to read at all, which a full disk refuses (every page a server error). While
# a worker holds a connection, pages keep rendering from a full disk.
SQLITE_PATH = VAR_DIR / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = None  # see above
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Bulgarian first (the default), then English and Greek.
LANGUAGE_CODE = "bg"
LANGUAGES = [
    ("bg", "Български"),
    ("en", "English"),
    ("el", "Ελληνικά"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "website" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Cache: shared Redis when REDIS_URL is set, a file cache on this machine otherwise.
# Both are fail-safe (website.cache): a full disk or a Redis that is down is
# logged and answered as a miss, never a failed page. Nothing an access decision
# depends on is kept only in the cache (website.chrome).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "website.cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 300,
            # A Redis that does not answer costs a request half a second, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # One machine: a file cache that every worker process shares.
    CACHES = {
        "default": {
            "BACKEND": "website.cache.FailSafeFileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Background tasks (search index updates, mail): a database-backed queue run by
# `manage.py db_worker` in production; dev and test run them at once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Search: the embedded engine under var/ unless ELASTICSEARCH_URL is set.
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search"))
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "competence-hub")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
# After an engine failure, every caller skips the engine this long, then one probe tries it.
SEARCH_BREAKER_SECONDS = float(os.environ.get("SEARCH_BREAKER_SECONDS", "30"))
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# E-mail. Everything sent through Django's mail API goes into the outgoing-mail
# queue (website.mail) and a task sends it through MAIL_DELIVERY_BACKEND, so a
# dead mail server never breaks a request; EMAIL_BACKEND in the environment
# chooses that transport.
EMAIL_BACKEND = "website.mail.QueuedEmailBackend"
MAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Competence Hub <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[Competence Hub] "
# Who gets error reports (500s): "Name <address>, address". Unset: nobody is
# mailed and the error page does not claim that the team was told.
ADMINS = env_addresses("ADMINS")

# Security: on by default; dev.py relaxes for plain-HTTP localhost.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself

# Content-Security-Policy (django-csp, website.security): pages load scripts,
# styles, fonts, images and data from this site only; no inline script or style
# runs. Two exceptions, each where an editor or a visitor asks for it: video
# embeds from the hosts in CSP_FRAME_SOURCES, and map tiles from MAP_TILE_URL,
# allowed on the directory's map view only (network.models.pages).
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
# Off unless the operator names a tile server: no page asks another host by default.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (everything under /admin/), as strict as it works; each
# relaxation was found by loading the admin pages with the policy on and reading
# the browser's CSP reports (tests/e2e/test_csp.py keeps them honest):
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Wagtail's date, time and chooser widgets, inline panels and
        # wagtail-localize's editor start themselves with inline <script> blocks
        # (no nonce, ids that vary), so the admin runs inline scripts; eval stays off.
        "script-src": [SELF, UNSAFE_INLINE],
        # Draftail (the rich-text editor) writes <style> elements whose selectors
        # carry per-editor keys (placeholders, nested list counters): no fixed hash.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # The live preview shows the page in a frame of the editor.
        "frame-ancestors": [SELF],
    }
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail.
WAGTAIL_SITE_NAME = "Competence Hub"
# The canonical address of the site (scheme, host, port; no path): absolute URLs in
# feeds, calendars, the sitemap, the API and e-mails. ``migrate`` gives the default
# Wagtail Site this hostname and port (website.site_url).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Documents are served only through Wagtail's document view, which checks the
# privacy of their collection, never from /media/ directly (and never by a redirect
# to the storage's URL, Wagtail's default for object storage). README: serving /media/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin makes no third-party request either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
# Uploads: Django's upload settings cap memory, not file size, so each kind of
# upload has its own limits, checked before an image is decoded.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
MEMBER_UPLOAD_MAX_BYTES = 5 * 1024 * 1024  # members' logos (website.uploads)
MEMBER_UPLOAD_MAX_PIXELS = 25_000_000
# How long a rendered form's one-time token (website.submissions) and a checked
# import file waiting for confirmation (website.importing.views) stay valid.
SUBMISSION_TOKEN_MAX_AGE = 24 * 3600
IMPORT_UPLOAD_MAX_AGE = 24 * 3600
TAGGIT_CASE_INSENSITIVE = True
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"

LOGIN_URL = "wagtailadmin_login"

# Member accounts (django-allauth): log in by e-mail, verified addresses only,
# the same answer for known and unknown addresses, allauth's rate limits on.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "network.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "network.forms.SignupConsentForm"
ACCOUNT_FORMS = {"signup": "network.signup.SignupForm"}  # same work for known addresses
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Competence Hub] "
ACCOUNT_RATE_LIMITS = {
    # Failed logins are throttled by website.login_throttle instead, for allauth's
    # login and the Wagtail admin's alike: allauth's per-IP limits (on failures and
    # on login requests) locked every account behind one IP out.
    "login_failed": None,
    "login": None,
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# Failed logins allowed per window (count, seconds) before attempts are refused:
# per account and client IP (tight: one client guessing one password), per account
# (loose: a guess spread over many IPs; one client alone cannot reach it, so it
# cannot lock the owner out), per IP (a spray across accounts). Refused attempts
# are not counted and a password reset clears the account. See website/login_throttle.py.
LOGIN_THROTTLE = {
    "account_ip": (5, 15 * 60),
    "account": (60, 60 * 60),
    "ip": (100, 60 * 60),
}
# Behind a load balancer every request comes from its address: say how many
# proxies append to X-Forwarded-For, so that throttling sees the client's IP.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
WAGTAILADMIN_USER_LOGIN_FORM = "website.forms.AdminLoginForm"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Editors and admins must use two-factor authentication (on in production.py):
# the admin then signs in through allauth, whose two-factor stage applies, and
# network.middleware.StaffTwoFactorMiddleware sends staff without an
# authenticator to set one up before the admin opens.
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", False)
if REQUIRE_STAFF_2FA:
    WAGTAILADMIN_LOGIN_URL = "account_login"
# Contact messages between members: at most this many per sender per hour.
NETWORK_CONTACT_RATE_PER_HOUR = int(os.environ.get("NETWORK_CONTACT_RATE_PER_HOUR", "10"))

# Errors of requests go to the console and, with ADMINS set, to the outgoing-mail
# queue (website.error_mail): Django's own AdminEmailHandler, which its default
# logging puts on the "django" logger, would wait for the mail server inside the
# failing request, so "django" is configured here without it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "website.error_mail.QueuedAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"handlers": ["mail_admins"] if ADMINS else [], "level": "ERROR"},
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}

# Shown in the admin and the site header.
SITE_DESCRIPTION = _("Knowledge base and network on social innovation and the circular economy")
