"""Civic P3 settings, read from the environment (12-factor).

Every value a deployment changes comes from an environment variable through the small typed
helpers below, which fail loudly on a bad value. With DEBUG off (the default) the defaults are
the safe production ones; `make demo` and `make test` set DEBUG=1 for local use.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "civicp3-development-key-not-for-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "simple_history",
    "axes",
    "csp",
    "govuk_frontend_django",
    "django_tasks",
    "django_tasks_db",
    "civicp3.organisation",
    "civicp3.improvements",
    "civicp3.portfolio",
    "civicp3.delivery",
    "civicp3.toolkit",
    "civicp3.performance",
    "civicp3.api",
    "civicp3.search",
    "civicp3.reminders",
    "civicp3.onboarding",
    "civicp3.productivity",
    "civicp3.outcomes",
    "civicp3.jobs",
    "civicp3.guides",
    "civicp3.operations",
    "civicp3.identity",
    "civicp3.feeds",
    "civicp3.reporting",
    "civicp3.engagement",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the view, on the way out: no-store for signed-in people and tokens; an idle
    # session's expiry renewed (before SessionMiddleware saves it).
    "civicp3.organisation.middleware.NoStoreMiddleware",
    "civicp3.organisation.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "civicp3.organisation.middleware.CurrentCouncilMiddleware",
    # An API token in place of a session on CSV/XLSX exports (Power Query's Web connector).
    "civicp3.reporting.middleware.ExportTokenMiddleware",
    # Axes must be last: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "civicp3.urls"
WSGI_APPLICATION = "civicp3.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "civicp3" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "civicp3.organisation.context_processors.council",
            ],
            "builtins": ["civicp3.templatetags.govuk", "civicp3.templatetags.projects"],
        },
    }
]
FORM_RENDERER = "civicp3.lib.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'civicp3.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a background worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on with each council's own OpenID Connect provider (civicp3/identity).
    "civicp3.identity.backends.CouncilOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in lockout (django-axes): five failures for the same username from the same address
# lock that pair out for an hour. The address is the client's, also behind the proxy.
AXES_CLIENT_IP_CALLABLE = "civicp3.lib.addresses.client_address"
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "civicp3" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The role guides (Markdown and screenshots); docs/guides in a checkout.
GUIDES_DIR = Path(os.environ.get("GUIDES_DIR", BASE_DIR / "docs" / "guides"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Change reasons (why a request was put on hold, a board's reasons…) are the person's own words,
# of any length: kept as text, not a 100-character field.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Background work (simulations, imports, documents): Django's Tasks API. TASKS_BACKEND chooses
# the queue: `database` (the default; `civicp3 db_worker` runs it) or `rq` (a Redis queue at
# REDIS_URL; `civicp3 rqworker --job-class django_tasks_rq.Job default` runs it; see
# docs/scaling.md). TASKS_IMMEDIATE=1 wins over both and runs each task inside the request
# instead (the tests use it; so can a one-process trial).
# A task RUNNING longer than this is taken to have lost its worker: `civicp3 fail_lost_tasks`
# (from cron) marks it failed so the page says so (database queue only).
TASKS_LOST_AFTER_SECONDS = envint("TASKS_LOST_AFTER_SECONDS", 1800)
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND not in {"database", "rq"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'database' or 'rq'.")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("TASKS_IMMEDIATE", False)
            else {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}[
                TASKS_BACKEND
            ]
        )
    }
}
if TASKS_BACKEND == "rq":
    # django-rq holds the Redis connection and gives the `rqworker` command.
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # A job may run as long as a task may on the database queue (RQ's own default is 180 s).
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": TASKS_LOST_AFTER_SECONDS}}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "civicp3@localhost")
# The service's address, for links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where people report accessibility problems (named in the accessibility statement).
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)

# Security headers. The CSP allows no inline script or style: the one inline script (the
# js-enabled class) carries the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Behind the HTTPS proxy the client's address comes from X-Forwarded-For, taken from the
# right: each of the TRUSTED_PROXY_COUNT proxies appends the address it saw
# (civicp3.lib.addresses).
BEHIND_HTTPS_PROXY = envbool("BEHIND_HTTPS_PROXY", False)
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1)
if TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be at least 1")
if BEHIND_HTTPS_PROXY:
    # Only behind a proxy that sets this header itself: otherwise a client could forge it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Signed out after this long without a request (IdleSessionMiddleware renews it as they work).
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 60) * 60
if SESSION_COOKIE_AGE <= 0:
    raise ImproperlyConfigured("SESSION_IDLE_MINUTES must be at least 1")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
