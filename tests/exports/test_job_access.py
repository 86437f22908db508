"""A finished export is read with the requester's access of today: losing the OPD loses its exports too."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from inovasi.exports import jobs
from inovasi.models import ExportJob
from portal.accounts.models import Membership, Role
from tests.exports.helpers import seeded_pair
from tests.inovasi.factories import current_period

KEPT = (200, 200, True)  # download, status, listed on the Ekspor page
LOST = (404, 404, False)


@pytest.fixture
def seeded(personas):
    return seeded_pair(personas)


@pytest.fixture
def build(client, django_capture_on_commit_callbacks):
    """Ask for an export through the Ekspor form as `user`; the job is built inline once the request commits."""

    def build(user, kind, opd=None):
        client.force_login(user)
        data = {"kind": kind, "period": current_period().pk, **({"opd": opd.pk} if opd else {})}
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("export-job-create"), data).status_code == 302
        job = ExportJob.objects.filter(requested_by=user).latest("created_at", "id")
        assert (job.status, job.error) == ("done", "")
        return job

    return build


def what_the_user_gets(client, user, job):
    client.force_login(user)
    download = client.get(reverse("export-job-download", args=[job.pk]))
    if download.streaming:
        b"".join(download.streaming_content)  # read to the end, which closes the stored file
    status = client.get(reverse("export-job-status", args=[job.pk]))
    listed = [shown.pk for shown in client.get(reverse("export-index")).context["jobs"]]
    return download.status_code, status.status_code, job.pk in listed


def move(user, role, opd=None):
    """Give the user's only membership another OPD (or role): what the Bappeda admin does in the admin."""
    membership = Membership.objects.get(user=user)
    membership.role, membership.opd = role, opd
    membership.save()


def test_an_operator_moved_to_another_opd_loses_the_evidence_zip_of_the_old_one(client, personas, seeded, build):
    _period, alpha, _beta = seeded
    job = build(personas.operator_a, "zip", personas.opd_a)
    client.force_login(personas.operator_a)
    response = client.get(reverse("export-job-download", args=[job.pk]))
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as zipped:
        assert len(zipped.namelist()) == 3
        assert all(name.startswith(f"{alpha.pk} - Alpha Sehat/") for name in zipped.namelist())

    move(personas.operator_a, Role.OPERATOR, personas.opd_b)
    assert what_the_user_gets(client, personas.operator_a, job) == LOST
    assert client.get(reverse("opd-dashboard", args=[personas.opd_a.pk])).status_code == 404  # as its pages
    assert what_the_user_gets(client, personas.admin, job) == KEPT  # the admin reads every OPD

    move(personas.operator_a, Role.OPERATOR, personas.opd_a)
    assert what_the_user_gets(client, personas.operator_a, job) == KEPT


@pytest.mark.parametrize("with_opd", [True, False], ids=["one-opd", "own-opds"])
def test_an_operator_moved_to_another_opd_loses_the_workbook_of_the_old_one(client, personas, seeded, build, with_opd):
    job = build(personas.operator_a, "xlsx", personas.opd_a if with_opd else None)
    assert job.params == {"scope": {"city_wide": False, "opd_ids": [personas.opd_a.pk]}}
    assert what_the_user_gets(client, personas.operator_a, job) == KEPT

    move(personas.operator_a, Role.OPERATOR, personas.opd_b)
    assert what_the_user_gets(client, personas.operator_a, job) == LOST

    move(personas.operator_a, Role.OPERATOR, personas.opd_a)
    assert what_the_user_gets(client, personas.operator_a, job) == KEPT


def test_a_kepala_who_leaves_the_opd_loses_its_zip(client, personas, seeded, build):
    job = build(personas.kepala_a, "zip", personas.opd_a)
    move(personas.kepala_a, Role.KEPALA, personas.opd_b)
    assert what_the_user_gets(client, personas.kepala_a, job) == LOST


def test_leadership_moved_into_an_opd_loses_the_city_wide_pdf(client, personas, build):
    job = build(personas.pimpinan, "pdf")
    assert what_the_user_gets(client, personas.pimpinan, job) == KEPT

    move(personas.pimpinan, Role.KEPALA, personas.opd_a)
    assert what_the_user_gets(client, personas.pimpinan, job) == LOST

    move(personas.pimpinan, Role.PIMPINAN)
    assert what_the_user_gets(client, personas.pimpinan, job) == KEPT


def test_a_city_wide_workbook_stays_city_wide_even_when_it_names_one_opd(client, personas, seeded, build):
    # A pendamping's workbook carries the region's SPD sheet, whatever OPD it was asked for.
    job = build(personas.pendamping, "xlsx", personas.opd_a)
    assert job.params == {"scope": {"city_wide": True, "opd_ids": []}}
    move(personas.pendamping, Role.OPERATOR, personas.opd_a)
    assert what_the_user_gets(client, personas.pendamping, job) == LOST


def test_a_pendamping_keeps_every_opds_export(client, personas, seeded, build):
    zip_b = build(personas.pendamping, "zip", personas.opd_b)
    zip_a = build(personas.pendamping, "zip", personas.opd_a)
    move(personas.operator_a, Role.OPERATOR, personas.opd_b)  # other people's moves change nothing here
    assert what_the_user_gets(client, personas.pendamping, zip_a) == KEPT
    assert what_the_user_gets(client, personas.pendamping, zip_b) == KEPT


def test_a_queued_job_follows_the_move_and_is_refused_when_built(client, personas, seeded):
    job = jobs.start(personas.operator_a, "zip", current_period(), personas.opd_a)  # tests roll back: not built
    client.force_login(personas.operator_a)
    assert client.get(reverse("export-job-status", args=[job.pk])).json()["status"] == "queued"

    move(personas.operator_a, Role.OPERATOR, personas.opd_b)
    assert what_the_user_gets(client, personas.operator_a, job) == LOST
    jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.file.name, job.error) == ("failed", "", "Anda tidak lagi berhak membaca data OPD ini.")


def test_a_workbook_queued_for_an_opd_is_refused_when_its_requester_left_it(personas, seeded):
    job = jobs.start(personas.operator_a, "xlsx", current_period(), personas.opd_a)
    move(personas.operator_a, Role.OPERATOR, personas.opd_b)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.file.name, job.error) == ("failed", "", "Anda tidak lagi berhak membaca data OPD ini.")


def test_a_workbook_built_before_scopes_were_recorded_is_for_city_wide_roles_only(client, personas):
    # Its contents depended on the requester's roles of that day, which were not kept: it fails closed.
    job = ExportJob.objects.create(requested_by=personas.operator_a, kind="xlsx", period=current_period())
    job.status, job.progress = "done", 100
    job.file.save("siap-input.xlsx", ContentFile(b"PK"))
    assert what_the_user_gets(client, personas.operator_a, job) == LOST
    assert what_the_user_gets(client, personas.admin, job) == KEPT


def test_an_evidence_zip_built_before_scopes_were_recorded_is_judged_by_its_opd(client, personas):
    job = ExportJob.objects.create(
        requested_by=personas.operator_a, kind="zip", period=current_period(), opd=personas.opd_a, status="done"
    )
    job.file.save("bukti.zip", ContentFile(b"PK"))
    assert what_the_user_gets(client, personas.operator_a, job) == KEPT
    move(personas.operator_a, Role.OPERATOR, personas.opd_b)
    assert what_the_user_gets(client, personas.operator_a, job) == LOST
