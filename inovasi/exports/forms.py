from django import forms
from django.utils.translation import gettext_lazy as _

from inovasi.models import ExportJob
from portal.catalogue.models import Period


class ExportJobForm(forms.Form):
    """What to build in the background; the choices follow the user's access."""

    kind = forms.ChoiceField(label=_("Export"), choices=ExportJob.Kind.choices)
    period = forms.ModelChoiceField(label=_("Period"), queryset=Period.objects.order_by("-year"), empty_label=None)
    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=None, required=False, help_text=_("Required for the evidence ZIP.")
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        self.fields["opd"].queryset = access.visible_opds().order_by("name")
        if not access.can_export_city:
            self.fields["kind"].choices = [c for c in ExportJob.Kind.choices if c[0] != ExportJob.Kind.PDF]
            self.fields["opd"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ExportJob.Kind.ZIP and not cleaned.get("opd"):
            self.add_error("opd", _("Choose the OPD whose evidence to collect."))
        if cleaned.get("kind") == ExportJob.Kind.PDF:
            cleaned["opd"] = None  # the recap is city-wide
        return cleaned
