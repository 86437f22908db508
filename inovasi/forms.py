import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inovasi.completeness import MIN_RANCANG_BANGUN_WORDS
from inovasi.dates import stage_date_errors, window_text
from inovasi.models import Answer, Evidence, FollowUp, HelpRequest, Inovasi, InovasiPhoto, MentoringSession
from inovasi.uploads import check_link, check_upload
from portal.accounts.models import Bidang, Opd
from portal.catalogue.models import ReferenceOption

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InovasiForm(forms.ModelForm):
    """The profile as the national form asks for it. Owner, period and status are never fields."""

    class Meta:
        model = Inovasi
        fields = [*Inovasi.PROFILE_FIELDS, *Inovasi.PROFILE_DOCUMENTS]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "asta_cita": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "trial_date": DATE_INPUT,
            "implementation_date": DATE_INPUT,
            "urusan_lain": forms.SelectMultiple(attrs={"size": 6}),
            **{
                name: forms.Textarea(attrs={"rows": 4, "data-word-count": "rancang-bangun"})
                for name in Inovasi.RANCANG_BANGUN_FIELDS
            },
            "tujuan": forms.Textarea(attrs={"rows": 3}),
            "manfaat": forms.Textarea(attrs={"rows": 3}),
            "hasil": forms.Textarea(attrs={"rows": 3}),
            "development_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, opd, period, **kwargs):
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
        if window:
            self.fields["development_note"].help_text = window

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
        return _checked_file(self.cleaned_data.get("budget_document"), self.instance.budget_document, ["pdf"])

    def clean_business_profile(self):
        return _checked_file(self.cleaned_data.get("business_profile"), self.instance.business_profile, ["pdf"])

    # A certificate is often a scan: a photo of it is taken as well as a PDF.
    def clean_haki_document(self):
        return _checked_file(self.cleaned_data.get("haki_document"), self.instance.haki_document, ["pdf", "image"])

    def clean_award_document(self):
        return _checked_file(self.cleaned_data.get("award_document"), self.instance.award_document, ["pdf", "image"])

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


def _checked_file(upload, stored, kinds):
    """A newly uploaded document must really be of `kinds` (by content); the stored one was checked before."""
    if upload and upload != stored:
        check_upload(upload, kinds)
    return upload


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
                choices=[("", "---------"), *indicator.basis_choices],
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
        check_upload(image, ["image"])
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
