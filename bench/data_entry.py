"""Data-entry benchmark: the server time of one in-place indicator save against the full-page save it replaces.

    make bench-entry
    .venv/bin/python bench/data_entry.py [saves-per-kind]

In a fresh database (iid_bench_entry) on production settings (DEBUG off, a Redis of its own), an operator
saves indicator cards of a new innovation through Django's handler (no network, so the figure is the
server's time): a level change, and a level with a new PDF. Each is sent in place (htmx: the card, the jump
list and the summary come back) and the old way (a redirect, then the whole indicators page the browser
reloads). Printed: median and p95 of each, and the ratio between them (measured in the same run, so the
machine's speed cancels out). The target is an in-place save's p95 at or below 150 ms.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scoring import _calibration, _setup  # noqa: E402

TARGET_P95_MS = 150


def main(argv):
    saves = int(argv[1]) if len(argv) > 1 else 60
    with tempfile.TemporaryDirectory() as directory:
        from tests.workers import RedisServer

        redis = RedisServer(directory)
        redis.start()
        try:
            _setup("entry", redis.url)
            from django.core.management import call_command

            call_command("collectstatic", interactive=False, verbosity=0)  # production serves hashed names
            _measure(saves)
        finally:
            redis.stop()
    return 0


def _operator_with_a_draft():
    from django.test import Client

    from tests.inovasi.factories import current_period, make_inovasi
    from tests.personas import Personas

    personas = Personas.create()
    period = current_period()
    inovasi = make_inovasi(personas.opd_a, personas.operator_a, period)
    client = Client()
    client.force_login(personas.operator_a)
    indicators = [
        i for i in period.indicators.filter(scope="sid").order_by("order") if "pdf" in i.evidence_kinds and not i.bases
    ]
    return client, inovasi, indicators


def _timed_ms(function):
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def _saver(client, inovasi, indicators, *, in_place, with_pdf):
    """A function saving the next card (levels alternate, so every save changes something)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.inovasi.factories import MINIMAL_PDF

    headers = {"HTTP_HX_REQUEST": "true"} if in_place else {}
    page = reverse("inovasi-indicators", args=[inovasi.pk])
    count = [0]

    def save():
        count[0] += 1
        indicator = indicators[count[0] % len(indicators)]
        data = {"level": str(1 + count[0] % 3), "note": ""}
        if with_pdf:
            data |= {"subject": "SK", "file": SimpleUploadedFile("sk.pdf", MINIMAL_PDF, "application/pdf")}
        url = reverse("inovasi-answer", args=[inovasi.pk, indicator.pk])
        response = client.post(url, data, secure=True, **headers)
        if in_place:
            assert response.status_code == 200, response.status_code
        else:
            assert response.status_code == 302, response.status_code
            assert client.get(page, secure=True).status_code == 200  # the reload the browser makes

    return save


def _figures(save, runs):
    save()  # warm: templates, the first session read
    times = sorted(_timed_ms(save) for _ in range(runs))
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def _measure(saves):
    client, inovasi, indicators = _operator_with_a_draft()
    print(f"calibration: {_calibration():.0f} ms (a fixed Python loop; absolute figures move with it)")
    print(f"{saves} saves per kind, server time through Django's handler, PostgreSQL, production settings")
    verdicts = []
    for label, with_pdf in (("level", False), ("level + PDF", True)):
        old = _figures(_saver(client, inovasi, indicators, in_place=False, with_pdf=with_pdf), saves)
        new = _figures(_saver(client, inovasi, indicators, in_place=True, with_pdf=with_pdf), saves)
        print(
            f"{label:12} in place: median {new[0]:6.1f} ms, p95 {new[1]:6.1f} ms | "
            f"full page (redirect + reload): median {old[0]:6.1f} ms, p95 {old[1]:6.1f} ms | "
            f"ratio p95 {new[1] / old[1]:.2f}"
        )
        verdicts.append(new[1] <= TARGET_P95_MS)
    print(f"target: in-place p95 <= {TARGET_P95_MS} ms: {'met' if all(verdicts) else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
