"""A readable history of an innovation: field diffs of its profile, answers and evidence, and its
status moves.

Field diffs come from django-simple-history (one row per save, turned into "who changed what
from what to what"); status moves are events, read from the workflow's StatusChange rows and
never copied into the field history. Newest first.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from inovasi.models import Answer, Evidence, StatusChange

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
HIDDEN_FIELDS = {"id", "updated_by", "uploaded_by", "created_by", "answer", "inovasi"}


@dataclass
class Change:
    label: str
    old: object
    new: object


@dataclass
class Entry:
    at: datetime
    who: str
    action: str
    subject: str
    changes: list = field(default_factory=list)


def history_entries(inovasi):
    answer_ids = list(Answer.objects.filter(inovasi=inovasi).values_list("pk", flat=True))
    indicator_of = dict(Answer.objects.filter(pk__in=answer_ids).values_list("pk", "indicator__number"))
    entries = _entries(inovasi.history.select_related("history_user"), lambda record: str(_("Profile")))
    entries += _entries(
        Answer.history.filter(id__in=answer_ids).select_related("history_user", "indicator"),
        lambda record: str(_("Indicator %(number)s") % {"number": record.indicator.number}),
    )
    entries += _entries(
        Evidence.history.filter(answer_id__in=answer_ids).select_related("history_user"),
        lambda record: str(
            _("Evidence for indicator %(number)s") % {"number": indicator_of.get(record.answer_id, "?")}
        ),
    )
    entries += [_status_entry(change) for change in inovasi.status_changes.select_related("actor")]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _status_entry(change):
    changes = [Change(str(_("Status")), change.get_from_status_display(), change.get_to_status_display())]
    if change.note:
        changes.append(Change(str(StatusChange._meta.get_field("note").verbose_name), None, change.note))
    return Entry(
        at=change.created_at, who=str(change.actor), action=str(_("moved")), subject=str(_("Status")), changes=changes
    )


def _entries(records, subject_of):
    previous_by_id, entries = {}, []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous, previous_by_id[record.id] = previous_by_id.get(record.id), record
        changes = _changes(record, previous)
        if record.history_type == "~" and not changes:
            continue  # a save that changed no shown field (or only the status, kept as an event)
        entries.append(
            Entry(
                at=record.history_date,
                who=str(record.history_user or "—"),
                action=str(ACTIONS[record.history_type]),
                subject=subject_of(record),
                changes=changes,
            )
        )
    return entries


def _changes(record, previous):
    model = record.instance_type
    if previous is None:
        return [Change(_label(model, name), None, value) for name, value in _shown_values(record, model)]
    delta = record.diff_against(previous)
    return [
        Change(_label(model, c.field), _readable(model, c.field, c.old), _readable(model, c.field, c.new))
        for c in delta.changes
        if c.field not in HIDDEN_FIELDS
    ]


def _shown_values(record, model):
    for model_field in model._meta.concrete_fields:
        name = model_field.attname
        if model_field.name in HIDDEN_FIELDS or name in ("completeness", "updated_at", "created_at", "uploaded_at"):
            continue
        value = getattr(record, name, None)
        if value not in (None, ""):
            yield model_field.name, _readable(model, model_field.name, value)


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since the record was written
        return name


def _readable(model, name, value):
    """Foreign keys and many-to-many lists (urusan, Asta Cita) as names rather than numbers."""
    if isinstance(value, list):
        return _names(model, name, value)
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return value
    if isinstance(model_field, models.ForeignKey) and value is not None:
        related = model_field.related_model._default_manager.filter(pk=getattr(value, "pk", value)).first()
        return str(related) if related else value
    if model_field.choices and value is not None:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.FileField):
        return str(value).rsplit("/", 1)[-1] if value else "—"
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return value


def _names(model, name, rows):
    """simple-history's m2m diff value (one dict per through row) as the related rows' names."""
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # a field removed since the record was written
        return rows
    if not model_field.many_to_many:
        return rows  # a list stored in a JSON field is shown as it is
    key = model_field.m2m_reverse_field_name()
    related = model_field.related_model._default_manager.filter(pk__in=[row[key] for row in rows])
    return ", ".join(str(item) for item in related) or "—"
