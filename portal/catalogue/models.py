"""The catalogue every other part reads: the assessment year and its rules, windows, indicators,
formula constants, and the reference lists of the national form.

Every number the IID formula uses lives in these rows, never in code: BSKDN changes the
catalogue, the divisor floor, the count rule and the bands from one year to the next.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.refusals import EntryClosed

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


class YandasRule(models.TextChoices):
    """Which urusan of an innovation count towards the basic-service coverage (a rule of the period)."""

    MAIN = "utama", _("The main urusan only")
    MAIN_AND_IRISAN = "utama_irisan", _("The main urusan and the other (irisan) urusan")


class ProfileItem(models.TextChoices):
    """Profile items some years' national form asks for (2026: all of them; 2023: none)."""

    LOKASI = "lokasi", _("Location (coordinates and address)")
    KLASIFIKASI = "klasifikasi", _("Classification")
    ASTA_CITA = "asta_cita", _("Asta Cita")
    PROGRAM_PRIORITAS = "program_prioritas", _("National priority programme")
    HAKI = "haki", _("HAKI (intellectual property) document")
    PENGHARGAAN = "penghargaan", _("Award document")


class PeriodQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True).first()

    def current_or_refuse(self):
        """The current period, for pages that cannot work without one."""
        period = self.current()
        if period is None:
            raise EntryClosed(_("No assessment period is open yet. The Bappeda admin sets one up."))
        return period


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
            "BSKDN divides by every innovation reported: one sent to the national application and rejected "
            "there still counts in n, adding 0. One rejected by Bappeda was never reported and is not counted. "
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
    # The eligibility window (domain reference §11): the implementation dates the assessment takes.
    # An older innovation is taken when it explains its development in the window (development_note).
    eligible_from = models.DateField(
        _("implemented from"),
        null=True,
        blank=True,
        help_text=_("Innovations implemented before this date need an explanation of their development."),
    )
    eligible_until = models.DateField(
        _("implemented until"),
        null=True,
        blank=True,
        help_text=_("Innovations implemented after this date belong to a later assessment."),
    )
    yandas_rule = models.CharField(
        _("basic-service urusan counted from"),
        max_length=20,
        choices=YandasRule.choices,
        default=YandasRule.MAIN,
        help_text=_(
            "Whether an innovation covers only its main urusan, or also its other (irisan) urusan, "
            "when counting the urusan pelayanan dasar covered."
        ),
    )
    kepala_endorsement = models.BooleanField(
        _("the kepala OPD endorses submissions"),
        default=True,
        help_text=_("An operator's submission goes to the kepala OPD to endorse before Bappeda sees it."),
    )
    # The national form's profile items beyond the core ones, as the year asks for them.
    profile_items = models.JSONField(_("extra profile items asked"), default=list, blank=True)
    rules_note = models.TextField(_("notes on the rules of the year"), blank=True)
    # The result Kemendagri published for the city, entered by Bappeda once known: the years chart
    # shows it beside the portal's own projections, which are not the official index.
    official_iid = models.DecimalField(
        _("official IID"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The index Kemendagri published for the city, when known."),
    )
    official_band = models.CharField(
        _("official band"),
        max_length=20,
        choices=Band.choices,
        blank=True,
        help_text=_("The band published; enter it also when only the band is known."),
    )
    official_rank = models.PositiveSmallIntegerField(_("national rank"), null=True, blank=True)
    official_regions = models.PositiveSmallIntegerField(
        _("regions ranked"), null=True, blank=True, help_text=_("How many regions the national ranking holds.")
    )

    history = HistoricalRecords(table_name="scoring_historicalperiod")
    objects = PeriodQuerySet.as_manager()

    class Meta:
        db_table = "scoring_period"
        verbose_name = _("assessment period")
        verbose_name_plural = _("assessment periods")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="period_one_current"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.official_rank and self.official_regions and self.official_rank > self.official_regions:
            raise ValidationError({"official_rank": _("The rank cannot be beyond the number of regions ranked.")})
        if self.entry_opens_at and self.entry_closes_at and self.entry_closes_at <= self.entry_opens_at:
            raise ValidationError({"entry_closes_at": _("The window must close after it opens.")})
        if self.eligible_from and self.eligible_until and self.eligible_until < self.eligible_from:
            raise ValidationError({"eligible_until": _("The eligibility window must end after it starts.")})
        if not isinstance(self.profile_items, list) or set(self.profile_items) - set(ProfileItem.values):
            raise ValidationError(
                {"profile_items": _("List only these items: %(items)s.") % {"items": ", ".join(ProfileItem.values)}}
            )

    def asks(self, item):
        """Whether this year's national form asks for the profile item (a ProfileItem)."""
        return item in self.profile_items

    @property
    def counts_irisan(self):
        """Whether the other (irisan) urusan count towards the basic-service coverage."""
        return self.yandas_rule == YandasRule.MAIN_AND_IRISAN

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
    def ranks_by_claims(self):
        """Whether the OPD ranking sums the claimed maturity (else the verified one)."""
        return self.opd_ranking_basis == Basis.CLAIMED

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
    # Some indicators ask the OPD to choose one basis (2026's 33 kemanfaatan): [{"code", "label"}, ...].
    bases = models.JSONField(_("bases to choose from"), default=list, blank=True)
    # Archived indicators keep their answers but leave the form and the maxima.
    is_archived = models.BooleanField(_("archived"), default=False)

    history = HistoricalRecords(table_name="scoring_historicalindicator")

    class Meta:
        db_table = "scoring_indicator"
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

    @property
    def basis_choices(self):
        """(code, label) of the bases the OPD chooses one of; empty when the indicator has none."""
        return [(basis["code"], basis["label"]) for basis in self.bases]

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


class Urusan(models.Model):
    """One of the 38 urusan pemerintahan; six are the basic services (pelayanan dasar)."""

    class Group(models.TextChoices):
        PELAYANAN_DASAR = "wajib_dasar", _("Mandatory, basic service")
        WAJIB = "wajib", _("Mandatory, non-basic service")
        PILIHAN = "pilihan", _("Optional")
        PENUNJANG = "penunjang", _("Supporting function")

    name = models.CharField(_("name"), max_length=150, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        db_table = "inovasi_urusan"
        verbose_name = _("urusan")
        verbose_name_plural = _("urusan")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def is_pelayanan_dasar(self):
        return self.group == self.Group.PELAYANAN_DASAR


class ReferenceOption(models.Model):
    """The short option lists of the national form (tahapan, inisiator, jenis, bentuk, tematik, and 2026's
    klasifikasi, Asta Cita and program prioritas)."""

    class Kind(models.TextChoices):
        TAHAPAN = "tahapan", _("Stage")
        INISIATOR = "inisiator", _("Initiator")
        JENIS = "jenis", _("Type")
        BENTUK = "bentuk", _("Form")
        TEMATIK = "tematik", _("Theme")
        KLASIFIKASI = "klasifikasi", _("Classification")
        ASTA_CITA = "asta_cita", _("Asta Cita")
        PROGRAM_PRIORITAS = "program_prioritas", _("National priority programme")

    kind = models.CharField(_("list"), max_length=20, choices=Kind.choices)
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # A list only one year's form asks for names its period; the older lists serve every year.
    period = models.ForeignKey(
        Period,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reference_options",
        help_text=_("Empty: the option serves every period."),
    )

    class Meta:
        db_table = "inovasi_referenceoption"
        verbose_name = _("reference option")
        verbose_name_plural = _("reference options")
        ordering = ["kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=Q(period__isnull=True), name="reference_option_code_per_kind"
            ),
            models.UniqueConstraint(
                fields=["period", "kind", "code"],
                condition=Q(period__isnull=False),
                name="reference_option_code_per_kind_and_period",
            ),
        ]

    def __str__(self):
        return self.name
