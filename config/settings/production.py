"""Production: every secret and address from the environment, HTTPS on, static files
collected (WhiteNoise with a manifest), logs on stderr. docs/DEPLOY.md lists the variables.

Refuses to start without DJANGO_SECRET_KEY (a French message, no default key).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY manque ou est trop courte (50 caractères au moins) : la plateforme "
        "refuse de démarrer sans clé secrète propre à ce serveur. Générez-en une, par exemple "
        "avec « python3 -c 'import secrets; print(secrets.token_urlsafe(50))' », et "
        "définissez-la dans l'environnement du service. En développement, utilisez "
        "DJANGO_SETTINGS_MODULE=config.settings.dev (ce que font « make run » et « make setup »)."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS manque : donnez le ou les noms sous lesquels la plateforme est "
        "servie, séparés par des virgules (par exemple « ouverture.exemple.fr »)."
    )

# HTTPS. Behind a proxy that terminates TLS, DJANGO_BEHIND_PROXY=1 trusts its
# X-Forwarded-Proto header (and X-Forwarded-For for login throttling).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_HOURS", "10")) * 3600
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS") or [
    f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith((".", "*"))
]

STATIC_ROOT = os.environ.get("OUVERTURE_STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
# Collected files are served by WhiteNoise with far-future caching (hashed names).
WHITENOISE_MAX_AGE = 365 * 24 * 3600

DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# The rate limits (API tokens, public forms) count in Django's cache: in the database, so
# that gunicorn's workers (separate processes) and several machines count together. Local
# memory would give each worker its own count. `ouverture migrate` creates the table.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ouverture_cache",
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
