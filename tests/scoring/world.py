"""A small hand-worked world for scoring tests (IGA 2026 catalogue; numbers worked in the comments)."""

from django.utils import timezone

from inovasi.models import Answer, Inovasi
from portal.catalogue.models import Urusan
from scoring import recompute
from tests.inovasi.factories import add_evidence, current_period, make_inovasi, sid_indicator

S = Inovasi.Status


def answer(inovasi, number, level, user, *, evidence=True, verified=None):
    """Claim `level` on indicator `number` (with one PDF unless told not) and optionally a verdict."""
    indicator = sid_indicator(inovasi.period, number)
    if evidence:
        add_evidence(inovasi, indicator, user, level=level)
    else:
        Answer.objects.update_or_create(inovasi=inovasi, indicator=indicator, defaults={"level": level})
    if verified is not None:
        Answer.objects.filter(inovasi=inovasi, indicator=indicator).update(
            verification=Answer.Verification.OK, verified_level=verified, verified_at=timezone.now()
        )


def with_status(inovasi, status):
    Inovasi.objects.filter(pk=inovasi.pk).update(status=status)
    inovasi.status = status
    return inovasi


def build(personas):
    """Four innovations:

    X (OPD A, approved): 16 (bobot 3) level 3 verified 2; 35 (bobot 4) level 2 verified 2;
      17 (bobot 2) level 3 verified 3 but without evidence → claimed 9 + 8 = 17, verified 6 + 8 = 14.
    Y (OPD B, submitted): 16 level 1 → claimed 3, verified 0 (not reviewed).
    Z (OPD A, sent and rejected nationally): 16 level 3 → 9 claimed, but a rejected innovation adds 0;
      it was reported, so it still counts in n (a locally rejected one would not).
    D (OPD B, draft): 16 level 1 → not counted anywhere.
    Every one is in urusan Kesehatan: 1 of the 6 basic services, so no count score in 2026.
    """
    period = current_period()
    user = personas.operator_a
    x = make_inovasi(personas.opd_a, user, period, name="X")
    answer(x, 16, 3, user, verified=2)
    answer(x, 35, 2, user, verified=2)
    answer(x, 17, 3, user, evidence=False, verified=3)
    y = make_inovasi(personas.opd_b, personas.operator_b, period, name="Y")
    answer(y, 16, 1, personas.operator_b)
    z = make_inovasi(personas.opd_a, user, period, name="Z")
    answer(z, 16, 3, user)
    d = make_inovasi(personas.opd_b, personas.operator_b, period, name="D")
    answer(d, 16, 1, personas.operator_b)
    personas.period = period
    personas.x, personas.y = with_status(x, S.APPROVED), with_status(y, S.SUBMITTED)
    Inovasi.objects.filter(pk=z.pk).update(national_outcome=Inovasi.NationalOutcome.REJECTED)
    personas.z, personas.d = with_status(z, S.SENT), d
    return personas


def scored(personas):
    """The world with its scores computed from scratch and stored, as the recompute does."""
    built = build(personas)
    recompute.run(built.period.pk, full=True)
    return built


def kesehatan():
    return Urusan.objects.get(name="Kesehatan")
