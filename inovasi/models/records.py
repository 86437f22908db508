"""Innovation records as the national IID form asks for them, with answers and evidence."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.catalogue.models import Indicator, ProfileItem, ReferenceOption, Urusan

EvidenceKind = Indicator.EvidenceKind


def generated_path(instance, filename):
    """Generated names only: nothing a user typed reaches the file system.

    The upload check has already renamed the file to its detected type's extension.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{instance._meta.model_name}/{uuid.uuid4().hex}.{extension}"


def _option(kind, verbose_name, related_name):
    return models.ForeignKey(
        ReferenceOption,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        limit_choices_to={"kind": kind, "is_active": True},
    )


class InovasiQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def for_period(self, period):
        return self.filter(period=period)

    def in_catalogue(self):
        """What the public catalogue shows: approved or later, of an active OPD that opted in."""
        return self.alive().filter(status__in=Inovasi.PUBLIC_STATUSES, opd__public_catalogue=True, opd__is_active=True)

    def visible_to(self, access):
        """Innovations the user may read: their OPDs', or all for the city-wide roles."""
        alive = self.alive()
        return alive if access.sees_all_opds else alive.filter(opd_id__in=access.opd_ids)

    def deleted_visible_to(self, access):
        """Soft-deleted innovations the user may see (to restore them): their OPDs', every OPD's for the admin,
        none for the other city-wide readers (a deleted record is the OPD's own business until restored)."""
        deleted = self.filter(deleted_at__isnull=False)
        if not access.can_see_deleted_innovations:
            return deleted.none()
        return deleted if access.sees_every_deleted_innovation else deleted.filter(opd_id__in=access.opd_ids)


# Kept by name so a profile save can write its one history row itself (see inovasi.profile).
# Field diffs only: a status move (and the sending date it sets) is an event, kept once, as a
# StatusChange row; the history page reads both.
PROFILE_HISTORY = HistoricalRecords(
    excluded_fields=["completeness", "updated_at", "status", "sent_on"], m2m_fields=["urusan_lain", "asta_cita"]
)


class Inovasi(models.Model):
    """A profil inovasi, owned by one OPD (optionally one bidang) in one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        # Sent by the operator, waiting for the kepala OPD to endorse it (when the period asks for that).
        AWAITING_ENDORSEMENT = "menunggu_pengesahan", _("Awaiting the kepala OPD's endorsement")
        SUBMITTED = "diajukan", _("Submitted")
        IN_REVIEW = "direviu", _("In review")
        RETURNED = "dikembalikan", _("Returned for revision")
        APPROVED = "disetujui", _("Approved")
        REJECTED = "ditolak", _("Rejected")
        READY = "siap_kirim", _("Ready to send")
        SENT = "dikirim", _("Sent to the national application")

    class NationalOutcome(models.TextChoices):
        ACCEPTED = "diterima", _("Accepted")
        REJECTED = "ditolak", _("Rejected")

    # The status groups, defined here only; scoring, dashboards and views ask these.
    # Operators may change the record only in these states.
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
    # Approved by Bappeda: the verified projection counts them, and the public catalogue may show them.
    APPROVED_STATUSES = (Status.APPROVED, Status.READY, Status.SENT)
    PUBLIC_STATUSES = APPROVED_STATUSES
    # Submitted by the operator and not rejected: the claimed projection counts them (awaiting the
    # kepala's endorsement included: the OPD has made its claim).
    CLAIMED_STATUSES = (
        Status.AWAITING_ENDORSEMENT,
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.RETURNED,
        *APPROVED_STATUSES,
    )
    # Submitted at least once (every status but draft): the dashboards' funnel and data checks.
    SUBMITTED_STATUSES = (*CLAIMED_STATUSES, Status.REJECTED)
    # Waiting for Bappeda: the review queue.
    WAITING_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW)
    # A reviewer's decisions, which end a wait in the queue.
    DECISION_STATUSES = (Status.RETURNED, Status.APPROVED, Status.REJECTED)

    period = models.ForeignKey(
        "catalogue.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="inovasi"
    )
    opd = models.ForeignKey("accounts.Opd", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="inovasi")
    bidang = models.ForeignKey(
        "accounts.Bidang",
        verbose_name=_("bidang"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inovasi",
    )
    name = models.CharField(_("innovation name"), max_length=255)
    tahapan = _option(ReferenceOption.Kind.TAHAPAN, _("stage"), "+")
    inisiator = _option(ReferenceOption.Kind.INISIATOR, _("initiator"), "+")
    inisiator_name = models.CharField(_("initiator's name"), max_length=200, blank=True)
    jenis = _option(ReferenceOption.Kind.JENIS, _("type"), "+")
    bentuk = _option(ReferenceOption.Kind.BENTUK, _("form"), "+")
    tematik = _option(ReferenceOption.Kind.TEMATIK, _("theme"), "+")
    urusan_utama = models.ForeignKey(
        Urusan, verbose_name=_("main urusan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    urusan_lain = models.ManyToManyField(Urusan, verbose_name=_("other urusan"), blank=True, related_name="+")
    trial_date = models.DateField(_("trial date"), null=True, blank=True)
    implementation_date = models.DateField(_("implementation date"), null=True, blank=True)
    # Rancang bangun: the national form asks for at least 300 words over these parts together.
    dasar_hukum = models.TextField(_("legal basis"), blank=True)
    permasalahan = models.TextField(_("problem"), blank=True)
    isu_strategis = models.TextField(_("strategic issues"), blank=True)
    metode_pembaharuan = models.TextField(_("method of renewal"), blank=True)
    keunggulan = models.TextField(_("advantages and novelty"), blank=True)
    cara_kerja = models.TextField(_("how it works"), blank=True)
    tujuan = models.TextField(_("objectives"), blank=True)
    manfaat = models.TextField(_("benefits"), blank=True)
    hasil = models.TextField(_("results"), blank=True)
    budget_document = models.FileField(_("budget document"), upload_to=generated_path, blank=True)
    business_profile = models.FileField(_("business profile"), upload_to=generated_path, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    # 2026's extra items (asked when the period lists them: Period.profile_items).
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.TextField(_("address"), blank=True)
    klasifikasi = _option(ReferenceOption.Kind.KLASIFIKASI, _("classification"), "+")
    asta_cita = models.ManyToManyField(
        ReferenceOption,
        verbose_name=_("Asta Cita"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": ReferenceOption.Kind.ASTA_CITA, "is_active": True},
    )
    program_prioritas = _option(ReferenceOption.Kind.PROGRAM_PRIORITAS, _("national priority programme"), "+")
    haki_document = models.FileField(_("HAKI document"), upload_to=generated_path, blank=True)
    award_document = models.FileField(_("award document"), upload_to=generated_path, blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("earlier version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    development_note = models.TextField(_("explanation of the development"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    sent_on = models.DateField(_("entered in the national application on"), null=True, blank=True)
    national_outcome = models.CharField(
        _("national outcome"),
        max_length=10,
        blank=True,
        choices=NationalOutcome.choices,
    )
    national_score = models.DecimalField(
        _("verified national score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    completeness = models.PositiveSmallIntegerField(_("completeness (%)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    history = PROFILE_HISTORY
    objects = InovasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["period", "opd", "status"])]

    def __str__(self):
        return self.name

    RANCANG_BANGUN_FIELDS = (
        "dasar_hukum",
        "permasalahan",
        "isu_strategis",
        "metode_pembaharuan",
        "keunggulan",
        "cara_kerja",
    )
    # The national form's profile items after the name, in its order (the form and the XLSX follow it).
    NATIONAL_FORM_FIELDS = (
        "tahapan",
        "inisiator",
        "inisiator_name",
        "jenis",
        "bentuk",
        "tematik",
        "urusan_utama",
        "urusan_lain",
        "trial_date",
        "implementation_date",
        *RANCANG_BANGUN_FIELDS,
        "tujuan",
        "manfaat",
        "hasil",
        "video_url",
        # 2026's items; a period that does not ask one leaves it empty (ITEM_FIELDS).
        "latitude",
        "longitude",
        "address",
        "klasifikasi",
        "asta_cita",
        "program_prioritas",
    )
    # What the operator edits and what a revision snapshots: the national form plus our own two.
    PROFILE_FIELDS = ("name", "bidang", *NATIONAL_FORM_FIELDS, "development_note")
    # The uploaded documents of the profile: checked by content, served only through inovasi-file.
    PROFILE_DOCUMENTS = ("budget_document", "business_profile", "haki_document", "award_document")
    # Each document's name in its download URL (inovasi-file).
    DOCUMENT_SLUGS = {
        "anggaran": "budget_document",
        "profil-bisnis": "business_profile",
        "haki": "haki_document",
        "penghargaan": "award_document",
    }
    # The fields holding each item some years' form asks for (Period.profile_items): the form shows,
    # completeness asks and carry-forward copies an item only when the innovation's period asks for it.
    ITEM_FIELDS = {
        ProfileItem.LOKASI: ("latitude", "longitude", "address"),
        ProfileItem.KLASIFIKASI: ("klasifikasi",),
        ProfileItem.ASTA_CITA: ("asta_cita",),
        ProfileItem.PROGRAM_PRIORITAS: ("program_prioritas",),
        ProfileItem.HAKI: ("haki_document",),
        ProfileItem.PENGHARGAAN: ("award_document",),
    }

    def unasked_fields(self, period=None):
        """The fields of the items `period` (default: the innovation's own) does not ask for."""
        period = period or self.period
        return {name for item, names in self.ITEM_FIELDS.items() if not period.asks(item) for name in names}

    @property
    def rancang_bangun_words(self):
        return sum(len(getattr(self, name).split()) for name in self.RANCANG_BANGUN_FIELDS)

    @property
    def rancang_bangun_parts(self):
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.RANCANG_BANGUN_FIELDS]

    @property
    def is_editable_status(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_in_review(self):
        """A reviewer has taken it: verdicts may be given now."""
        return self.status == self.Status.IN_REVIEW

    @property
    def is_sent(self):
        """Entered in the national application: its national outcome may be recorded."""
        return self.status == self.Status.SENT


class InovasiPhoto(models.Model):
    inovasi = models.ForeignKey(Inovasi, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=generated_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.caption or self.image.name


class Answer(models.Model):
    """The claimed level of one indicator: for an innovation (SID) or for the region (SPD).

    The reviewer's verdict and verified level live beside the claim; any change the operator
    makes to the level or the evidence sends the verdict back to "menunggu".
    """

    class Verification(models.TextChoices):
        PENDING = "menunggu", _("Waiting for verification")
        OK = "sesuai", _("Matches")
        NOT_OK = "tidak_sesuai", _("Does not match")
        NEEDS_FIX = "perlu_perbaikan", _("Needs improvement")

    indicator = models.ForeignKey(
        "catalogue.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="answers"
    )
    inovasi = models.ForeignKey(
        Inovasi, verbose_name=_("innovation"), on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    level = models.PositiveSmallIntegerField(_("claimed level"), default=0)
    # The one basis chosen where the indicator asks for one (Indicator.bases), e.g. 2026's kemanfaatan.
    basis = models.CharField(_("basis"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    verification = models.CharField(
        _("verification"), max_length=20, choices=Verification.choices, default=Verification.PENDING
    )
    verified_level = models.PositiveSmallIntegerField(_("verified level"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("indicator answer")
        verbose_name_plural = _("indicator answers")
        ordering = ["indicator__scope", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inovasi", "indicator"], condition=Q(inovasi__isnull=False), name="answer_once_per_inovasi"
            ),
            models.UniqueConstraint(
                fields=["indicator"], condition=Q(inovasi__isnull=True), name="answer_once_per_region"
            ),
            models.CheckConstraint(condition=Q(level__lte=3), name="answer_level_0_to_3"),
            models.CheckConstraint(condition=Q(verified_level__lte=3), name="answer_verified_level_0_to_3"),
        ]

    def __str__(self):
        return f"{self.indicator} → {self.level}"

    @property
    def is_verified(self):
        """A reviewer has given a verdict on the claim as it stands."""
        return self.verification != self.Verification.PENDING

    @property
    def basis_label(self):
        """The chosen basis as the indicator words it (empty when none was chosen)."""
        return dict(self.indicator.basis_choices).get(self.basis, self.basis)


class SharedDocumentQuerySet(models.QuerySet):
    def visible_to(self, access):
        """The city's documents (no OPD) and, for an OPD user, the OPD's own; city-wide roles see all."""
        if access.sees_all_opds:
            return self
        return self.filter(Q(opd__isnull=True) | Q(opd_id__in=access.opd_ids))


class SharedDocument(models.Model):
    """Evidence that serves many innovations (the SK Wali Kota listing the year's innovations, RKPD pages,
    the SK tim pengelola): uploaded once, with its document data, and attached to any number of answers.

    Bappeda's documents belong to the city (no OPD); an OPD's to that OPD.
    """

    period = models.ForeignKey(
        "catalogue.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="shared_documents"
    )
    opd = models.ForeignKey(
        "accounts.Opd",
        verbose_name=_("OPD"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shared_documents",
        help_text=_("Empty: a document of the city, uploaded by Bappeda."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    file = models.FileField(_("file"), upload_to=generated_path)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = SharedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("shared document")
        verbose_name_plural = _("shared documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.subject


class Evidence(models.Model):
    """One piece of bukti dukung for an answer: a checked file, a link, or a shared document attached."""

    answer = models.ForeignKey(Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    file = models.FileField(_("file"), upload_to=generated_path, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    shared = models.ForeignKey(
        SharedDocument,
        verbose_name=_("shared document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "id"]
        constraints = [
            # Exactly one of: its own file, a link, a shared document.
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="") & Q(shared__isnull=True))
                | (~Q(file="") & Q(url="") & Q(shared__isnull=True))
                | (Q(file="") & Q(url="") & Q(shared__isnull=False)),
                name="evidence_one_source",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def document(self):
        """What holds the file and its document data: the shared document when one is attached, else this row."""
        return self.shared if self.shared_id else self


class Revision(models.Model):
    """What was submitted: a snapshot of profile, answers and evidence list at each submission."""

    inovasi = models.ForeignKey(
        Inovasi, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    snapshot = models.JSONField(_("snapshot"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["inovasi", "number"]
        constraints = [models.UniqueConstraint(fields=["inovasi", "number"], name="revision_number_per_inovasi")]

    def __str__(self):
        return f"{self.inovasi} #{self.number}"


class StatusChange(models.Model):
    """One row per workflow move: the history tab, the queue's waiting time and the notices' source."""

    inovasi = models.ForeignKey(
        Inovasi, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Inovasi.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Inovasi.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.inovasi}: {self.from_status} → {self.to_status}"


class CommentThread(models.Model):
    """A conversation about one indicator of one innovation; it survives resubmissions."""

    inovasi = models.ForeignKey(Inovasi, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="threads")
    indicator = models.ForeignKey(
        "catalogue.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment thread")
        verbose_name_plural = _("comment threads")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.inovasi} · {self.indicator.number}"


class Comment(models.Model):
    thread = models.ForeignKey(
        CommentThread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("comment"))
    # The revision the comment was written against (None: before the first submission).
    revision_number = models.PositiveSmallIntegerField(_("revision"), null=True, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:50]
