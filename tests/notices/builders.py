"""Records the notices suites start from."""

from inovasi.models import Evidence
from tests.inovasi.factories import add_evidence, current_period, make_inovasi, sid_indicator

MANDATORY = (16, 17, 32, 33)


def submittable(personas):
    """A draft of OPD A with evidence on every mandatory indicator (35 a video link), ready to submit."""
    period = current_period()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period)
    for number in MANDATORY:
        add_evidence(inovasi, sid_indicator(period, number), personas.operator_a)
    video = add_evidence(inovasi, sid_indicator(period, 35), personas.operator_a)
    Evidence.objects.filter(pk=video.pk).update(kind="video", file="", url="https://youtu.be/abcdefghijk")
    return inovasi
