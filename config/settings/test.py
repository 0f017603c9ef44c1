"""Tests: fast hashing, tasks run inline, e-mails kept in memory, static files from finders."""

import secrets
import tempfile

from .base import *  # noqa: F403

DEBUG = False
# A new secret per test process: nothing signed in a test is valid anywhere else.
SECRET_KEY = secrets.token_urlsafe(50)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="ouverture-media-")
OUVERTURE_PRIVATE_ROOT = tempfile.mkdtemp(prefix="ouverture-private-")
ALLOWED_HOSTS = ["*"]
# Throttling stays on (tests/accounts checks it) with a limit no other test reaches.
AXES_FAILURE_LIMIT = 5
