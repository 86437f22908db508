"""The forms of the shared evidence library (the rules are in inovasi.shared_documents)."""

from django import forms
from django.utils.translation import gettext_lazy

from inovasi.forms import DATE_INPUT
from inovasi.models import Inovasi, SharedDocument
from inovasi.uploads import FILE_KINDS, check_upload

CITY = "kota"


class SharedDocumentForm(forms.ModelForm):
    """A PDF or image checked by its content, with its document data; `owners` [(value, label)] offers whose
    document it is (CITY or an OPD's pk) when there is a choice, else the one owner is taken."""

    owner = forms.ChoiceField(label=gettext_lazy("Document of"))

    class Meta:
        model = SharedDocument
        fields = ["subject", "document_number", "document_date", "file"]
        widgets = {"document_date": DATE_INPUT}

    def __init__(self, *args, owners=(), allowed_kinds=FILE_KINDS, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_kinds = allowed_kinds
        self.checked = None
        if owners:
            self.fields["owner"].choices = list(owners)
        else:
            del self.fields["owner"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload:
            self.checked = check_upload(upload, self.allowed_kinds, gettext_lazy("Shared document"))
        return upload

    def document(self, **values):
        """The unsaved SharedDocument this valid form describes, with the kind and file data its check found."""
        document = self.save(commit=False)
        for name, value in values.items():
            setattr(document, name, value)
        document.kind, document.original_name, document.size = (
            self.checked.kind,
            self.checked.original_name,
            self.checked.size,
        )
        return document


class AttachManyForm(forms.Form):
    """One indicator, and the innovations whose answer to it gets the document."""

    indicator = forms.ModelChoiceField(label=gettext_lazy("Indicator"), queryset=None)
    inovasi = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Innovations"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, indicators, inovasi_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].label_from_instance = lambda indicator: f"{indicator.number}. {indicator.name}"
        self.fields["inovasi"].queryset = inovasi_queryset
        self.fields["inovasi"].label_from_instance = _inovasi_label


def _inovasi_label(inovasi: Inovasi) -> str:
    return f"{inovasi.name} ({inovasi.opd.short_name or inovasi.opd.name})"


class AttachOneForm(forms.Form):
    """One of the shared documents an indicator of an innovation may take."""

    document = forms.ChoiceField(label=gettext_lazy("Shared document"))

    def __init__(self, *args, documents, indicator, **kwargs):
        kwargs.setdefault("auto_id", f"id_shared_%s-{indicator.pk}")  # unique per indicator on the page
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [(str(document.pk), _document_label(document)) for document in documents]


def _document_label(document: SharedDocument) -> str:
    parts = [document.subject, document.document_number, document.original_name]
    return " · ".join(part for part in parts if part)
