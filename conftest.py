"""Test-run configuration that must exist before Django reads its settings."""

import os

# Tests run with DEBUG off, as production does; they bring their own key and plain HTTP.
os.environ.setdefault("SECRET_KEY", "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
