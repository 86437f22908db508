"""Seeded records for the export tests: innovations ready to send, with evidence files and links."""

import datetime

from django.core.files.base import ContentFile

from inovasi.models import Answer, Evidence, Inovasi
from portal.catalogue.models import Urusan
from tests.inovasi.factories import MINIMAL_PDF, current_period, make_inovasi, sid_indicator


def ready(opd, user, period=None, **overrides):
    """An innovation in siap_kirim (set directly: the workflow has its own tests)."""
    inovasi = make_inovasi(opd, user, period or current_period(), **overrides)
    Inovasi.objects.filter(pk=inovasi.pk).update(status=Inovasi.Status.READY)
    inovasi.refresh_from_db()
    return inovasi


def add_file(inovasi, number, user, original_name, *, level=2, content=MINIMAL_PDF):
    answer = _answer(inovasi, number, level)
    evidence = Evidence(
        answer=answer,
        kind="pdf",
        subject="Bukti",
        document_number=f"100/{number}/2026",
        document_date=datetime.date(2026, 2, int(number) % 28 + 1),
        original_name=original_name,
        size=len(content),
        uploaded_by=user,
    )
    evidence.file.save("upload.pdf", ContentFile(content), save=True)
    return evidence


def add_link(inovasi, number, user, url, *, level=2):
    answer = _answer(inovasi, number, level)
    return Evidence.objects.create(answer=answer, kind="link", subject="Tautan", url=url, uploaded_by=user)


def _answer(inovasi, number, level):
    """The answer at `level`, verified at that level: siap kirim needs claim = verified everywhere."""
    indicator = sid_indicator(inovasi.period, number) if inovasi else None
    verdict = {"verification": Answer.Verification.OK, "verified_level": level}
    answer, _created = Answer.objects.update_or_create(
        inovasi=inovasi, indicator=indicator, defaults={"level": level, **verdict}
    )
    return answer


def seeded_pair(personas):
    """One ready innovation per OPD, each with a file and (A) a link, plus a draft of OPD A."""
    period = current_period()
    alpha = ready(
        personas.opd_a,
        personas.operator_a,
        period,
        name="Alpha Sehat",
        inisiator_name="Dr. Ani",
        video_url="https://video.example/alpha",
        permasalahan="Antrean panjang",
        trial_date=datetime.date(2025, 1, 10),
    )
    alpha.urusan_lain.set([Urusan.objects.get(name="Pendidikan"), Urusan.objects.get(name="Sosial")])
    add_file(alpha, 16, personas.operator_a, "SK-walikota.pdf")
    add_link(alpha, 16, personas.operator_a, "https://data.example/sk")
    add_file(alpha, 17, personas.operator_a, "laporan.pdf", level=3)
    beta = ready(personas.opd_b, personas.operator_b, period, name="Beta Puskesmas")
    add_file(beta, 16, personas.operator_b, "rahasia-b.pdf", level=1)
    make_inovasi(personas.opd_a, personas.operator_a, period, name="Gamma Draf")
    return period, alpha, beta
