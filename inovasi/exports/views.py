"""Export downloads and jobs. Every view starts from the same access checks as the pages it exports."""

import tempfile
from itertools import islice

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.access import inovasi_for
from inovasi.exports import csv, jobs, pdf, xlsx
from inovasi.exports import zip as evidence_zip
from inovasi.exports.forms import ExportJobForm
from inovasi.exports.scope import may_read_export, opd_for, period_from
from inovasi.filters import list_filter
from inovasi.models import ExportJob
from portal.accounts.access import access_for
from portal.audit.log import record
from portal.catalogue.models import Period

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT_JOBS = 50


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def export_index(request):
    access = access_for(request.user)
    ctx = {
        "form": ExportJobForm(access=access, initial={"period": Period.objects.current()}),
        "periods": Period.objects.order_by("-year"),
        "own_opds": access.visible_opds().order_by("name") if not access.can_export_city else [],
        "can_pdf": access.can_export_city,
        "jobs": _recent_readable_jobs(request.user, access),
        "show_owner": access.can_see_all_exports,
    }
    return render(request, "exports/index.html", ctx)


def _recent_readable_jobs(user, access):
    """The newest jobs of the user (the admin: everyone's) whose contents they may still read."""
    queryset = ExportJob.objects.visible_to(user, access).select_related("period", "opd", "requested_by")
    readable = (job for job in queryset.iterator(chunk_size=RECENT_JOBS) if may_read_export(access, job))
    return list(islice(readable, RECENT_JOBS))


@login_required
def export_csv(request):
    """The innovation list with the list page's filters (the current period unless one is chosen)."""
    data, filterset = list_filter(request, access_for(request.user))
    record("export.csv", actor=request.user, after={"filters": data.dict()}, request=request)
    response = StreamingHttpResponse(csv.lines(csv.list_queryset(filterset)), content_type="text/csv; charset=utf-8")
    return _attachment(response, "inovasi.csv")


@login_required
def export_xlsx(request):
    access = access_for(request.user)
    period = period_from(request.GET.get("period"))
    opd = opd_for(access, request.GET["opd"]) if request.GET.get("opd", "").isdigit() else None
    record("export.xlsx", actor=request.user, obj=period, after={"opd": opd and opd.pk}, request=request)
    out = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it once sent
    xlsx.build_workbook(access, period, out, opd=opd)
    out.seek(0)
    return _attachment(FileResponse(out, content_type=XLSX_TYPE), f"siap-input-{period.year}.xlsx")


@login_required
def export_pdf(request):
    if not access_for(request.user).can_export_city:
        raise Http404
    period = period_from(request.GET.get("period"))
    record("export.pdf", actor=request.user, obj=period, request=request)
    response = HttpResponse(pdf.render_pdf(pdf.recap_html(period)), content_type="application/pdf")
    return _attachment(response, f"rekap-iid-{period.year}.pdf")


@login_required
def export_inovasi_zip(request, pk):
    inovasi = inovasi_for(request, pk)
    record("export.zip", actor=request.user, obj=inovasi, request=request)
    response = StreamingHttpResponse(evidence_zip.inovasi_archive(inovasi), content_type="application/zip")
    return _attachment(response, f"bukti-{inovasi.pk}.zip")


@login_required
def export_opd_zip(request, opd_pk):
    access = access_for(request.user)
    opd = opd_for(access, opd_pk)
    period = period_from(request.GET.get("period"))
    record("export.zip", actor=request.user, obj=opd, after={"period": period.pk}, request=request)
    response = StreamingHttpResponse(evidence_zip.opd_archive(access, opd, period), content_type="application/zip")
    name = evidence_zip.safe_name(opd.short_name or opd.name, 40).replace(" ", "-")
    return _attachment(response, f"bukti-{name}-{period.year}.zip")


@login_required
@require_POST
def export_job_create(request):
    form = ExportJobForm(request.POST, access=access_for(request.user))
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect("export-index")
    data = form.cleaned_data
    job = jobs.start(request.user, data["kind"], data["period"], data["opd"])
    record("export.queued", actor=request.user, obj=job, after={"kind": job.kind}, request=request)
    messages.success(request, _("The export was queued. This page shows its progress."))
    return redirect("export-index")


def _job_for(request, pk):
    """The user's own job (the admin: any) while they may still read what it holds; 404 otherwise."""
    access = access_for(request.user)
    queryset = ExportJob.objects.visible_to(request.user, access).select_related("period", "opd")
    job = get_object_or_404(queryset, pk=pk)
    if not may_read_export(access, job):
        raise Http404  # as for any record of an OPD the user no longer belongs to
    return job


@login_required
def export_job_status(request, pk):
    job = _job_for(request, pk)
    done = job.is_done
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "finished": job.is_finished,
            "download_url": reverse("export-job-download", args=[job.pk]) if done else None,
            "error": job.error,
        }
    )


@login_required
def export_job_download(request, pk):
    job = _job_for(request, pk)
    if not job.is_done or not job.file:
        raise Http404
    record("export.downloaded", actor=request.user, obj=job, request=request)
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=jobs.download_name(job))
    response["X-Content-Type-Options"] = "nosniff"
    return response
