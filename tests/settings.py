"""Test settings: production settings plus what makes the suite fast and isolated."""

import os

# Tests run with DEBUG off, as production does; they bring their own key and plain HTTP.
os.environ["DEBUG"] = "false"  # whatever a developer's .env says
os.environ.setdefault("SECRET_KEY", "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from portal.settings import *  # noqa: F403

# PBKDF2 costs ~0.25 s a hash; tests only need hashes to compare.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic before tests: plain storage resolves {% static %} from the source tree.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Tasks run inline unless a test is about Celery itself (those start a real worker, which
# publishes follow-up tasks to its broker like production does).
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("TEST_REAL_WORKER")
CELERY_TASK_EAGER_PROPAGATES = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# A real worker started by a test writes its mail to files, the only place the test can read it.
if os.environ.get("TEST_MAIL_DIR"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["TEST_MAIL_DIR"]},
        }
    }
# Serve static files from the source folders: tests run without collectstatic.
WHITENOISE_AUTOREFRESH = True
