"""What a user may export: the same querysets as the pages, plus the evidence they carry."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from inovasi.models import Answer, Evidence, ExportJob, Inovasi
from portal.catalogue.models import Indicator, Period

# Where an export job keeps what its file holds (see covered_scope), among its params.
SCOPE_KEY = "scope"


def _scope(opd_ids, *, city_wide=False):
    return {"city_wide": city_wide, "opd_ids": list(opd_ids)}


def covered_scope(access, kind, opd=None):
    """What an export of `kind` built with `access` holds: the OPDs whose data it carries, or city-wide data.

    The PDF recap is city-wide, and so is a city-wide user's workbook (it adds the region's SPD sheet);
    an evidence ZIP or an OPD user's workbook carries the chosen OPD, or else all of the user's OPDs.
    """
    if kind == ExportJob.Kind.PDF or (kind == ExportJob.Kind.XLSX and access.can_export_city):
        return _scope([], city_wide=True)
    return _scope([opd.pk] if opd is not None else sorted(access.opd_ids))


def recorded_scope(job):
    """The scope the job recorded; for a job older than that record, what its fields prove, else city-wide.

    An older evidence ZIP holds its OPD only; what an older workbook held depended on the requester's roles
    of that day, which nobody kept, so it fails closed: only the city-wide roles may still read it.
    """
    if SCOPE_KEY in job.params:
        return job.params[SCOPE_KEY]
    if job.kind == ExportJob.Kind.ZIP and job.opd_id is not None:
        return _scope([job.opd_id])
    return _scope([], city_wide=True)


def may_read_export(access, job):
    """Whether the user may read what the job holds with their access of now (not of the day it was built).

    The one rule for a job's status, its place in the job list and its download; who owns the job is
    the queryset's part (ExportJob.objects.visible_to).
    """
    scope = recorded_scope(job)
    if scope["city_wide"]:
        return access.can_export_city
    return access.can_export_opds(scope["opd_ids"])


def period_from(value):
    """The period named by its id (`value`), or the current one; 404 when neither exists."""
    if value and str(value).isdigit():
        return get_object_or_404(Period, pk=int(value))
    period = Period.objects.current()
    if period is None:
        raise Http404
    return period


def sid_indicators(period):
    return list(period.indicators.filter(scope=Indicator.Scope.SID, is_archived=False).order_by("order", "id"))


def spd_indicators(period):
    return list(period.indicators.filter(scope=Indicator.Scope.SPD, is_archived=False).order_by("order", "id"))


def with_evidence(queryset, indicators):
    """Prefetch each innovation's answers to `indicators` with their evidence: three queries, any row count."""
    answers = Answer.objects.filter(indicator__in=indicators).prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("shared").order_by("uploaded_at", "id"))
    )
    return queryset.prefetch_related(Prefetch("answers", queryset=answers))


def ready_inovasi(access, period, opd=None):
    """Innovations ready to send (siap_kirim) of `period` that the user may read, as the national form lists them."""
    queryset = (
        Inovasi.objects.visible_to(access)
        .for_period(period)
        .filter(status=Inovasi.Status.READY)
        .select_related(
            "opd",
            "tahapan",
            "inisiator",
            "jenis",
            "bentuk",
            "tematik",
            "urusan_utama",
            "klasifikasi",
            "program_prioritas",
        )
        .prefetch_related("urusan_lain", "asta_cita")
        .order_by("opd__name", "name", "id")
    )
    return queryset.filter(opd=opd) if opd is not None else queryset


def opd_for(access, pk):
    """An OPD the user may read (404 otherwise, so other OPDs do not appear to exist)."""
    return get_object_or_404(access.visible_opds(), pk=pk)


def exported_level(answer):
    """The level that goes to the national application: the one Bappeda verified (0 without a verdict).

    Siap kirim needs every claim to equal it (inovasi.reconcile), so an over-claim is never typed in.
    """
    if answer is None:
        return None
    return answer.verified_level if answer.is_verified and answer.verified_level is not None else 0


def evidence_names(answer):
    return [evidence_name(item) for item in answer.evidence.all()]


def evidence_name(item):
    """The link, or the file's name as the OPD uploaded it (a shared document's own name)."""
    source = item.document
    return item.url or source.original_name or source.subject


def indicator_title(indicator):
    return f"{indicator.number}. {indicator.name}"
