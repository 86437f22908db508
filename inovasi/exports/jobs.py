"""Large exports as ExportJob rows: queued after commit, built by Celery into storage, downloaded by their owner.

Each job records what its file holds (scope.covered_scope); its owner keeps it only while they may read that.
"""

import logging
import tempfile
from functools import partial

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inovasi.exports import pdf, scope, xlsx
from inovasi.exports import zip as evidence_zip
from inovasi.models import ExportJob
from portal.accounts.access import access_for

logger = logging.getLogger(__name__)


class Refused(Exception):
    """The requester may not have this export (any more): the message is shown to them."""


EXTENSIONS = {ExportJob.Kind.XLSX: "xlsx", ExportJob.Kind.PDF: "pdf", ExportJob.Kind.ZIP: "zip"}


def start(user, kind, period, opd=None, params=None):
    """Create the job; its task is queued only once the row is committed."""
    from inovasi.exports.tasks import build_export_task

    # Recorded now so the job's status follows the requester's access before the file exists too.
    covers = scope.covered_scope(access_for(user), kind, opd)
    params = {**(params or {}), scope.SCOPE_KEY: covers}
    job = ExportJob.objects.create(requested_by=user, kind=kind, period=period, opd=opd, params=params)
    transaction.on_commit(partial(build_export_task.delay, job.pk))
    return job


PREFIXES = {ExportJob.Kind.XLSX: "siap-input", ExportJob.Kind.PDF: "rekap-iid", ExportJob.Kind.ZIP: "bukti"}


def download_name(job):
    parts = [PREFIXES[job.kind]]
    if job.opd_id:
        parts.append(evidence_zip.safe_name(job.opd.short_name or job.opd.name, 40).replace(" ", "-"))
    parts.append(str(job.period.year))
    return f"{'-'.join(parts)}.{EXTENSIONS[job.kind]}"


def _progress(job_id, percent):
    ExportJob.objects.filter(pk=job_id).update(progress=min(max(int(percent), 0), 99))


def _write(job, out):
    """Build the export of `job` into the open binary file `out`, with the requester's access of today."""
    access = access_for(job.requested_by)
    _check_still_allowed(access, job)
    # The file holds what this access reads: recorded so that every download re-checks exactly that.
    job.params = {**job.params, scope.SCOPE_KEY: scope.covered_scope(access, job.kind, job.opd)}
    if job.kind == ExportJob.Kind.XLSX:
        xlsx.build_workbook(access, job.period, out, opd=job.opd, progress=partial(_progress, job.pk))
    elif job.kind == ExportJob.Kind.PDF:
        out.write(pdf.render_pdf(pdf.recap_html(job.period)))
    else:
        _write_zip(job, access, out)


def _check_still_allowed(access, job):
    """Refuse a build the requester lost access to while it was queued."""
    if job.kind == ExportJob.Kind.PDF and not access.can_export_city:
        raise Refused(_("The leadership recap is for city-wide roles only."))
    lost_opd = job.opd is not None and not access.can_view_opd(job.opd)
    if lost_opd or (job.kind == ExportJob.Kind.ZIP and job.opd is None):
        raise Refused(_("You may no longer read this OPD's data."))


def _write_zip(job, access, out):
    """Stream the archive into `out`, reporting progress by the evidence bytes written so far."""
    expected = max(evidence_zip.opd_file_bytes(access, job.opd, job.period), 1)
    written, reported = 0, 0
    for chunk in evidence_zip.opd_archive(access, job.opd, job.period):
        out.write(chunk)
        written += len(chunk)
        percent = min(95 * written // expected, 95)
        if percent >= reported + 5:
            _progress(job.pk, percent)
            reported = percent


def run(job_id):
    job = ExportJob.objects.select_related("requested_by", "period", "opd").filter(pk=job_id).first()
    if job is None or job.status != ExportJob.Status.QUEUED:
        logger.info("Skipping export job %s: gone or already taken", job_id)
        return None
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=1)
    try:
        with tempfile.TemporaryFile() as out:
            _write(job, out)
            out.seek(0)
            job.file.save(download_name(job), File(out), save=False)
    except Refused as refusal:
        logger.warning("Export job %s refused: %s", job.pk, refusal)
        return _finish(job, ExportJob.Status.FAILED, error=str(refusal))
    except Exception:  # the user gets a plain sentence; the log keeps the details
        logger.exception("Export job %s failed", job.pk)
        return _finish(job, ExportJob.Status.FAILED, error=_("The export could not be built. Please try again later."))
    return _finish(job, ExportJob.Status.DONE)


def _finish(job, status, error=""):
    job.status, job.error, job.finished_at = status, error, timezone.now()
    fields = ["status", "error", "finished_at", "file", "params"]
    if status == ExportJob.Status.DONE:
        job.progress = 100
        fields.append("progress")
    job.save(update_fields=fields)
    return job
