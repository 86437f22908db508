"""Innovation records for tests, created directly through the ORM."""

import datetime
import io
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from PIL import Image

from inovasi.completeness import refresh_completeness
from inovasi.models import Answer, Evidence, Inovasi, InovasiPhoto
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


def current_period(open_window=True):
    """The seeded current period (IGA 2026), with its entry window open around now."""
    period = Period.objects.current()
    if open_window:
        now = timezone.now().replace(microsecond=0)
        period.status = Period.Status.OPEN
        period.entry_opens_at, period.entry_closes_at = now - timedelta(days=1), now + timedelta(days=30)
        period.save()
    return period


def option(kind, code):
    return ReferenceOption.objects.get(kind=kind, code=code)


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
    inovasi = Inovasi.objects.create(
        period=period or current_period(), opd=opd, created_by=user, **profile_values(**overrides)
    )
    refresh_completeness(inovasi)
    return inovasi


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


def add_photo(inovasi):
    photo = InovasiPhoto(inovasi=inovasi, caption="Foto kegiatan")
    photo.image.save("upload.png", ContentFile(png_bytes()), save=True)
    return photo


def post_data(**overrides):
    """A complete, valid profile as the browser posts it: FKs as pks, dates as YYYY-MM-DD."""
    data = {}
    for name, value in profile_values(**overrides).items():
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
