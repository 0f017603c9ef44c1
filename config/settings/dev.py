"""Development: debug on, e-mails printed on the console, a random secret kept in var/.

The secret key is generated on first use and stored in var/secret_key (var/ is not
committed), so sessions survive a restart and no key is ever shared between machines.
"""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool


def _local_secret_key():
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or _local_secret_key()  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
