from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select

register = template.Library()


def bootstrap_class(field):
    """The Bootstrap class a bound field's control needs by its kind, marked invalid when it has errors."""
    widget = field.field.widget
    if isinstance(widget, CheckboxInput | CheckboxSelectMultiple | RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, Select):
        css = "form-select"
    else:
        css = "form-control"
    return f"{css} is-invalid" if field.errors else css


@register.filter
def bootstrap_widget(field):
    """Render a bound field's widget with the Bootstrap class its kind needs."""
    attrs = {"class": bootstrap_class(field)}
    if field.errors:
        attrs["aria-describedby"] = f"{field.auto_id}_errors"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, CheckboxInput)


@register.filter
def with_errors(fields):
    """The bound fields that carry errors, for the summary above a long form."""
    return [field for field in fields if field.errors]


@register.filter
def active_filters(filterset, query):
    """How many of a list's filters the request sets (the count on the phone's filter button); a default the
    view fills in (the current period) is not one the user set."""
    return sum(1 for name in filterset.form.fields if any(value.strip() for value in query.getlist(name)))
