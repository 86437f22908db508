"""Chart descriptions the templates draw: the same numbers feed the canvas and its data table."""

from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from inovasi.models import Inovasi
from portal.catalogue.models import Basis
from portal.dashboard.figures import OFFICIAL, OFFICIAL_PERIOD

NOT_FILLED = _("Not filled in yet")
URUSAN_SHOWN = 10


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # bar, hbar, line, doughnut
    labels: list
    series: list  # [(name, [values])]
    unit: str = ""
    note: str = ""  # what a reader needs to read the chart right, shown under it
    rows: list = field(init=False)

    def __post_init__(self):
        self.labels = [str(label) for label in self.labels]
        self.series = [(str(name), [_plain(v) for v in values]) for name, values in self.series]
        self.rows = [(label, [values[n] for _name, values in self.series]) for n, label in enumerate(self.labels)]

    @property
    def json_id(self):
        return f"chart-{self.key}-data"

    @property
    def data(self):
        """What static/portal/charts.js reads (json_script: never executed, CSP-safe)."""
        return {"kind": self.kind, "labels": self.labels, "series": [[n, v] for n, v in self.series], "unit": self.unit}

    @property
    def is_empty(self):
        return not any(value for _name, values in self.series for value in values)


def _plain(value):
    return None if value is None else float(value)


def _status_label(code):
    return Inovasi.Status(code).label


def counted(key, title, pairs, kind="bar", label=None):
    label = label or (lambda name: name if name is not None else NOT_FILLED)
    return Chart(key, title, kind, [label(name) for name, _n in pairs], [(_("Innovations"), [n for _l, n in pairs])])


def leadership_charts(breakdown, trend, years, backlog):
    urusan = breakdown["urusan"][:URUSAN_SHOWN]
    others = sum(n for _name, n in breakdown["urusan"][URUSAN_SHOWN:])
    if others:
        urusan = [*urusan, (str(_("Other urusan")), others)]
    trend_labels, trend_values = trend
    return [
        counted("funnel", _("Status funnel"), breakdown["funnel"], "hbar", _status_label),
        counted("status", _("Innovations by status"), breakdown["status"], "bar", _status_label),
        counted("tahapan", _("Stage (tahapan)"), breakdown["tahapan"]),
        counted("jenis", _("Digital and non-digital"), breakdown["jenis"], "doughnut"),
        counted("inisiator", _("Initiator"), breakdown["inisiator"], "hbar"),
        counted("urusan", _("Main urusan"), urusan, "hbar"),
        Chart(
            "trend",
            _("Projected index during the period"),
            "line",
            [date_format(day, "j M") for day in trend_labels],
            [(Basis(basis).label, values) for basis, values in trend_values.items()],
        ),
        Chart(
            "years",
            _("Index by year"),
            "bar",
            [year for year, _values in years],
            [
                *((Basis(basis).label, [values.get(basis) for _year, values in years]) for basis in Basis.values),
                (_("Official (Kemendagri)"), [values.get(OFFICIAL) for _year, values in years]),
            ],
            note=_years_note(years),
        ),
        counted("backlog", _("Review backlog by days waiting"), backlog, "bar"),
    ]


def _years_note(years):
    """How to read the years chart, and each official result with its band and national rank."""
    note = _(
        "The claimed and verified bars are the portal's projections with each year's rules; the verified one "
        "counts only the innovations Bappeda approved in the portal. The official bar is the index Kemendagri "
        "published, where Bappeda entered it."
    )
    published = [values[OFFICIAL_PERIOD] for _year, values in years if OFFICIAL_PERIOD in values]
    return " ".join([str(note), *(official_result(period) for period in published)])


def official_result(period):
    """What is known of a published result, e.g. "Official 2025: 66,40, Very innovative, rank 27 of 546."."""
    parts = [number_format(period.official_iid, 2)] if period.official_iid is not None else []
    if period.official_band:
        parts.append(period.get_official_band_display())
    if period.official_rank:
        parts.append(
            _("rank %(rank)s of %(regions)s")
            % {"rank": period.official_rank, "regions": period.official_regions or "–"}
        )
    return _("Official %(year)s: %(result)s.") % {"year": period.year, "result": ", ".join(str(p) for p in parts)}


BAND_SEGMENTS = (
    ("kurang", _("Less innovative")),
    ("inovatif", _("Innovative")),
    ("sangat", _("Very innovative")),
)


def _anchor(x):
    """A marker's label stays inside the bar: left-aligned near 0, right-aligned near 100."""
    return "start" if x < 25 else "end" if x > 75 else "middle"


def band_gauge(rules, projections):
    """The 0–100 bar of the period's bands with a marker per projection (SVG units, dot decimals)."""
    edges = [0, float(rules.innovative_above), float(rules.very_innovative_above), 100]
    segments = [
        {"css": css, "label": label, "x": f"{start:.2f}", "width": f"{end - start:.2f}", "from": start, "to": end}
        for (css, label), start, end in zip(BAND_SEGMENTS, edges, edges[1:], strict=False)
    ]
    markers = [
        {
            "basis": score.basis,
            "label": score.get_basis_display(),
            "iid": score.iid,
            "x": f"{x:.2f}",
            "anchor": _anchor(x),
        }
        for score, _gap in projections
        for x in [min(float(score.iid), 100)]
    ]
    return {"segments": segments, "markers": markers}
