"""An operator's forms change only their own fields: posted owner, status, scores or verdicts are ignored."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse

from inovasi.models import Answer, Evidence, Inovasi
from portal.catalogue.models import Period
from tests.inovasi.factories import MINIMAL_PDF
from tests.security.scenarios import _profile

PROTECTED = {
    "opd": "{opd_b}",
    "status": "disetujui",
    "score": "99",
    "maturity": "sangat_inovatif",
    "verified_level": "3",
    "verification": "sesuai",
    "verified_by": "{admin}",
    "national_outcome": "diterima",
    "national_score": "100",
    "completeness": "100",
    "created_by": "{admin}",
    "uploaded_by": "{admin}",
    "updated_by": "{admin}",
    "deleted_at": "2026-01-01T00:00:00Z",
    "period": "{old_period}",
    "kind": "video",
    "size": "1",
}
INOVASI_GUARDED = [
    "opd",
    "status",
    "national_outcome",
    "national_score",
    "completeness",
    "created_by",
    "deleted_at",
    "period",
]


def _attack(records_of_every_kind):
    values = {
        "opd_b": records_of_every_kind.opd_b.pk,
        "admin": records_of_every_kind.admin.pk,
        "old_period": records_of_every_kind.inovasi_old_a.period_id,
    }
    return {name: value.format(**values) for name, value in PROTECTED.items()}


def _stored(model, pk, names):
    row = model_to_dict(model.objects.get(pk=pk))
    return {name: row.get(name) for name in names if name in row}


def test_profile_create_and_edit_ignore_protected_fields(client, records_of_every_kind):
    client.force_login(records_of_every_kind.operator_a)
    before = _stored(Inovasi, records_of_every_kind.inovasi_a.pk, INOVASI_GUARDED)
    response = client.post(
        reverse("inovasi-edit", args=[records_of_every_kind.inovasi_a.pk]),
        {**_profile(records_of_every_kind), **_attack(records_of_every_kind)},
    )
    assert response.status_code == 302
    after = _stored(Inovasi, records_of_every_kind.inovasi_a.pk, INOVASI_GUARDED)
    assert {k: v for k, v in after.items() if k != "completeness"} == {
        k: v for k, v in before.items() if k != "completeness"
    }
    assert after["completeness"] < 100  # computed from the record, not taken from the form
    client.post(reverse("inovasi-create"), {**_profile(records_of_every_kind), **_attack(records_of_every_kind)})
    created = Inovasi.objects.order_by("-pk").first()
    assert (created.opd, created.status, created.created_by, created.deleted_at, created.period) == (
        records_of_every_kind.opd_a,
        "draft",
        records_of_every_kind.operator_a,
        None,
        Period.objects.current(),
    )
    assert (created.national_outcome, created.national_score) == ("", None)


def test_answer_form_changes_only_level_and_note(client, records_of_every_kind):
    client.force_login(records_of_every_kind.operator_a)
    answer = records_of_every_kind.evidence_a.answer
    guarded = ["verification", "verified_level", "verified_by", "inovasi", "indicator"]
    before = _stored(Answer, answer.pk, guarded)
    url = reverse("inovasi-answer", args=[records_of_every_kind.inovasi_a.pk, records_of_every_kind.sid_indicator.pk])
    client.post(url, {"level": "3", "note": "-", **_attack(records_of_every_kind)})
    answer.refresh_from_db()
    assert (answer.level, answer.updated_by) == (3, records_of_every_kind.operator_a)
    assert _stored(Answer, answer.pk, guarded) == before


def test_evidence_form_sets_owner_kind_and_size_itself(client, records_of_every_kind):
    client.force_login(records_of_every_kind.operator_a)
    url = reverse(
        "inovasi-evidence-add", args=[records_of_every_kind.inovasi_a.pk, records_of_every_kind.sid_indicator.pk]
    )
    client.post(
        url, {"subject": "SK", "file": SimpleUploadedFile("sk.pdf", MINIMAL_PDF), **_attack(records_of_every_kind)}
    )
    evidence = Evidence.objects.order_by("-pk").first()
    assert (evidence.uploaded_by, evidence.kind, evidence.size, evidence.answer.inovasi) == (
        records_of_every_kind.operator_a,
        "pdf",
        len(MINIMAL_PDF),
        records_of_every_kind.inovasi_a,
    )
    answer = evidence.answer
    assert (answer.verified_level, answer.verified_by) == (None, None)
