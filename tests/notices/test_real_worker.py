"""The on-commit mail path end to end: Redis broker, a real Celery worker process, real PostgreSQL."""

from pathlib import Path

import pytest
from django.conf import settings

from inovasi.models import Inovasi
from inovasi.workflow import transition
from portal.notices.models import Notice
from tests.notices.builders import submittable
from tests.workers import publishing_to, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path):
    """A worker on the test database and broker; its mail lands in tmp_path/mail."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    process = start_worker(settings.CELERY_BROKER_URL, TEST_MAIL_DIR=str(mail_dir))
    try:
        with publishing_to(settings.CELERY_BROKER_URL):  # this test publishes to the real broker
            yield mail_dir
    finally:
        stop_worker(process)


def _written(path):
    """The file backend creates the file before it writes; a message is whole once its separator follows it."""
    return path.read_text().endswith("-" * 79 + "\n")


def test_a_submission_is_mailed_by_the_worker_after_commit(catalogue, personas, worker):
    inovasi = submittable(personas)
    transition(inovasi, Inovasi.Status.SUBMITTED, actor=personas.operator_a)
    assert wait_for(lambda: all(_written(path) for path in Path(worker).iterdir()) and any(Path(worker).iterdir()))
    mails = [path.read_text() for path in Path(worker).iterdir()]
    assert len(mails) == 1
    assert "To: pendamping@example.test" in mails[0]
    assert wait_for(lambda: Notice.objects.filter(emailed_at__isnull=False).count() == 1)
