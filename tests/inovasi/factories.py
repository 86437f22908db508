"""Innovation records for tests, created directly through the ORM."""

import datetime
import io
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from PIL import Image

from inovasi.completeness import refresh_completeness
from inovasi.models import Answer, Evidence, Inovasi, InovasiPhoto, SharedDocument
from inovasi.profile import save_profile
from portal.catalogue.models import Period, ReferenceOption, Urusan

WORDS_300 = " ".join(["kata"] * 300)

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def current_period(open_window=True, endorsement=False):
    """The seeded current period (IGA 2026), with its entry window open around now.

    The kepala OPD's endorsement (on in the seeded period, as in the field) is switched off unless
    asked for: most tests are about Bappeda's part of the workflow, and an operator's submission
    then reaches Bappeda at once. tests/inovasi/test_endorsement.py covers the endorsement.
    """
    period = Period.objects.current()
    changed = period.kepala_endorsement != endorsement
    period.kepala_endorsement = endorsement
    if open_window:
        now = timezone.now().replace(microsecond=0)
        period.status = Period.Status.OPEN
        period.entry_opens_at, period.entry_closes_at = now - timedelta(days=1), now + timedelta(days=30)
    if open_window or changed:
        period.save()
    return period


def option(kind, code, period=None):
    """A shared option, or with `period` one of that period's own lists (2026's klasifikasi, Asta Cita ...)."""
    return ReferenceOption.objects.get(kind=kind, code=code, period=period)


def item_values(period):
    """The extra items `period`'s form asks for, filled in (2026 asks them all, 2023 none).

    The HAKI and award documents are optional and left out; Asta Cita, many-to-many, is `asta_cita(period)`.
    """
    values = {}
    if period.asks("lokasi"):
        values.update(latitude=Decimal("-7.816600"), longitude=Decimal("112.011100"), address="Jl. Basuki Rahmat 15")
    if period.asks("klasifikasi"):
        values["klasifikasi"] = option("klasifikasi", "pengembangan", period)
    if period.asks("program_prioritas"):
        values["program_prioritas"] = option("program_prioritas", "ckg", period)
    return values


def asta_cita(period):
    """Two of the eight Asta Cita when `period` asks for them, else none."""
    if not period.asks("asta_cita"):
        return []
    return list(ReferenceOption.objects.filter(kind="asta_cita", period=period, code__in=["ac4", "ac7"]))


def profile_values(**overrides):
    """Every field of a complete, valid profile."""
    values = {
        "name": "Layanan Uji Coba",
        "tahapan": option("tahapan", "penerapan"),
        "inisiator": option("inisiator", "opd"),
        "jenis": option("jenis", "digital"),
        "bentuk": option("bentuk", "pelayanan_publik"),
        "tematik": option("tematik", "digitalisasi_layanan"),
        "urusan_utama": Urusan.objects.get(name="Kesehatan"),
        "trial_date": datetime.date(2025, 1, 10),
        "implementation_date": datetime.date(2025, 6, 1),
        "dasar_hukum": WORDS_300,
        "tujuan": "Tujuan",
        "manfaat": "Manfaat",
        "hasil": "Hasil",
    }
    return {**values, **overrides}


def make_inovasi(opd, user, period=None, **overrides):
    """A complete profile of `period` (default: the open current one), with the items the period asks for.

    Saved like the profile form saves (inovasi.profile.save_profile): one history row, Asta Cita included.
    """
    period = period or current_period()
    chosen = overrides.pop("asta_cita", None)
    inovasi = Inovasi(period=period, opd=opd, created_by=user, **{**item_values(period), **profile_values(**overrides)})
    return save_profile(inovasi, m2m=lambda saved: saved.asta_cita.set(asta_cita(period) if chosen is None else chosen))


def sid_indicator(period, number):
    return period.indicators.get(scope="sid", number=str(number))


def add_evidence(inovasi, indicator, user, *, level=3, content=MINIMAL_PDF):
    answer, _created = Answer.objects.update_or_create(inovasi=inovasi, indicator=indicator, defaults={"level": level})
    evidence = Evidence(
        answer=answer, kind="pdf", subject="SK Inovasi", original_name="sk.pdf", size=len(content), uploaded_by=user
    )
    evidence.file.save("upload.pdf", ContentFile(content), save=True)
    if inovasi:
        refresh_completeness(inovasi)
    return evidence


def add_shared_document(period, opd, user, *, subject="SK Wali Kota Inovasi Daerah", content=MINIMAL_PDF):
    """A shared document of `opd` (None: the city's) in the library, not attached anywhere."""
    document = SharedDocument(
        period=period,
        opd=opd,
        kind="pdf",
        subject=subject,
        document_number="188.45/123/419.033/2026",
        original_name="sk-walikota.pdf",
        size=len(content),
        uploaded_by=user,
    )
    document.file.save("upload.pdf", ContentFile(content), save=True)
    return document


def add_photo(inovasi):
    photo = InovasiPhoto(inovasi=inovasi, caption="Foto kegiatan")
    photo.image.save("upload.png", ContentFile(png_bytes()), save=True)
    return photo


def post_data(**overrides):
    """A complete, valid profile of the current period as the browser posts it: FKs as pks, dates as YYYY-MM-DD."""
    period = Period.objects.current()
    data = {}
    values = {**item_values(period), "asta_cita": asta_cita(period), **profile_values(**overrides)}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, models.Model):
            data[name] = value.pk
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        elif isinstance(value, list | tuple):
            data[name] = [item.pk for item in value]
        else:
            data[name] = value
    return data


def media_files():
    """Every file under MEDIA_ROOT (relative, as storage names), to prove a refused upload left nothing."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
