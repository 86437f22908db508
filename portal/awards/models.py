"""The internal OPD terinovatif award Bappeda runs each period: criteria, jury, frozen table, winners.

The rules live in `portal.awards.rules`; these models only hold the data. Once an award is
decided, its criteria, jury scores and table are frozen: the rows refuse to be saved again.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardFrozen(Exception):
    """A change to an award that has been decided."""


class Category(models.TextChoices):
    """The award's categories, from the kinds of OPD the portal knows (accounts.Opd.Kind)."""

    PERANGKAT_DAERAH = "perangkat_daerah", _("Dinas / badan")
    KEWILAYAHAN = "kewilayahan", _("Kecamatan / kelurahan")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    SEKOLAH = "sekolah", _("Sekolah")


CATEGORY_OF_KIND = {
    "kecamatan": Category.KEWILAYAHAN,
    "kelurahan": Category.KEWILAYAHAN,
    "puskesmas": Category.PUSKESMAS,
    "sekolah": Category.SEKOLAH,
}  # every other kind (dinas, badan, sekretariat, UPTD, other) is a perangkat daerah


def category_of(opd):
    return CATEGORY_OF_KIND.get(opd.kind, Category.PERANGKAT_DAERAH)


class Award(models.Model):
    period = models.OneToOneField(
        "catalogue.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="award"
    )
    name = models.CharField(_("name"), max_length=200, default="Penghargaan OPD Terinovatif")
    jurors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("jurors"), blank=True, related_name="awards_judged"
    )
    shortlist = models.ManyToManyField(
        "accounts.Opd", verbose_name=_("shortlisted OPDs"), blank=True, related_name="award_shortlists"
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=150, blank=True)
    signatory_title = models.CharField(
        _("signatory's title"), max_length=150, default="Kepala Bappeda Kota Kediri", blank=True
    )
    jury_closed_at = models.DateTimeField(_("jury closed at"), null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-period__year"]

    def __str__(self):
        return f"{self.name} {self.period.year}"

    @property
    def is_decided(self):
        return self.decided_on is not None

    @property
    def jury_closed(self):
        return self.jury_closed_at is not None


def refuse_if_decided(award_id):
    if Award.objects.filter(pk=award_id, decided_on__isnull=False).exists():
        raise AwardFrozen(award_id)


class Criterion(models.Model):
    """One criterion of the award with its weight: total = Σ weight × value."""

    class Kind(models.TextChoices):
        OPD_SCORE = "opd_score", _("OPD ranking score")
        VERIFIED_MATURITY = "verified_maturity", _("Verified maturity")
        APPROVED = "approved", _("Approved innovations")
        TIMELINESS = "timeliness", _("Timely submission (%)")
        FOLLOW_UP = "follow_up", _("Mentoring actions followed up (%)")
        JURY = "jury", _("Jury presentation score")

    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(_("criterion"), max_length=30, choices=Kind.choices)
    weight = models.DecimalField(
        _("weight"), max_digits=7, decimal_places=3, default=Decimal(0), validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["award", "kind"]
        constraints = [models.UniqueConstraint(fields=["award", "kind"], name="award_criterion_once")]

    def __str__(self):
        return f"{self.get_kind_display()} × {self.weight}"

    def save(self, *args, **kwargs):
        refuse_if_decided(self.award_id)
        super().save(*args, **kwargs)


RUBRIC_MAX = 10


def rubric_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(0), MaxValueValidator(RUBRIC_MAX)])


class JuryScore(models.Model):
    """One juror's rubric for one shortlisted OPD's presentation (each item 0–10)."""

    RUBRIC = ("substance", "impact", "presentation")

    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="jury_scores")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("juror"), on_delete=models.PROTECT, related_name="+"
    )
    opd = models.ForeignKey("accounts.Opd", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+")
    substance = rubric_field(_("substance of the innovations"))
    impact = rubric_field(_("impact and sustainability"))
    presentation = rubric_field(_("presentation and answers"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        ordering = ["award", "opd__name", "juror__username"]
        constraints = [models.UniqueConstraint(fields=["award", "juror", "opd"], name="jury_score_once")]

    def __str__(self):
        return f"{self.juror_id} → {self.opd_id}: {self.score}"

    def save(self, *args, **kwargs):
        refuse_if_decided(self.award_id)
        super().save(*args, **kwargs)

    @property
    def score(self):
        """The rubric on a 0–100 scale, two decimals."""
        total = Decimal(self.substance + self.impact + self.presentation)
        return (total * 100 / (RUBRIC_MAX * len(self.RUBRIC))).quantize(Decimal("0.01"))


class Result(models.Model):
    """One row of the award's frozen table, written once, when the award is decided."""

    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="results")
    opd = models.ForeignKey("accounts.Opd", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    rank = models.PositiveIntegerField(_("rank"))
    category_rank = models.PositiveIntegerField(_("rank in the category"))
    parts = models.JSONField(_("parts"), default=dict)  # kind → {"value", "weight", "points"} as strings
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=4)
    winner = models.BooleanField(_("winner"), default=False)

    class Meta:
        verbose_name = _("award result")
        verbose_name_plural = _("award results")
        ordering = ["award", "rank"]
        constraints = [models.UniqueConstraint(fields=["award", "opd"], name="award_result_once")]

    def __str__(self):
        return f"{self.award_id}: #{self.rank} {self.opd_id}"

    def save(self, *args, **kwargs):
        refuse_if_decided(self.award_id)
        super().save(*args, **kwargs)
