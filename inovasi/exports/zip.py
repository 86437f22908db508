"""Evidence archives, streamed with zipstream-ng: files are read from storage as the archive is sent."""

import re
import unicodedata

from django.db.models import Sum
from zipstream import ZipStream

from inovasi.exports.scope import sid_indicators, with_evidence
from inovasi.models import Evidence, Inovasi
from inovasi.uploads import download_name

CHUNK = 64 * 1024
UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def safe_name(text, limit=100):
    """A file or folder name every operating system accepts: no separators, controls or reserved characters."""
    cleaned = UNSAFE.sub("_", unicodedata.normalize("NFC", str(text))).strip(" .")
    return cleaned[:limit].strip(" .") or "_"


def _chunks(field_file):
    """Opened only when the archive reaches this entry, so nothing is held in memory."""
    with field_file.storage.open(field_file.name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _unique(name, taken):
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{stem} ({number}).{extension}" if dot else f"{name} ({number})"
        number += 1
    taken.add(candidate)
    return candidate


def add_inovasi(stream, inovasi, indicators, prefix=""):
    """Add one innovation's evidence files under `prefix`, and its links in links.txt.

    A shared document attached to an answer is added as that innovation's own file (Evidence.document).
    """
    titles = {item.pk: f"{safe_name(item.number, 10)} - {safe_name(item.name)}" for item in indicators}
    order = {pk: position for position, pk in enumerate(titles)}
    taken, links = set(), []
    for answer in sorted(inovasi.answers.all(), key=lambda answer: order[answer.indicator_id]):
        for evidence in answer.evidence.all():
            if evidence.url:
                links.append(f"{titles[answer.indicator_id]}: {evidence.url}")
            elif (document := evidence.document).file:
                readable = download_name(document.original_name, document.file.name)  # typed by content
                name = _unique(f"{prefix}{titles[answer.indicator_id]}/{safe_name(readable)}", taken)
                stream.add(_chunks(document.file), name)
    if links:
        stream.add("\n".join(links) + "\n", f"{prefix}links.txt")


def inovasi_folder(inovasi):
    return f"{inovasi.pk} - {safe_name(inovasi.name, 80)}/"


def inovasi_archive(inovasi):
    indicators = sid_indicators(inovasi.period)
    loaded = with_evidence(Inovasi.objects.filter(pk=inovasi.pk), indicators).get()
    stream = ZipStream()
    add_inovasi(stream, loaded, indicators)
    return stream


def _opd_inovasi(access, opd, period):
    return Inovasi.objects.visible_to(access).for_period(period).filter(opd=opd)


def opd_file_bytes(access, opd, period):
    """The evidence bytes an OPD archive will hold (one query), to report a job's progress."""
    files = Evidence.objects.filter(
        answer__inovasi__in=_opd_inovasi(access, opd, period), answer__indicator__in=sid_indicators(period)
    ).exclude(file="", shared__isnull=True)  # an attachment carries its shared document's size
    return files.aggregate(total=Sum("size"))["total"] or 0


def opd_archive(access, opd, period):
    """Every innovation of `opd` in `period` that the user may read, one folder each."""
    indicators = sid_indicators(period)
    queryset = _opd_inovasi(access, opd, period).order_by("name", "id")
    stream = ZipStream()
    for inovasi in with_evidence(queryset, indicators):
        add_inovasi(stream, inovasi, indicators, prefix=inovasi_folder(inovasi))
    return stream
