"""Stored results of the IID formula: pages read these rows; only scoring.recompute writes them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.catalogue.models import Band, Basis, Period

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
    # The single change to this innovation that would add the most to its claimed maturity
    # (summed per OPD into the OPD levers of scoring.planning).
    lever_gain = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("innovation score")
        verbose_name_plural = _("innovation scores")
        indexes = [
            models.Index(fields=["period", "opd"]),
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


BAND_STYLES = {Band.VERY_INNOVATIVE: "success", Band.INNOVATIVE: "primary", Band.LESS_INNOVATIVE: "warning"}


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
    # As published: 2 decimals, rounded half-up once (formula.published).
    iid = models.DecimalField(_("IID"), max_digits=12, decimal_places=2)
    band = models.CharField(_("band"), max_length=20, choices=Band.choices)
    version = models.BigIntegerField(_("data version"), default=0)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("city score")
        verbose_name_plural = _("city scores")
        constraints = [models.UniqueConstraint(fields=["period", "basis"], name="city_score_once_per_basis")]

    def __str__(self):
        return f"{self.period_id} {self.basis}: {self.iid}"

    @property
    def is_claimed(self):
        """The claimed projection (else the verified one)."""
        return self.basis == Basis.CLAIMED

    @property
    def band_style(self):
        """The Bootstrap colour of the band's badge."""
        return BAND_STYLES.get(self.band, "secondary")


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
