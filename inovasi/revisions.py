"""Snapshots taken at each submission, and what changed between two of them."""

from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from inovasi.models import Answer, Evidence, Inovasi, Revision


def take_revision(inovasi, actor):
    number = (inovasi.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    return Revision.objects.create(inovasi=inovasi, number=number, snapshot=snapshot(inovasi), created_by=actor)


def snapshot(inovasi):
    """The profile as shown (names, not ids), and per indicator the level and the evidence list."""
    related = ("bidang", "tahapan", "inisiator", "jenis", "bentuk", "tematik", "urusan_utama")
    inovasi = Inovasi.objects.select_related(*related, "klasifikasi", "program_prioritas").get(pk=inovasi.pk)
    return {"profile": _profile(inovasi), "answers": _answers(inovasi)}


def _profile(inovasi):
    values = {}
    for name in Inovasi.PROFILE_FIELDS:
        if name in ("urusan_lain", "asta_cita"):
            values[name] = ", ".join(sorted(str(item) for item in getattr(inovasi, name).all()))
        else:
            value = getattr(inovasi, name)
            values[name] = "" if value is None else str(value)
    return values


def _answers(inovasi):
    evidence = {}
    for item in Evidence.objects.filter(answer__inovasi=inovasi).order_by("uploaded_at", "id"):
        evidence.setdefault(item.answer_id, []).append(_evidence_label(item))
    return {
        answer.indicator.number: {"level": answer.level, "note": answer.note, "evidence": evidence.get(answer.pk, [])}
        for answer in Answer.objects.filter(inovasi=inovasi).select_related("indicator")
    }


def _evidence_label(item):
    source = item.original_name or item.url
    details = " · ".join(str(part) for part in (item.subject, item.document_number, item.document_date) if part)
    return f"{source} ({details})"


@dataclass(frozen=True)
class Difference:
    where: str
    old: object
    new: object


def differences(older, newer):
    """Field by field, what `newer` changed compared with `older` (either may be None)."""
    old, new = (older.snapshot if older else {}), newer.snapshot
    return _profile_differences(old.get("profile", {}), new["profile"]) + _answer_differences(
        old.get("answers", {}), new["answers"]
    )


def _profile_differences(old, new):
    labels = {name: Inovasi._meta.get_field(name).verbose_name for name in Inovasi.PROFILE_FIELDS}
    return [
        Difference(str(labels.get(name, name)), old.get(name, ""), new.get(name, ""))
        for name in Inovasi.PROFILE_FIELDS
        if old.get(name, "") != new.get(name, "")
    ]


def _answer_differences(old, new):
    found = []
    for number in sorted(set(old) | set(new), key=_indicator_order):
        before, after = old.get(number, {}), new.get(number, {})
        for part, label in (("level", _("level")), ("note", _("note")), ("evidence", _("evidence"))):
            if before.get(part) != after.get(part):
                where = _("Indicator %(number)s, %(part)s") % {"number": number, "part": label}
                found.append(Difference(str(where), _readable(before.get(part)), _readable(after.get(part))))
    return found


def _indicator_order(number):
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits or 0), number)


def _readable(value):
    if isinstance(value, list):
        return "; ".join(value) or "—"
    return "—" if value in (None, "") else value
