"""Export jobs: queued, built by Celery (inline in tests) into storage, seen and downloaded by their owner only."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from inovasi.exports import jobs
from inovasi.models import ExportJob
from portal.audit.models import AuditEntry
from tests.exports.helpers import seeded_pair
from tests.inovasi.factories import current_period


@pytest.fixture
def seeded(personas):
    return seeded_pair(personas)


def run_job(user, kind, period, opd=None):
    """Create the job as the view does; the commit hook is run by hand (tests roll back)."""
    job = ExportJob.objects.create(requested_by=user, kind=kind, period=period, opd=opd)
    jobs.run(job.pk)
    job.refresh_from_db()
    return job


def test_posting_queues_a_job_and_audits_it(client, personas, django_capture_on_commit_callbacks):
    period = current_period()
    client.force_login(personas.operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("export-job-create"), {"kind": "xlsx", "period": period.pk})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert (job.requested_by, job.kind, job.status, job.progress) == (personas.operator_a, "xlsx", "done", 100)
    assert job.file.name.startswith("exportjob/") and job.file.name.endswith(".xlsx")
    assert AuditEntry.objects.filter(action="export.queued", actor=personas.operator_a).count() == 1


def test_an_xlsx_job_builds_the_same_workbook(client, personas, seeded):
    period, _alpha, _beta = seeded
    job = run_job(personas.operator_a, "xlsx", period)
    client.force_login(personas.operator_a)
    response = client.get(reverse("export-job-download", args=[job.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="siap-input-2026.xlsx"'
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [row[1] for row in book["Inovasi"].iter_rows(min_row=2, values_only=True)] == ["Alpha Sehat"]


def test_a_zip_job_collects_one_opd(personas, seeded):
    period, alpha, _beta = seeded
    job = run_job(personas.kepala_a, "zip", period, personas.opd_a)
    assert (job.status, job.progress, jobs.download_name(job)) == ("done", 100, "bukti-DUA-2026.zip")
    with job.file.open("rb") as handle, zipfile.ZipFile(handle) as zipped:
        assert all(name.startswith(f"{alpha.pk} - Alpha Sehat/") for name in zipped.namelist())
        assert len(zipped.namelist()) == 3


def test_a_zip_job_for_another_opd_fails_without_a_file(personas, seeded):
    period, _alpha, _beta = seeded
    job = run_job(personas.operator_a, "zip", period, personas.opd_b)
    assert (job.status, job.file.name, job.error) == ("failed", "", "Anda tidak lagi berhak membaca data OPD ini.")


def test_a_pdf_job_renders_for_leadership(personas):
    job = run_job(personas.pimpinan, "pdf", current_period())
    assert job.status == "done"
    with job.file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_a_job_runs_once(personas):
    job = run_job(personas.operator_a, "xlsx", current_period())
    assert jobs.run(job.pk) is None  # a redelivered message finds the job taken and leaves it


def test_opd_roles_cannot_ask_for_the_pdf(client, personas):
    client.force_login(personas.operator_a)
    client.post(reverse("export-job-create"), {"kind": "pdf", "period": current_period().pk})
    assert ExportJob.objects.count() == 0


def test_a_zip_job_needs_an_opd_the_user_may_read(client, personas):
    client.force_login(personas.operator_a)
    client.post(reverse("export-job-create"), {"kind": "zip", "period": current_period().pk, "opd": personas.opd_b.pk})
    assert ExportJob.objects.count() == 0


def test_the_status_is_json_for_the_owner(client, personas):
    job = run_job(personas.operator_a, "xlsx", current_period())
    client.force_login(personas.operator_a)
    assert client.get(reverse("export-job-status", args=[job.pk])).json() == {
        "status": "done",
        "status_label": "Selesai",
        "progress": 100,
        "finished": True,
        "download_url": reverse("export-job-download", args=[job.pk]),
        "error": "",
    }


@pytest.mark.parametrize("role", ["operator_b", "kepala_a", "pendamping", "pimpinan"])
def test_another_users_job_is_a_404(client, personas, role):
    job = run_job(personas.operator_a, "xlsx", current_period())
    client.force_login(personas.by_name(role))
    assert client.get(reverse("export-job-status", args=[job.pk])).status_code == 404
    assert client.get(reverse("export-job-download", args=[job.pk])).status_code == 404
    assert job.pk not in [shown.pk for shown in client.get(reverse("export-index")).context["jobs"]]


def test_the_admin_sees_every_job(client, personas):
    job = run_job(personas.operator_a, "xlsx", current_period())
    client.force_login(personas.admin)
    assert client.get(reverse("export-job-download", args=[job.pk])).status_code == 200
    assert [shown.pk for shown in client.get(reverse("export-index")).context["jobs"]] == [job.pk]


def test_an_unfinished_job_has_nothing_to_download(client, personas):
    job = jobs.start(personas.operator_a, "xlsx", current_period())  # tests roll back: its build never runs
    client.force_login(personas.operator_a)
    assert client.get(reverse("export-job-download", args=[job.pk])).status_code == 404
    page = client.get(reverse("export-index")).content.decode()
    assert f'data-export-job="{reverse("export-job-status", args=[job.pk])}"' in page
    assert 'src="/static/exports/jobs.js"' in page and "<script>" not in page


def _page_queries(client, user):
    client.force_login(user)
    client.get(reverse("export-index"))  # warm up (session, language)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("export-index")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["operator_a", "admin"])
def test_the_export_page_costs_the_same_queries_for_one_or_many_jobs(client, personas, role):
    user = personas.by_name(role)
    period = current_period()
    jobs.start(user, "zip", period, personas.opd_a)
    one = _page_queries(client, user)
    for _number in range(5):
        job = jobs.start(user, "xlsx", period, personas.opd_a)
        ExportJob.objects.filter(pk=job.pk).update(status="done")
    assert _page_queries(client, user) == one
    assert len(client.get(reverse("export-index")).context["jobs"]) == 6


def test_the_admin_deleting_a_job_removes_its_file(client, personas):
    job = run_job(personas.operator_a, "xlsx", current_period())
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    client.force_login(personas.admin)
    response = client.post(reverse("admin:inovasi_exportjob_delete", args=[job.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert (ExportJob.objects.count(), storage.exists(name)) == (0, False)
    assert AuditEntry.objects.filter(action="export.deleted", actor=personas.admin).count() == 1
