"""The innovation list as CSV: UTF-8 with a BOM (Excel), and no cell that a spreadsheet would run as a formula."""

import csv

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from inovasi.models import Inovasi

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value):
    """A cell starting like a formula is prefixed with a single quote, so it stays text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """csv.writer writes into this and gets the line back, so rows can be streamed."""

    def write(self, value):
        return value


def headers():
    field = Inovasi._meta.get_field
    names = ("name", "opd", "bidang", "period", "status", "tahapan", "jenis", "inisiator", "urusan_utama")
    return [str(capfirst(field(name).verbose_name)) for name in names] + [_("Completeness (%)"), _("Last change")]


def row(inovasi):
    return [
        inovasi.name,
        inovasi.opd.name,
        inovasi.bidang.name if inovasi.bidang else "",
        str(inovasi.period),
        inovasi.get_status_display(),
        inovasi.tahapan or "",
        inovasi.jenis or "",
        inovasi.inisiator or "",
        inovasi.urusan_utama or "",
        inovasi.completeness,
        inovasi.updated_at.date().isoformat(),
    ]


def lines(queryset):
    """The CSV, line by line (BOM first), for a StreamingHttpResponse."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([neutralise(cell) for cell in headers()])
    for inovasi in queryset.iterator(chunk_size=500):
        yield writer.writerow([neutralise(cell) for cell in row(inovasi)])


def list_queryset(filterset):
    return filterset.qs.select_related("period", "opd", "bidang", "tahapan", "jenis", "inisiator", "urusan_utama")
