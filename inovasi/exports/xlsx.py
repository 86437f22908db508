"""The "siap input" workbook: one row per innovation ready to send, in the national form's column order."""

import datetime

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from inovasi.exports import scope
from inovasi.models import Answer, Inovasi

# The national form's order (e-Inovasi / IID profile), then one column per SID indicator.
PROFILE_COLUMNS = ("opd", "name", *Inovasi.NATIONAL_FORM_FIELDS)
CELL_LIMIT = 32767  # Excel refuses longer cells


def profile_headers():
    return [str(capfirst(Inovasi._meta.get_field(name).verbose_name)) for name in PROFILE_COLUMNS]


def profile_values(inovasi):
    values = []
    for name in PROFILE_COLUMNS:
        if name == "urusan_lain":
            values.append("; ".join(urusan.name for urusan in inovasi.urusan_lain.all()))
        elif name == "opd":
            values.append(inovasi.opd.name)
        else:
            value = getattr(inovasi, name)
            values.append(value if isinstance(value, datetime.date | None) else str(value))
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


def build_workbook(access, period, out, *, opd=None, progress=None):
    """Write the workbook to the file object `out`. `progress(percent)` is called now and then."""
    indicators = scope.sid_indicators(period)
    rows = list(scope.with_evidence(scope.ready_inovasi(access, period, opd), indicators))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Innovations"))
    _row(sheet, profile_headers() + [scope.indicator_title(indicator) for indicator in indicators])
    step = max(len(rows) // 10, 1)
    for index, inovasi in enumerate(rows, start=1):
        answers = {answer.indicator_id: answer for answer in inovasi.answers.all()}
        levels = [scope.evidence_text(answers.get(indicator.pk)) for indicator in indicators]
        _row(sheet, profile_values(inovasi) + levels)
        if progress and index % step == 0:
            progress(90 * index // len(rows))
    if access.can_view_spd:  # region-level data is Bappeda's: the SPD page is city-wide too
        _spd_sheet(workbook.create_sheet(_("Region data (SPD)")), period)
    workbook.save(out)
    return len(rows)


def _spd_sheet(sheet, period):
    indicators = scope.spd_indicators(period)
    answers = Answer.objects.filter(inovasi__isnull=True, indicator__in=indicators).prefetch_related("evidence")
    by_indicator = {answer.indicator_id: answer for answer in answers}
    _row(sheet, [_("Indicator"), _("Level"), _("Evidence")])
    for indicator in indicators:
        answer = by_indicator.get(indicator.pk)
        names = scope.evidence_names(answer) if answer else []
        _row(sheet, [scope.indicator_title(indicator), answer.level if answer else "", "; ".join(names)])
