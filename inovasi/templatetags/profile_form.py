"""`{{ row|profile_widget }}`: a profile form field's control, described by its help, its errors and its kept file."""

from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select

register = template.Library()


@register.filter
def profile_widget(row):
    """The control of a `ProfileRow` (inovasi.forms) with the Bootstrap class its kind needs.

    `aria-describedby` names the help text, the errors and the kept file, whichever the field has, so a
    screen reader reads them with the control (portal_forms.bootstrap_widget names the errors only).
    """
    field = row.field
    widget = field.field.widget
    if isinstance(widget, CheckboxInput | CheckboxSelectMultiple | RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, Select):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": f"{css} is-invalid" if field.errors else css}
    described = [
        f"{field.auto_id}_{part}"
        for part, present in (
            ("helptext", field.help_text),
            ("errors", field.errors),
            ("stored", row.stored_url),
            ("kept", row.kept),
        )
        if present
    ]
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
