"""Tests: whichever database DATABASE_URL names (CI: PostgreSQL), tasks eager unless a test says not."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests send tasks in-process; the worker tests switch this off to go through Redis.
CELERY_TASK_ALWAYS_EAGER = env.bool("TANDEM_TEST_EAGER", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
