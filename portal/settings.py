"""One environment-driven settings module for development, tests and production.

Nothing exists only in production: behaviour differs by environment variables alone,
so `manage.py check --deploy` can be run against exactly what production runs.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# `make run` writes DEBUG=true into .env, so manage.py works on a developer's machine without
# exporting anything. Real environment variables always win; production has no .env file.
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# A development key only when DEBUG is on; production must bring its own.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal.accounts.admin_config.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_filters",
    "django_htmx",
    "import_export",
    "simple_history",
    "portal.accounts",
    "portal.audit",
    "portal.notices",
    "portal.catalogue",
    "portal.events",
    "portal.dashboard",
    "inovasi",
    "scoring",
    "portal.awards",
    "portal.demo",  # the top layer: `manage.py seed_demo`
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside all but the static files: every response Django makes gets its Cache-Control here.
    "portal.middleware.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    # After the locale (an Indonesian 400 page), before CSRF, authentication and the audit trail.
    "portal.middleware.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django_htmx.middleware.HtmxMiddleware",  # request.htmx: in-place forms answer with the part they change
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.audit.middleware.SecurityEventMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "portal.accounts.middleware.SessionTimeoutMiddleware",
    "portal.accounts.middleware.AccountPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "portal.refusals.RefusalMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

# Unset DATABASE_URL gives the embedded SQLite file, so `make run` needs no server.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional: without it the cache is per process and Celery runs inline.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "iid",
            # A page gives up on Redis within a second and carries on without it (see portal.cache).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["portal.accounts.backends.PortalAuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Peraturan BSSN 4/2021 password rules; the deviation from OWASP ASVS is deliberate (README).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "portal.accounts.validators.CharacterClassValidator"},
    {"NAME": "portal.accounts.validators.NoTripleCharacterValidator"},
    {"NAME": "portal.accounts.validators.PasswordHistoryValidator", "OPTIONS": {"history": 5}},
]
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=180)

# Session lifetime: 30 minutes idle, 12 hours absolute (OWASP ASVS L2 3.3.2).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# django-allauth: accounts are provisioned by Bappeda, so there is no sign-up.
ACCOUNT_ADAPTER = "portal.accounts.adapters.PortalAccountAdapter"
ACCOUNT_FORMS = {"login": "portal.accounts.forms.PortalLoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# allauth's mail to an address with no account invites the reader to sign up, which nobody can here:
# send nothing (the page still says a mail was sent, so it tells nothing about who has an account).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
# Behind the reverse proxy the client address is in X-Forwarded-For; per-IP limits need it.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_ADAPTER = "portal.accounts.adapters.PortalMFAAdapter"
USERSESSIONS_ADAPTER = "portal.accounts.adapters.PortalUserSessionsAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Portal IID Kota Kediri")
# Tracking activity would write the session row on every request; login time and IP suffice.
USERSESSIONS_TRACK_ACTIVITY = False

# Roles that must have TOTP before they may open any other page.
MFA_REQUIRED_ROLES = ["pendamping", "pimpinan", "admin"]

LANGUAGE_CODE = "id"
# The portal's empty choice, for django-filter here and for Django's forms through portal.accounts.i18n.
# (Settings import no portal module: one that translates at import would read these settings half-made.)
FILTERS_EMPTY_CHOICE_LABEL = _("— Choose —")
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Evidence uploads: checked by content; these caps must agree with the proxy's body-size limit.
EVIDENCE_MAX_SIZE = {
    "pdf": env.int("EVIDENCE_MAX_PDF_MB", default=10) * 1024 * 1024,
    "image": env.int("EVIDENCE_MAX_IMAGE_MB", default=10) * 1024 * 1024,
}
# The region's bounding box (south, west, north, east, in degrees): an innovation's coordinates must
# fall inside it. The default is Kota Kediri; another region sets its own.
REGION_NAME = env.str("REGION_NAME", default="Kota Kediri")
REGION_BOUNDS = tuple(env.list("REGION_BOUNDS", cast=float, default=[-7.88, 111.96, -7.75, 112.08]))
# Virus scanning of every upload by clamd (inovasi/antivirus.py): a Unix socket or host and port.
# Unset, uploads are not scanned; set, an unreachable scanner refuses uploads (fail closed).
CLAMAV_SOCKET = env.str("CLAMAV_SOCKET", default="")
CLAMAV_HOST = env.str("CLAMAV_HOST", default="")
CLAMAV_PORT = env.int("CLAMAV_PORT", default=3310)
CLAMAV_TIMEOUT = env.int("CLAMAV_TIMEOUT", default=30)

# Uploaded files: local disk by default; S3 or MinIO when a bucket is configured.
S3_BUCKET = env.str("S3_BUCKET", default="")
DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,  # MinIO: http://minio:9000
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY", default=""),
            "secret_key": env.str("S3_SECRET_KEY", default=""),
            # Evidence is private: never public-read, every download goes through the portal's check.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}


# E-mail: console in development, SMTP when EMAIL_URL is set (smtp+tls://user:pass@host:587).
def _mailer(config):
    options = {
        "host": config["EMAIL_HOST"],
        "port": config["EMAIL_PORT"],
        "username": config["EMAIL_HOST_USER"],
        "password": config["EMAIL_HOST_PASSWORD"],
        "use_tls": config.get("EMAIL_USE_TLS", False),
        "use_ssl": config.get("EMAIL_USE_SSL", False),
        "timeout": 10,
    }
    is_smtp = config["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    return {"BACKEND": config["EMAIL_BACKEND"], "OPTIONS": options if is_smtp else {}}


MAILERS = {"default": _mailer(env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"))}
# Links in e-mails point here (no request exists in a Celery task).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Portal IID <noreply@localhost>")

# Celery: with no broker, tasks run inline so nobody needs Redis to work on the portal.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = CELERY_TASK_ALWAYS_EAGER
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Unacknowledged messages (a worker died mid-task) are delivered again after this long, not the
# default hour; it must stay above the longest task's hard limit (the export's 11 minutes), or a
# long export would be handed to a second worker while the first still builds it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 900, "socket_connect_timeout": 2, "socket_timeout": 5}
# With Redis down a publish gives up within a second; the caller logs it and the sweeps catch up.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_TIMEZONE = TIME_ZONE
# Score-affecting changes within this many seconds share one recompute (see scoring.dirty).
SCORE_RECOMPUTE_WINDOW = env.float("SCORE_RECOMPUTE_WINDOW", default=1.0)
# PostgreSQL work_mem for the recompute transaction only (its aggregation hashes every answer).
SCORE_RECOMPUTE_WORK_MEM = env.str("SCORE_RECOMPUTE_WORK_MEM", default="64MB")
# The plan to the next band reads every answer of the period: every run computes it up to this many
# innovations (a city has a few hundred); above it only full runs do (the nightly check, "Hitung ulang"),
# so that a single change at national size stays a few dozen milliseconds.
SCORE_PATH_EVERY_RUN_UP_TO = env.int("SCORE_PATH_EVERY_RUN_UP_TO", default=5000)
# Every periodic job, in one place (crontab times are Asia/Jakarta).
CELERY_BEAT_SCHEDULE = {
    "daily-digests": {"task": "notices.send_daily_digests", "schedule": crontab(hour=7, minute=0)},
    "sweep-unsent-mail": {"task": "notices.sweep_unsent", "schedule": 10 * 60},
    "deadline-reminders": {"task": "inovasi.send_deadline_reminders", "schedule": crontab(hour=8, minute=0)},
    "pending-uploads-sweep": {"task": "inovasi.sweep_pending_uploads", "schedule": crontab(minute=15)},
    "event-reminders": {"task": "events.send_event_reminders", "schedule": 15 * 60},
    "scores-sweep": {"task": "scoring.sweep_dirty", "schedule": 60},
    "scores-full-check": {"task": "scoring.full_check", "schedule": crontab(hour=2, minute=30)},
}

# Production hardening, on whenever DEBUG is off (check --deploy passes with 0 warnings).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # One line per task run says nothing the recompute's own log line does not (and floods `make run`,
    # where tasks run inline on every save).
    # pikepdf announces its logger bridge at INFO in every process that checks a PDF.
    "loggers": {"celery.app.trace": {"level": "WARNING"}, "pikepdf": {"level": "WARNING"}},
}
