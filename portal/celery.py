import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
# Every CELERY_* Django setting configures Celery; one place for all configuration.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Sub-packages that are not apps of their own but have tasks.
app.autodiscover_tasks(["inovasi.exports"])
