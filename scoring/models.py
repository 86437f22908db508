"""The assessment year and its rules: windows, indicator catalogue and formula constants.

Every number the IID formula uses lives in these rows, never in code: BSKDN changes the
catalogue, the divisor floor, the count rule and the bands from one year to the next.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

LEVELS = (0, 1, 2, 3)


class Basis(models.TextChoices):
    """The two projections of the city's index, always shown side by side."""

    CLAIMED = "klaim", _("Claimed")
    VERIFIED = "terverifikasi", _("Verified")


class Band(models.TextChoices):
    """The predikat BSKDN gives an index (domain reference §5.4)."""

    VERY_INNOVATIVE = "sangat_inovatif", _("Very innovative")
    INNOVATIVE = "inovatif", _("Innovative")
    LESS_INNOVATIVE = "kurang_inovatif", _("Less innovative")
    NOT_ASSESSABLE = "tidak_dapat_dinilai", _("Cannot be assessed")


class PeriodQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True).first()


class Period(models.Model):
    """One assessment year (tahun penilaian) with its windows and formula constants."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        OPEN = "open", _("Open for entry")
        REVIEW = "review", _("Review")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREPARING)
    is_current = models.BooleanField(_("current period"), default=False)
    entry_opens_at = models.DateTimeField(_("entry window opens"), null=True, blank=True)
    entry_closes_at = models.DateTimeField(_("entry window closes"), null=True, blank=True)
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)

    # Formula constants of the year (domain reference §5).
    sid_divisor_floor = models.PositiveSmallIntegerField(_("SID divisor floor k in MAX(k, n)"), default=12)
    count_factor = models.DecimalField(_("innovation-count factor"), max_digits=6, decimal_places=3, default=0)
    count_cap = models.PositiveSmallIntegerField(_("innovation-count cap"), default=200)
    yandas_required = models.PositiveSmallIntegerField(
        _("basic-service urusan required for the count score"),
        default=0,
        help_text=_("How many of the 6 urusan wajib pelayanan dasar must be covered; 0 means no rule."),
    )
    # Bands compare the index rounded to 2 decimals: "inovatif from 35,00" is stored as above 34,99.
    band_very_innovative_above = models.DecimalField(
        _("'Sangat Inovatif' above"), max_digits=5, decimal_places=2, default=Decimal("60.00")
    )
    band_innovative_above = models.DecimalField(
        _("'Inovatif' above"), max_digits=5, decimal_places=2, default=Decimal("34.99")
    )
    rejected_count_in_n = models.BooleanField(
        _("rejected innovations count in n"),
        default=True,
        help_text=_(
            "BSKDN divides by every innovation reported, rejected ones included (they add 0 to the sum). "
            "The claimed projection counts innovations submitted or later, the verified one those approved "
            "or later."
        ),
    )
    opd_ranking_basis = models.CharField(
        _("OPD ranking by"),
        max_length=20,
        choices=Basis.choices,
        default=Basis.VERIFIED,
        help_text=_(
            "The OPD score is the sum of its innovations' maturity on this basis; ties go to more innovations."
        ),
    )
    earliest_implementation_date = models.DateField(
        _("earliest implementation date"),
        null=True,
        blank=True,
        help_text=_("Innovations implemented before this date need an explanation of their development."),
    )
    rules_note = models.TextField(_("notes on the rules of the year"), blank=True)

    history = HistoricalRecords()
    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment period")
        verbose_name_plural = _("assessment periods")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="period_one_current"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.entry_opens_at and self.entry_closes_at and self.entry_closes_at <= self.entry_opens_at:
            raise ValidationError({"entry_closes_at": _("The window must close after it opens.")})

    def entry_is_open(self, now=None):
        """Operators may write only while the period is open and inside its window."""
        now = now or timezone.now()
        if self.status != self.Status.OPEN or not (self.entry_opens_at and self.entry_closes_at):
            return False
        return self.entry_opens_at <= now <= self.entry_closes_at

    def maximum(self, scope):
        """Σ bobot × 3 over the active indicators of a scope: the most a scope can score."""
        total = self.indicators.filter(scope=scope, is_archived=False).aggregate(total=Sum("bobot"))["total"]
        return (total or Decimal(0)) * max(LEVELS)

    @property
    def count_maximum(self):
        return self.count_factor * self.count_cap

    @property
    def total_maximum(self):
        return self.maximum(Indicator.Scope.SPD) + self.maximum(Indicator.Scope.SID) + self.count_maximum


class Indicator(models.Model):
    """One indicator of a period's catalogue: SID (per innovation) or SPD (per region)."""

    class Scope(models.TextChoices):
        SID = "sid", _("Per innovation (SID)")
        SPD = "spd", _("Region level (SPD)")

    class EvidenceKind(models.TextChoices):
        PDF = "pdf", _("PDF document")
        IMAGE = "image", _("Image (PNG or JPEG)")
        VIDEO = "video", _("Video link")
        URL = "url", _("Web link")

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="indicators")
    scope = models.CharField(_("scope"), max_length=3, choices=Scope.choices)
    number = models.CharField(_("number"), max_length=10, help_text=_("The official number, e.g. 16 or 2a."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    variable = models.CharField(_("variable"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    bobot = models.DecimalField(_("weight (bobot)"), max_digits=5, decimal_places=2)
    level_1 = models.TextField(_("level 1"))
    level_2 = models.TextField(_("level 2"))
    level_3 = models.TextField(_("level 3"))
    evidence_required = models.TextField(_("evidence required"), blank=True)
    evidence_kinds = models.JSONField(_("allowed evidence kinds"), default=list)
    is_mandatory = models.BooleanField(_("mandatory"), default=False)
    # Archived indicators keep their answers but leave the form and the maxima.
    is_archived = models.BooleanField(_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["period", "scope", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "scope", "number"], name="indicator_number_per_period"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def clean(self):
        unknown = set(self.evidence_kinds) - set(self.EvidenceKind.values)
        if unknown or not self.evidence_kinds:
            raise ValidationError({"evidence_kinds": _("Choose one or more of: pdf, image, video, url.")})

    def level_text(self, level):
        return {0: _("Cannot be measured"), 1: self.level_1, 2: self.level_2, 3: self.level_3}[level]

    def score(self, level):
        return self.bobot * level

    @property
    def evidence_kind_labels(self):
        return [str(self.EvidenceKind(kind).label) for kind in self.evidence_kinds]

    @property
    def accepts_files(self):
        return bool({self.EvidenceKind.PDF, self.EvidenceKind.IMAGE} & set(self.evidence_kinds))

    @property
    def accepts_links(self):
        return bool({self.EvidenceKind.VIDEO, self.EvidenceKind.URL} & set(self.evidence_kinds))


# --- Stored results ----------------------------------------------------------------------------
# Pages read these rows; only scoring.recompute writes them, rebuilt from the source rows.

SCORE = {"max_digits": 12, "decimal_places": 4}


class DirtyMark(models.Model):
    """A score-affecting change not yet reflected in the stored results.

    Written in the same transaction as the change, so a saved change is never lost even when
    the task that should recompute it is. The recompute deletes exactly the marks it saw.
    """

    class Scope(models.TextChoices):
        INOVASI = "inovasi", _("One innovation")
        AGGREGATE = "aggregate", _("City and OPD totals")
        FULL = "full", _("Everything in the period")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="dirty_marks")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    # A plain id, not a foreign key: deleting the innovation must not delete its mark.
    inovasi_id = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending recalculation")
        verbose_name_plural = _("pending recalculations")
        indexes = [models.Index(fields=["period", "id"])]

    def __str__(self):
        return f"{self.period_id}:{self.scope}:{self.reason}"


class ScoreState(models.Model):
    """Bookkeeping of a period's stored results: when, from which data version, and the extras."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, primary_key=True, related_name="score_state")
    version = models.BigIntegerField(_("data version"), default=0, help_text=_("The last change reflected."))
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    runs = models.PositiveIntegerField(_("recalculations"), default=0)
    last_mode = models.CharField(_("last recalculation"), max_length=12, blank=True)
    last_duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    targets = models.JSONField(_("targets"), default=dict)
    levers = models.JSONField(_("levers"), default=list)
    drift = models.JSONField(_("drift found by the last full check"), default=dict)
    drift_checked_at = models.DateTimeField(_("last full check"), null=True, blank=True)

    class Meta:
        verbose_name = _("score state")
        verbose_name_plural = _("score states")

    def __str__(self):
        return str(self.period)


class InovasiScore(models.Model):
    """One innovation's maturity, claimed and verified, and what it adds to the city's sums."""

    inovasi = models.OneToOneField("inovasi.Inovasi", on_delete=models.CASCADE, primary_key=True, related_name="score")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey("accounts.Opd", on_delete=models.CASCADE, related_name="+")
    bidang = models.ForeignKey("accounts.Bidang", on_delete=models.SET_NULL, null=True, related_name="+")
    claimed = models.DecimalField(_("claimed maturity"), max_digits=7, decimal_places=2)
    verified = models.DecimalField(_("verified maturity"), max_digits=7, decimal_places=2)
    in_claimed = models.BooleanField(default=False)
    in_verified = models.BooleanField(default=False)
    rejected = models.BooleanField(default=False)
    # Bit i set: covers the i-th urusan pelayanan dasar (in Urusan order).
    yandas = models.PositiveSmallIntegerField(default=0)
    # The single change to this innovation that would add the most to its claimed maturity.
    lever_gain = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    lever_indicator = models.ForeignKey(Indicator, on_delete=models.SET_NULL, null=True, related_name="+")
    lever_from = models.PositiveSmallIntegerField(default=0)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("innovation score")
        verbose_name_plural = _("innovation scores")
        indexes = [
            models.Index(fields=["period", "opd"]),
            # The levers: the biggest raises among innovations that count and are not rejected.
            models.Index(
                fields=["period", "-lever_gain", "inovasi"],
                condition=Q(in_claimed=True, rejected=False),
                name="inovasiscore_levers",
            ),
        ]

    def __str__(self):
        return f"{self.inovasi_id}: {self.claimed}/{self.verified}"


class GroupScore(models.Model):
    """Sums over one (OPD, bidang)'s innovation rows: the city and OPD totals add up these few rows.

    A change to one innovation rebuilds only its OPD's groups, so a single change never
    re-reads a national-size period's 36,000 innovation rows.
    """

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey("accounts.Opd", on_delete=models.CASCADE, related_name="+")
    bidang_key = models.BigIntegerField(default=0, help_text="The bidang's id; 0 for innovations without one.")
    claimed_sum = models.DecimalField(**SCORE)
    claimed_n = models.PositiveIntegerField(default=0)
    verified_sum = models.DecimalField(**SCORE)
    verified_n = models.PositiveIntegerField(default=0)
    active_n = models.PositiveIntegerField(default=0)
    claimed_mask = models.PositiveSmallIntegerField(default=0)
    verified_mask = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("group score")
        verbose_name_plural = _("group scores")
        constraints = [
            models.UniqueConstraint(fields=["period", "opd", "bidang_key"], name="group_score_once_per_group")
        ]

    def __str__(self):
        return f"{self.period_id}:{self.opd_id}:{self.bidang_key}"


class OpdScore(models.Model):
    """An OPD's standing in the city's internal ranking ("OPD terinovatif")."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="opd_scores")
    opd = models.ForeignKey("accounts.Opd", on_delete=models.CASCADE, related_name="scores")
    claimed_sum = models.DecimalField(_("claimed maturity"), **SCORE)
    claimed_n = models.PositiveIntegerField(_("innovations submitted"), default=0)
    verified_sum = models.DecimalField(_("verified maturity"), **SCORE)
    verified_n = models.PositiveIntegerField(_("innovations approved"), default=0)
    score = models.DecimalField(_("score"), **SCORE)
    rank = models.PositiveIntegerField(_("rank"))
    sid_points = models.DecimalField(_("SID points contributed"), **SCORE)
    sid_share = models.DecimalField(_("share of the city's SID (%)"), **SCORE)

    class Meta:
        verbose_name = _("OPD score")
        verbose_name_plural = _("OPD scores")
        ordering = ["period", "rank", "opd__name"]
        constraints = [models.UniqueConstraint(fields=["period", "opd"], name="opd_score_once_per_period")]

    def __str__(self):
        return f"{self.opd_id}: #{self.rank}"


class CityScore(models.Model):
    """The city's projected index on one basis (klaim or terverifikasi)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="city_scores")
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    spd = models.DecimalField(_("SPD"), **SCORE)
    maturity_sum = models.DecimalField(_("Σ maturity"), **SCORE)
    n = models.PositiveIntegerField(_("innovations counted (n)"))
    divisor = models.PositiveIntegerField(_("divisor MAX(k, n)"))
    maturity_part = models.DecimalField(_("Σ maturity / MAX(k, n)"), **SCORE)
    yandas_covered = models.PositiveSmallIntegerField(_("basic-service urusan covered"))
    count_score = models.DecimalField(_("innovation-count score"), **SCORE)
    sid = models.DecimalField(_("SID"), **SCORE)
    total = models.DecimalField(_("total score"), **SCORE)
    iid = models.DecimalField(_("IID"), **SCORE)
    band = models.CharField(_("band"), max_length=20, choices=Band.choices)
    version = models.BigIntegerField(_("data version"), default=0)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("city score")
        verbose_name_plural = _("city scores")
        constraints = [models.UniqueConstraint(fields=["period", "basis"], name="city_score_once_per_basis")]

    def __str__(self):
        return f"{self.period_id} {self.basis}: {self.iid}"


class ScorePoint(models.Model):
    """The trend: one point per recalculation that changed a value (the city's IID or an OPD's score)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="score_points")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    opd = models.ForeignKey("accounts.Opd", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    value = models.DecimalField(**SCORE)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("score point")
        verbose_name_plural = _("score points")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["period", "opd", "at"])]

    def __str__(self):
        return f"{self.period_id} {self.basis} {self.opd_id}: {self.value} @ {self.at}"
