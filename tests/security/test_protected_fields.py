"""An operator's forms change only their own fields: posted owner, status, scores or verdicts are ignored."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse

from inovasi.models import Answer, Evidence, Inovasi
from scoring.models import Period
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


def _attack(world):
    values = {"opd_b": world.opd_b.pk, "admin": world.admin.pk, "old_period": world.inovasi_old_a.period_id}
    return {name: value.format(**values) for name, value in PROTECTED.items()}


def _stored(model, pk, names):
    row = model_to_dict(model.objects.get(pk=pk))
    return {name: row.get(name) for name in names if name in row}


def test_profile_create_and_edit_ignore_protected_fields(client, world):
    client.force_login(world.operator_a)
    before = _stored(Inovasi, world.inovasi_a.pk, INOVASI_GUARDED)
    response = client.post(reverse("inovasi-edit", args=[world.inovasi_a.pk]), {**_profile(world), **_attack(world)})
    assert response.status_code == 302
    after = _stored(Inovasi, world.inovasi_a.pk, INOVASI_GUARDED)
    assert {k: v for k, v in after.items() if k != "completeness"} == {
        k: v for k, v in before.items() if k != "completeness"
    }
    assert after["completeness"] < 100  # computed from the record, not taken from the form
    client.post(reverse("inovasi-create"), {**_profile(world), **_attack(world)})
    created = Inovasi.objects.order_by("-pk").first()
    assert (created.opd, created.status, created.created_by, created.deleted_at, created.period) == (
        world.opd_a,
        "draft",
        world.operator_a,
        None,
        Period.objects.current(),
    )
    assert (created.national_outcome, created.national_score) == ("", None)


def test_answer_form_changes_only_level_and_note(client, world):
    client.force_login(world.operator_a)
    answer = world.evidence_a.answer
    guarded = ["verification", "verified_level", "verified_by", "inovasi", "indicator"]
    before = _stored(Answer, answer.pk, guarded)
    url = reverse("inovasi-answer", args=[world.inovasi_a.pk, world.sid_indicator.pk])
    client.post(url, {"level": "3", "note": "-", **_attack(world)})
    answer.refresh_from_db()
    assert (answer.level, answer.updated_by) == (3, world.operator_a)
    assert _stored(Answer, answer.pk, guarded) == before


def test_evidence_form_sets_owner_kind_and_size_itself(client, world):
    client.force_login(world.operator_a)
    url = reverse("inovasi-evidence-add", args=[world.inovasi_a.pk, world.sid_indicator.pk])
    client.post(url, {"subject": "SK", "file": SimpleUploadedFile("sk.pdf", MINIMAL_PDF), **_attack(world)})
    evidence = Evidence.objects.order_by("-pk").first()
    assert (evidence.uploaded_by, evidence.kind, evidence.size, evidence.answer.inovasi) == (
        world.operator_a,
        "pdf",
        len(MINIMAL_PDF),
        world.inovasi_a,
    )
    answer = evidence.answer
    assert (answer.verified_level, answer.verified_by) == (None, None)
