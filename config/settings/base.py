"""Settings read from environment variables. SQLite by default, PostgreSQL with DATABASE_URL."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("OUVERTURE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "rules",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Ouverture: lower layers first.
    "ouverture.core",
    "ouverture.geo",
    "ouverture.accounts",
    "ouverture.organisations",
    "ouverture.coaching",
    "ouverture.agreements",
    "ouverture.events",
    "ouverture.surveys",
    "ouverture.pathways",
    "ouverture.twinnings",
    "ouverture.liaison",
    # The decision chain: calls and applications, then assemblies and deliberations above them.
    "ouverture.calls",
    "ouverture.assemblies",
    "ouverture.opendata",
    "ouverture.reports",
    "ouverture.privacy",
    "ouverture.documents",
    # The API: the top layer, reads every app.
    "ouverture.api",
]

MIDDLEWARE = [
    # First: an oversized request is refused before anything reads its body.
    "ouverture.core.security.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "ouverture.core.security.FrenchDebugPagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Login everywhere; public pages opt out with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ouverture.core.links.CurrentRequestMiddleware",
    # Last, as django-axes asks: refuses a locked-out login with its French page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ouverture" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ouverture.core.context_processors.platform",
            ],
            "builtins": ["ouverture.core.templatetags.fr"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'ouverture.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout: the dev server and a worker can share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # First: counts failed logins and refuses a locked-out one (django-axes).
    "ouverture.accounts.lockout.LoginThrottleBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ouverture.accounts.validators.ProductWordsValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one account from
# one address, that pair is locked for AXES_COOLOFF_TIME; the page says so in French.
AXES_FAILURE_LIMIT = int(os.environ.get("OUVERTURE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("OUVERTURE_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ouverture.accounts.lockout.locked_out"
AXES_USERNAME_CALLABLE = "ouverture.accounts.lockout.attempted_username"
AXES_VERBOSE = False
# Lockouts are lifted with `ouverture axes_reset_username NAME` (docs/DEPLOY.md); no admin pages.
AXES_ENABLE_ADMIN = False
# Behind a proxy, the client address comes from X-Forwarded-For (see docs/DEPLOY.md).
AXES_CLIENT_IP_CALLABLE = "ouverture.core.security.client_ip"
OUVERTURE_BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Numbers are formatted explicitly (core.formats): ids in markup stay bare.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "ouverture" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("OUVERTURE_MEDIA_ROOT", VAR_DIR / "media"))
# Files only people allowed to see their record may read (applicants' documents): kept outside
# MEDIA_ROOT, never given a URL, served by the record's view after its checks.
OUVERTURE_PRIVATE_ROOT = Path(os.environ.get("OUVERTURE_PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Request bodies: Django refuses larger form fields and keeps smaller uploads in memory;
# RequestSizeLimitMiddleware refuses a body above OUVERTURE_MAX_REQUEST_BYTES unread.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
OUVERTURE_MAX_REQUEST_BYTES = int(os.environ.get("OUVERTURE_MAX_REQUEST_MB", "25")) * (1024 * 1024)

# French error pages in every mode (config/urls.py names the handlers).
CSRF_FAILURE_VIEW = "ouverture.core.security.csrf_failure"

# Content Security Policy (django-csp): scripts and styles from our own static files only;
# style attributes stay allowed (layout tweaks in templates), <style> and inline scripts not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ouverture@localhost")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The public address used in e-mails (registration, verification links).
# Empty: the address of the request being served (core.links.base_url).
OUVERTURE_BASE_URL = os.environ.get("OUVERTURE_BASE_URL", "")
# A confirmed import above this many rows runs as a background task (core/jobs.py).
OUVERTURE_IMPORT_TASK_ROWS = int(os.environ.get("OUVERTURE_IMPORT_TASK_ROWS", "2000"))
# The département whose schemes the platform runs: configuration, not code.
OUVERTURE_DEPARTEMENT = os.environ.get("OUVERTURE_DEPARTEMENT", "62")
# Project types the funder's schemes cover (codes of organisations.enums.ProjectType).
OUVERTURE_PROJECT_TYPES_IN_SCOPE = env_list(
    "OUVERTURE_PROJECT_TYPES_IN_SCOPE", "youth_mobility,cooperation,twinning"
)
# Days before a deadline when reminders are e-mailed.
OUVERTURE_REMINDER_DAYS = [int(d) for d in env_list("OUVERTURE_REMINDER_DAYS", "30,7")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # Each use of an API token: which token (its prefix), whose, from where.
    "loggers": {
        "ouverture.api": {"level": os.environ.get("OUVERTURE_API_LOG_LEVEL", "INFO")},
    },
}

# How long personal data is kept, in months, per kind (ouverture privacy retention applies it).
OUVERTURE_RETENTION_MONTHS = {
    kind: int(os.environ.get(f"OUVERTURE_RETENTION_{kind.upper()}_MONTHS", default))
    for kind, default in {
        "participants": 36, "respondents": 24, "candidates": 36, "contacts": 60,
    }.items()
}  # fmt: skip

# The API (ouverture/api, docs/API.md): Bearer tokens, the apps' rules, JSON only, French errors.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["ouverture.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["ouverture.api.permissions.TokenScope"],
    "DEFAULT_PAGINATION_CLASS": "ouverture.api.conventions.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "ouverture.api.conventions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["ouverture.api.conventions.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["ouverture.api.conventions.StrictJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["ouverture.api.conventions.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("OUVERTURE_API_RATE", "600/minute")},
    "NON_FIELD_ERRORS_KEY": "general",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API d'Ouverture",
    "DESCRIPTION": (
        "Les données de la plateforme Ouverture (structures, accompagnements, conventions, "
        "temps collectifs, jumelages, appels à projets…) pour les systèmes partenaires. "
        "Authentification : « Authorization: Bearer <jeton> » (jeton personnel créé dans "
        "« Mes jetons d'API », ou jeton d'un compte de service). Chaque jeton voit ce que voit "
        "son titulaire à l'écran, et peut être limité à la lecture ou à un domaine. "
        'Erreurs : {"message": "…", "erreurs": {"champ": ["…"]}} ; dates ISO 8601 ; '
        "montants en chaînes décimales ; listes paginées (page, page_size)."
    ),
    "VERSION": "v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ouverture.api.schema.add_error_responses",
    ],
    # Choice sets of the same field name in several domains (api-read): one name each.
    "ENUM_NAME_OVERRIDES": {
        "FollowUpKindEnum": "ouverture.coaching.enums.FollowUpKind",
        "WorkshopKindEnum": "ouverture.events.enums.WorkshopKind",
        "QuestionnaireKindEnum": "ouverture.surveys.enums.QuestionnaireKind",
        "FollowUpStatusEnum": "ouverture.coaching.enums.FollowUpStatus",
        "RegistrationStatusEnum": "ouverture.events.enums.RegistrationStatus",
        "QuestionnaireStatusEnum": "ouverture.surveys.enums.QuestionnaireStatus",
        "CohortStatusEnum": "ouverture.pathways.enums.CohortStatus",
        "CandidateStatusEnum": "ouverture.pathways.enums.CandidateStatus",
        "TwinningStatusEnum": "ouverture.twinnings.enums.AgreementStatus",
        "TwinningKindEnum": "ouverture.twinnings.enums.AgreementKind",
        "PartyKindEnum": "ouverture.twinnings.enums.PartyKind",
        "AgreementStatusEnum": "ouverture.agreements.enums.AgreementStatus",
    },
}
