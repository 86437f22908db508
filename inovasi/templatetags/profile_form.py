"""`{{ row|profile_widget }}`: a profile form field's control, described by its help, its errors and its kept file."""

from django import template

from portal.accounts.templatetags.portal_forms import bootstrap_class

register = template.Library()


@register.filter
def profile_widget(row):
    """The control of a `ProfileRow` (inovasi.forms) with the Bootstrap class its kind needs.

    `aria-describedby` names the help text, the errors and the kept file, whichever the field has, so a
    screen reader reads them with the control (portal_forms.bootstrap_widget names the errors only).
    """
    field = row.field
    attrs = {"class": bootstrap_class(field)}
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
