#!/usr/bin/env python
import os
import sys

# Commands that only read the code (never sign a cookie or a link) work on a fresh checkout
# without production secrets, as collectstatic does in the Dockerfile. Serving still refuses
# to start without SECRET_KEY when DEBUG is off.
OFFLINE_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate", "makemessages", "compilemessages"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    if len(sys.argv) > 1 and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("SECRET_KEY", "offline-command-only-not-a-secret")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
