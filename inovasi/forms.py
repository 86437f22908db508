import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inovasi.completeness import MIN_RANCANG_BANGUN_WORDS
from inovasi.dates import stage_date_errors, window_text
from inovasi.models import Answer, Evidence, FollowUp, HelpRequest, Inovasi, InovasiPhoto, MentoringSession
from inovasi.pending_uploads import KeptDocuments
from inovasi.uploads import check_link, check_upload
from portal.accounts.i18n import EMPTY_CHOICE_LABEL
from portal.accounts.models import Bidang, Opd
from portal.catalogue.models import ReferenceOption

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The profile form's sections, in page order: (anchor, heading, fields). A field the period does not
# ask for is not in the form, and a section left without fields is not shown.
PROFILE_SECTIONS = (
    ("identitas", gettext_lazy("Identity"), ("name", "bidang", "tahapan", "inisiator", "inisiator_name")),
    (
        "klasifikasi",
        gettext_lazy("Type, theme and urusan"),
        ("jenis", "bentuk", "tematik", "urusan_utama", "urusan_lain", "klasifikasi", "asta_cita", "program_prioritas"),
    ),
    ("lokasi", gettext_lazy("Location"), ("latitude", "longitude", "address")),
    ("waktu", gettext_lazy("Dates"), ("trial_date", "implementation_date", "development_note")),
    ("rancang-bangun", gettext_lazy("Design (rancang bangun)"), Inovasi.RANCANG_BANGUN_FIELDS),
    ("hasil", gettext_lazy("Objectives, benefits and results"), ("tujuan", "manfaat", "hasil")),
    ("dokumen", gettext_lazy("Documents"), Inovasi.PROFILE_DOCUMENTS),
    ("media", gettext_lazy("Media"), ("video_url",)),
)

# The national form's guidance per field (domain reference §3), shown under each field.
PROFILE_HELP = {
    "name": gettext_lazy("The name of the innovation as it will be entered in the national application."),
    "bidang": gettext_lazy("The bidang of the OPD that runs the innovation, if any."),
    "tahapan": gettext_lazy("Inisiatif, uji coba or penerapan. The stage decides which dates are needed."),
    "inisiator": gettext_lazy("Who started the innovation: Kepala Daerah, Anggota DPRD, OPD, ASN or Masyarakat."),
    "inisiator_name": gettext_lazy("The name of the initiator (a person or a unit), if known."),
    "jenis": gettext_lazy("Digital (online) or non-digital (offline)."),
    "bentuk": gettext_lazy(
        "Governance of the regional government, a public service, or another innovation within an urusan "
        "under the region's authority."
    ),
    "tematik": gettext_lazy("The theme the innovation serves, or Non tematik."),
    "urusan_utama": gettext_lazy("The government affair (urusan) the innovation belongs to first."),
    "urusan_lain": gettext_lazy("Other urusan the innovation overlaps with, if any (not the main urusan)."),
    "klasifikasi": gettext_lazy("A new innovation, the development of an existing one, or a replication."),
    "asta_cita": gettext_lazy("One or more of the eight Asta Cita the innovation supports."),
    "program_prioritas": gettext_lazy("The national priority programme the innovation supports."),
    "address": gettext_lazy("Where the innovation is carried out."),
    "development_note": gettext_lazy(
        "What has changed or been developed since the earlier period (required for resubmitted innovations)."
    ),
    "dasar_hukum": gettext_lazy("The regulations the innovation rests on (perda, perwali, SK)."),
    "permasalahan": gettext_lazy("The problem the innovation solves."),
    "isu_strategis": gettext_lazy("The global, national or local strategic issues it answers."),
    "metode_pembaharuan": gettext_lazy("What was renewed, and how, compared with before the innovation."),
    "keunggulan": gettext_lazy("What is new in it and better than other ways of doing the same."),
    "cara_kerja": gettext_lazy("How the innovation works: its steps, its users and its specifications."),
    "tujuan": gettext_lazy("The objectives of the regional innovation."),
    "manfaat": gettext_lazy("The benefits obtained from it."),
    "hasil": gettext_lazy("The results of the innovation, with figures where there are any."),
    "budget_document": gettext_lazy("The budget document, if the innovation needs a budget (PDF)."),
    "business_profile": gettext_lazy("The business profile, if there is one (PDF)."),
    "haki_document": gettext_lazy("The HAKI (intellectual property) certificate, if any: a PDF or a photo (PNG/JPEG)."),
    "award_document": gettext_lazy("An award the innovation received, if any: a PDF or a photo (PNG/JPEG)."),
    "video_url": gettext_lazy("A link to a video of the innovation on YouTube or Google Drive."),
}
# Fields whose checkboxes get a search box that filters them (static/portal/checkbox-filter.js).
FILTERED_CHOICES = {"urusan_lain"}


class DocumentInput(forms.ClearableFileInput):
    """The file input alone: the page shows the stored document (a download through its access check, never a
    /media/ address) and its remove box itself; ClearableFileInput still reads that box (`<name>-clear`)."""

    template_name = "django/forms/widgets/file.html"

    def format_value(self, value):
        return None  # a file input never carries a value (nor the storage name)


@dataclass
class ProfileRow:
    field: forms.BoundField
    kept: object = None  # the PendingUpload a refused submit kept for this document field
    filtered: bool = False
    stored_url: str = ""  # the download of the document the profile already stores


@dataclass
class ProfileSection:
    anchor: str
    title: str
    rows: list

    @property
    def has_errors(self):
        return any(row.field.errors for row in self.rows)

    @property
    def counts_words(self):
        return self.anchor == "rancang-bangun"


class InovasiForm(forms.ModelForm):
    """The profile as the national form asks for it, in sections. Owner, period and status are never fields."""

    min_words = MIN_RANCANG_BANGUN_WORDS

    class Meta:
        model = Inovasi
        fields = [*Inovasi.PROFILE_FIELDS, *Inovasi.PROFILE_DOCUMENTS]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "asta_cita": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "trial_date": DATE_INPUT,
            **{name: DocumentInput() for name in Inovasi.PROFILE_DOCUMENTS},
            "implementation_date": DATE_INPUT,
            "urusan_lain": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            **{
                name: forms.Textarea(attrs={"rows": 4, "data-word-count": "rancang-bangun"})
                for name in Inovasi.RANCANG_BANGUN_FIELDS
            },
            "tujuan": forms.Textarea(attrs={"rows": 3}),
            "manfaat": forms.Textarea(attrs={"rows": 3}),
            "hasil": forms.Textarea(attrs={"rows": 3}),
            "development_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, opd, period, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.opd, self.period = opd, period
        self.fields["bidang"].queryset = Bidang.objects.filter(opd=opd, is_active=True)
        self._ask_items_of(period)
        for name in ("tahapan", "inisiator", "jenis", "bentuk", "tematik", "urusan_utama"):
            self.fields[name].required = True
        window = window_text(period)
        self.fields["trial_date"].help_text = _("Leave it empty while the innovation is at the initiative stage.")
        self.fields["implementation_date"].help_text = " ".join(
            filter(None, [_("Leave it empty while the innovation is at the initiative or trial stage."), window])
        )
        for name, text in PROFILE_HELP.items():
            if name in self.fields and not self.fields[name].help_text:
                self.fields[name].help_text = text
        if window:
            self.fields["development_note"].help_text = f"{PROFILE_HELP['development_note']} {window}"
        for field in self.fields.values():
            if field.required and not field.widget.use_fieldset:
                field.widget.attrs["aria-required"] = "true"
        documents = [name for name in Inovasi.PROFILE_DOCUMENTS if name in self.fields]
        self.kept = KeptDocuments(self.data if self.is_bound else None, documents, user=user, opd=opd)

    def sections(self):
        """The sections to show, each with the fields the period asks for, in order (PROFILE_SECTIONS)."""
        sections, placed = [], set()
        for anchor, title, names in PROFILE_SECTIONS:
            rows = [self._row(name) for name in names if name in self.fields]
            placed.update(names)
            if rows:
                sections.append(ProfileSection(anchor, title, rows))
        # A field added to the form but to no section still shows, in the last section.
        sections[-1].rows.extend(self._row(name) for name in self.fields if name not in placed)
        return sections

    def _row(self, name):
        return ProfileRow(
            self[name], kept=self.kept.shown.get(name), filtered=name in FILTERED_CHOICES, stored_url=self._stored(name)
        )

    def _stored(self, name):
        if name not in Inovasi.PROFILE_DOCUMENTS or not self.instance.pk or not getattr(self.instance, name):
            return ""
        which = next(slug for slug, field in Inovasi.DOCUMENT_SLUGS.items() if field == name)
        return reverse("inovasi-file", args=[self.instance.pk, which])

    @property
    def rancang_bangun_words(self):
        """The words of the rancang bangun parts as the form shows them (the post, or the saved profile)."""
        if self.is_bound:
            return sum(len(str(self.data.get(name, "")).split()) for name in Inovasi.RANCANG_BANGUN_FIELDS)
        return self.instance.rancang_bangun_words

    def keep_uploads(self):
        """After a refused submit: keep the documents that passed their checks (inovasi.pending_uploads)."""
        if self.is_bound:  # an empty post leaves the form unbound: nothing was chosen
            self.kept.keep(self.cleaned_data)

    def uploads_used(self):
        """After a saved submit: remove the kept documents the post named (used, removed or replaced)."""
        self.kept.finish()

    def _ask_items_of(self, period):
        """Only the items the period's form asks for (none in 2023), each from the period's own lists."""
        for name in self.instance.unasked_fields(period):
            del self.fields[name]
        for name, model_field in ((name, Inovasi._meta.get_field(name)) for name in self.fields):
            if model_field.is_relation and model_field.related_model is ReferenceOption:
                self.fields[name].queryset = options_for(model_field.remote_field.limit_choices_to["kind"], period)
        if "latitude" in self.fields:
            south, west, north, east = region_bounds()
            self.fields["latitude"].help_text = f"{_degrees_help((south + north) / 2)} {_copy_from_map()}"
            self.fields["longitude"].help_text = _degrees_help((west + east) / 2)

    def clean_budget_document(self):
        return self._checked_file("budget_document", ["pdf"])

    def clean_business_profile(self):
        return self._checked_file("business_profile", ["pdf"])

    # A certificate is often a scan: a photo of it is taken as well as a PDF.
    def clean_haki_document(self):
        return self._checked_file("haki_document", ["pdf", "image"])

    def clean_award_document(self):
        return self._checked_file("award_document", ["pdf", "image"])

    def _checked_file(self, name, kinds):
        """A newly uploaded document must really be of `kinds` (by content), and so must a document kept from
        a refused submit and used now (inovasi.pending_uploads); the stored one was checked before.
        The messages name the document (its label), not an indicator."""
        upload = self.cleaned_data.get(name)
        return self.kept.clean(name, upload, getattr(self.instance, name), kinds, self.fields[name].label)

    def clean(self):
        cleaned = super().clean()
        self._check_words(cleaned)
        self._check_dates(cleaned)
        self._check_location(cleaned)
        main, others = cleaned.get("urusan_utama"), cleaned.get("urusan_lain")
        if main and others and main in others:
            self.add_error("urusan_lain", _("The main urusan cannot also be an other urusan."))
        return cleaned

    def _check_words(self, cleaned):
        words = sum(len((cleaned.get(name) or "").split()) for name in Inovasi.RANCANG_BANGUN_FIELDS)
        if words < MIN_RANCANG_BANGUN_WORDS:
            self.add_error(
                None,
                _("The design (rancang bangun) needs at least %(minimum)d words in total; it has %(count)d.")
                % {"minimum": MIN_RANCANG_BANGUN_WORDS, "count": words},
            )

    def _check_dates(self, cleaned):
        trial, implementation = cleaned.get("trial_date"), cleaned.get("implementation_date")
        if trial and implementation and implementation < trial:
            self.add_error("implementation_date", _("The implementation date cannot be before the trial date."))
        year_end = datetime.date(self.period.year, 12, 31)
        for name, value in (("trial_date", trial), ("implementation_date", implementation)):
            if value and value > year_end:
                self.add_error(name, _("The date cannot be after the end of %(year)d.") % {"year": self.period.year})
        # The dates the stage has (inovasi.dates); a field that already has an error keeps that one.
        for name, message in stage_date_errors(cleaned.get("tahapan"), trial, implementation).items():
            if not self.has_error(name):
                self.add_error(name, message)

    def _check_location(self, cleaned):
        """Both coordinates or neither, each inside the region's bounds (a swapped or positive latitude is
        the usual slip, so the message gives the range and how to copy a point from a map)."""
        if "latitude" not in self.fields or self.has_error("latitude") or self.has_error("longitude"):
            return
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            missing = "latitude" if latitude is None else "longitude"
            self.add_error(missing, _("Fill in both the latitude and the longitude, or leave both empty."))
            return
        if latitude is None:
            return
        south, west, north, east = region_bounds()
        if not south <= latitude <= north:
            message = _("The latitude must lie between %(low)s and %(high)s, inside %(region)s.")
            self.add_error("latitude", _outside(message, south, north))
        if not west <= longitude <= east:
            message = _("The longitude must lie between %(low)s and %(high)s, inside %(region)s.")
            self.add_error("longitude", _outside(message, west, east))


def region_bounds():
    """settings.REGION_BOUNDS as Decimals (south, west, north, east), read when used (tests override it)."""
    return tuple(Decimal(str(value)) for value in settings.REGION_BOUNDS)


def _degrees_help(example):
    # Written with a point whatever the language: the field takes "-7.815", not "-7,815".
    return _("Decimal degrees with a point, e.g. %(example)s.") % {"example": f"{example:.3f}"}


def _copy_from_map():
    return _(
        "To copy a point from Google Maps, right-click the place and click the two numbers at the top of "
        "the menu, then paste the first into the latitude and the second into the longitude."
    )


def _outside(message, low, high):
    limits = {"low": f"{low:f}", "high": f"{high:f}", "region": settings.REGION_NAME}
    return f"{message % limits} {_copy_from_map()}"


def options_for(kind, period):
    """The active options of a list that serve `period`: the shared ones (no period) and the period's own."""
    return ReferenceOption.objects.filter(Q(period__isnull=True) | Q(period=period), kind=kind, is_active=True)


class OpdChoiceForm(forms.Form):
    opd = forms.ModelChoiceField(label=gettext_lazy("OPD"), queryset=Opd.objects.filter(is_active=True))


class AnswerForm(forms.Form):
    level = forms.TypedChoiceField(label=gettext_lazy("Claimed level"), coerce=int, choices=[])
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicator, **kwargs):
        # One form per indicator on the same page: ids carry the indicator, so every label names its own control.
        kwargs.setdefault("auto_id", f"id_%s-{indicator.pk}")
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level, f"{level}: {indicator.level_text(level)}") for level in range(4)]
        if indicator.bases:  # the indicator asks for one basis of its levels (2026's 33 kemanfaatan)
            self.fields["basis"] = forms.ChoiceField(
                label=gettext_lazy("Basis of the level"),
                choices=[("", EMPTY_CHOICE_LABEL), *indicator.basis_choices],
                required=False,
                help_text=gettext_lazy("The level is measured on the one basis you choose here."),
            )
            self.order_fields(["basis", "level", "note"])

    def clean(self):
        cleaned = super().clean()
        if "basis" in self.fields and cleaned.get("level") and not cleaned.get("basis"):
            self.add_error("basis", gettext_lazy("Choose the basis this level is measured on."))
        return cleaned


class EvidenceForm(forms.ModelForm):
    """A file checked by its content, or a link, for the kinds the indicator allows."""

    class Meta:
        model = Evidence
        fields = ["subject", "document_number", "document_date", "file", "url"]
        widgets = {"document_date": DATE_INPUT}

    def __init__(self, *args, indicator, **kwargs):
        kwargs.setdefault("auto_id", f"id_%s-{indicator.pk}")  # unique per indicator, as in AnswerForm
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.checked = None
        self.checked_link = None
        if not indicator.accepts_files:
            del self.fields["file"]
        if not indicator.accepts_links:
            del self.fields["url"]

    def clean(self):
        cleaned = super().clean()
        if self.has_error("file") or self.has_error("url"):
            return cleaned  # one clear error about the field is enough
        upload, url = cleaned.get("file"), cleaned.get("url")
        if bool(upload) == bool(url):
            raise forms.ValidationError(_("Attach either one file or one link."))
        if upload:
            self.checked = check_upload(upload, self.indicator.evidence_kinds)
        else:
            self.checked_link = check_link(url, self.indicator.evidence_kinds)
        return cleaned

    def kind(self):
        return (self.checked or self.checked_link).kind


class PhotoForm(forms.ModelForm):
    class Meta:
        model = InovasiPhoto
        fields = ["image", "caption"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        check_upload(image, ["image"], self.fields["image"].label)
        return image


class CarryForwardForm(forms.Form):
    development_note = forms.CharField(
        label=gettext_lazy("Explanation of the development"),
        help_text=gettext_lazy(
            "What has changed or been developed since the earlier period (required for resubmitted innovations)."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class TransitionForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sent_on = forms.DateField(
        label=gettext_lazy("Entered in the national application on"), required=False, widget=DATE_INPUT
    )


class VerifyForm(forms.Form):
    verification = forms.ChoiceField(
        label=gettext_lazy("Verdict"),
        choices=[choice for choice in Answer.Verification.choices if choice[0] != Answer.Verification.PENDING],
    )
    verified_level = forms.TypedChoiceField(label=gettext_lazy("Verified level"), coerce=int, choices=[])

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verified_level"].choices = [
            (level, f"{level}: {indicator.level_text(level)}") for level in range(4)
        ]


class CommentForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class NationalOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("National outcome"), choices=Inovasi._meta.get_field("national_outcome").choices
    )
    score = forms.DecimalField(
        label=gettext_lazy("Verified national score"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        max_value=111,
        required=False,
    )


class HelpRequestForm(forms.ModelForm):
    class Meta:
        model = HelpRequest
        fields = ["inovasi", "topic"]
        widgets = {"topic": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, opd, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inovasi"].queryset = Inovasi.objects.alive().filter(opd=opd, period=period)
        self.fields["inovasi"].required = False


class SessionForm(forms.ModelForm):
    class Meta:
        model = MentoringSession
        fields = ["held_on", "mode", "attendees", "topic", "notes"]
        widgets = {
            "held_on": DATE_INPUT,
            "attendees": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["action", "owner", "due_on"]
        widgets = {"due_on": DATE_INPUT}
