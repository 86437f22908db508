"""The mentoring risk score: each part shown, highest risk first."""

from datetime import timedelta

from django.utils import timezone

from inovasi.models import CommentThread, Inovasi, StatusChange
from inovasi.risk import opd_risks
from tests.inovasi.factories import current_period, make_inovasi, sid_indicator


def _parts(risks, opd):
    return next(risk.parts for risk in risks if risk.opd == opd)


def test_an_opd_without_innovations_scores_for_that_alone(personas):
    period = current_period()
    make_inovasi(personas.opd_a, personas.operator_a, period)
    risks = opd_risks(period)
    assert _parts(risks, personas.opd_b) == [("Belum ada inovasi", 3)]
    assert _parts(risks, personas.opd_a) == []
    assert [risk.opd for risk in risks] == [personas.opd_b, personas.opd_a]


def test_every_part_adds_up_and_is_shown(personas):
    period = current_period()
    period.entry_closes_at = timezone.now() + timedelta(days=3)
    period.save()
    stale = make_inovasi(personas.opd_a, personas.operator_a, period, name="Lama", dasar_hukum="pendek")
    Inovasi.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=20), completeness=20)
    returned = make_inovasi(personas.opd_a, personas.operator_a, period, name="Dua kali kembali")
    for _ in range(2):
        StatusChange.objects.create(
            inovasi=returned, from_status="direviu", to_status="dikembalikan", actor=personas.pendamping
        )
    CommentThread.objects.create(inovasi=returned, indicator=sid_indicator(period, 16), created_by=personas.pendamping)
    assert _parts(opd_risks(period), personas.opd_a) == [
        ("Draf tidak disentuh selama 14 hari", 1),
        ("Dikembalikan untuk revisi beberapa kali", 2),
        ("Inovasi yang kelengkapannya kurang dari setengah", 1),
        ("Komentar belum diselesaikan", 1),
        ("Tenggat dalam 7 hari dengan pekerjaan belum selesai", 2),
    ]
