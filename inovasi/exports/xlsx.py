"""The "siap input" workbook: one row per innovation ready to send, in the national form's column order.

Per indicator it holds the level Bappeda verified (and the basis chosen, where the indicator asks for
one); a second sheet lists every evidence item with the document data the national review screens
show (nomor, tanggal, perihal), so that what is typed in is what was verified.
"""

import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from inovasi.exports import scope
from inovasi.models import Answer, Evidence, Inovasi

CELL_LIMIT = 32767  # Excel refuses longer cells
MANY = ("urusan_lain", "asta_cita")  # several choices in one cell


def profile_columns(period):
    """The national form's order (e-Inovasi / IID profile), the items the period does not ask left out."""
    unasked = Inovasi(period=period).unasked_fields()
    return [name for name in ("opd", "name", *Inovasi.NATIONAL_FORM_FIELDS) if name not in unasked]


def profile_headers(columns):
    return [str(capfirst(Inovasi._meta.get_field(name).verbose_name)) for name in columns]


def profile_values(inovasi, columns):
    values = []
    for name in columns:
        if name in MANY:
            values.append("; ".join(option.name for option in getattr(inovasi, name).all()))
        elif name == "opd":
            values.append(inovasi.opd.name)
        else:
            value = getattr(inovasi, name)
            values.append(value if isinstance(value, datetime.date | Decimal | None) else str(value))
    return values


def _cell(sheet, value):
    """A text cell stays text: "=…" is never stored as a formula, control characters are dropped."""
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_LIMIT])
    cell.data_type = "s"
    return cell


def _row(sheet, values):
    sheet.append([_cell(sheet, value) for value in values])


def indicator_headers(indicators):
    """One column per indicator (its verified level), and one more for the basis where it asks for one."""
    headers = []
    for indicator in indicators:
        headers.append(scope.indicator_title(indicator))
        if indicator.bases:
            headers.append(_("%(number)s. Basis chosen") % {"number": indicator.number})
    return headers


def indicator_values(indicators, answers):
    values = []
    for indicator in indicators:
        answer = answers.get(indicator.pk)
        values.append(scope.exported_level(answer))
        if indicator.bases:
            values.append(dict(indicator.basis_choices).get(answer.basis, "") if answer else "")
    return values


EVIDENCE_HEADERS = (
    gettext_lazy("OPD"),
    gettext_lazy("Innovation"),
    gettext_lazy("Indicator"),
    gettext_lazy("Verified level"),
    gettext_lazy("Document number"),
    gettext_lazy("Document date"),
    gettext_lazy("Subject"),
    gettext_lazy("File or link"),
)


def evidence_rows(inovasi, indicators, answers):
    """One row per evidence item of the innovation, in indicator order, with its document data."""
    for indicator in indicators:
        answer = answers.get(indicator.pk)
        for item in answer.evidence.all() if answer else ():
            source = item.document  # a shared document is each innovation's own here
            yield [
                inovasi.opd.name,
                inovasi.name,
                scope.indicator_title(indicator),
                scope.exported_level(answer),
                source.document_number,
                source.document_date,
                source.subject,
                scope.evidence_name(item),
            ]


def build_workbook(access, period, out, *, opd=None, progress=None):
    """Write the workbook to the file object `out`. `progress(percent)` is called now and then."""
    indicators = scope.sid_indicators(period)
    rows = list(scope.with_evidence(scope.ready_inovasi(access, period, opd), indicators))
    columns = profile_columns(period)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Innovations"))
    evidence_sheet = workbook.create_sheet(_("Evidence"))
    _row(sheet, profile_headers(columns) + indicator_headers(indicators))
    _row(evidence_sheet, [str(header) for header in EVIDENCE_HEADERS])
    step = max(len(rows) // 10, 1)
    for index, inovasi in enumerate(rows, start=1):
        answers = {answer.indicator_id: answer for answer in inovasi.answers.all()}
        _row(sheet, profile_values(inovasi, columns) + indicator_values(indicators, answers))
        for values in evidence_rows(inovasi, indicators, answers):
            _row(evidence_sheet, values)
        if progress and index % step == 0:
            progress(90 * index // len(rows))
    if access.can_view_spd:  # region-level data is Bappeda's: the SPD page is city-wide too
        _spd_sheet(workbook.create_sheet(_("Region data (SPD)")), period)
    workbook.save(out)
    return len(rows)


def _spd_sheet(sheet, period):
    indicators = scope.spd_indicators(period)
    answers = Answer.objects.filter(inovasi__isnull=True, indicator__in=indicators).prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("shared"))
    )
    by_indicator = {answer.indicator_id: answer for answer in answers}
    _row(sheet, [_("Indicator"), _("Level"), _("Evidence")])
    for indicator in indicators:
        answer = by_indicator.get(indicator.pk)
        names = scope.evidence_names(answer) if answer else []
        _row(sheet, [scope.indicator_title(indicator), answer.level if answer else "", "; ".join(names)])
