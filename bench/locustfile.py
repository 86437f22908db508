"""The load scenario of bench/load.py: signed-in users of every kind, on loopback.

Run by bench/load.py (which builds the database, the sessions and the servers); by hand:

    BENCH_LOAD_USERS=users.json locust -f bench/locustfile.py --headless -u 30 -r 10 -t 3m --host http://127.0.0.1:8000

Users file (JSON): {"operator": [...], "pendamping": [...], "pimpinan": [...]}, each entry
{"session": <sessionid>, ...}; operators also carry "drafts": [{"inovasi": pk, "indicators": [pk, …],
"pdf_indicators": [pk, …], "bases": {indicator pk: basis}}] of their own OPD's draft innovations.

The mix, by the weights below (operators 5 : pendamping 3 : pimpinan 2, each with its own tasks):
browsing lists 60 % (innovation list with filters, review queue, notices), editing forms 20 %
(an operator saving a claimed level of its own draft), uploading a 1 MB PDF as evidence 10 %,
dashboards 10 % (pendamping's and pimpinan's home, /dasbor/pimpinan/). Think time 5-15 s.

The portal runs on production settings: cookies are Secure, so they are sent by hand (the proxy
of production would see HTTPS; here X-Forwarded-Proto says so), and POSTs carry a Referer of the
same origin as Django's CSRF check wants for HTTPS.
"""

import itertools
import json
import os
import random
import secrets
import threading
from pathlib import Path

from locust import HttpUser, between, task

_USERS = json.loads(Path(os.environ["BENCH_LOAD_USERS"]).read_text()) if os.environ.get("BENCH_LOAD_USERS") else {}
_COUNTERS = {role: itertools.count() for role in ("operator", "pendamping", "pimpinan")}
_LOCK = threading.Lock()
THINK = (float(os.environ.get("BENCH_LOAD_THINK_MIN", 5)), float(os.environ.get("BENCH_LOAD_THINK_MAX", 15)))

STATUSES = ("draft", "diajukan", "direviu", "dikembalikan", "disetujui")
SEARCHES = ("layanan", "digital", "kesehatan", "sekolah", "warga")


def one_mb_pdf():
    """A valid PDF of ~1 MB: the upload check's header and %%EOF, a page, and a stream of padding."""
    padding = b"0123456789abcdef" * (1024 * 1024 // 16)
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
        b"4 0 obj<</Length " + str(len(padding)).encode() + b">>stream\n" + padding + b"\nendstream endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


PDF = one_mb_pdf()


class _Portal(HttpUser):
    abstract = True
    role = ""
    wait_time = between(*THINK)

    def on_start(self):
        pool = _USERS[self.role]
        with _LOCK:
            self.identity = pool[next(_COUNTERS[self.role]) % len(pool)]
        self.csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret Django accepts as cookie and field
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "Cookie": f"sessionid={self.identity['session']}; csrftoken={self.csrf}",
            }
        )

    def get(self, path, name=None, **kwargs):
        with self.client.get(path, name=name or path, allow_redirects=False, catch_response=True, **kwargs) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

    def post(self, path, name, data, files=None):
        headers = {"Referer": f"https://{self.host.split('://', 1)[1]}{path}"}
        data = {**data, "csrfmiddlewaretoken": self.csrf}
        with self.client.post(
            path, name=name, data=data, files=files, headers=headers, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != 302:  # saved: the view redirects back to the page
                r.failure(f"status {r.status_code}")

    def innovation_list(self):
        filters = random.choice(
            [
                {},
                {"status": random.choice(STATUSES)},
                {"q": random.choice(SEARCHES)},
                {"status": random.choice(STATUSES), "ordering": "-updated"},
                {"completeness_min": "50", "ordering": "completeness"},
            ]
        )
        self.get("/inovasi/", name="/inovasi/?[filters]", params=filters)

    def notices(self):
        self.get("/notifikasi/")


class Operator(_Portal):
    """OPD operators: browse their list, save claimed levels, upload evidence."""

    role = "operator"
    weight = 5

    def _draft(self):
        return random.choice(self.identity["drafts"])

    @task(3)
    def browse_list(self):
        self.innovation_list()

    @task(1)
    def browse_notices(self):
        self.notices()

    @task(4)
    def edit_answer(self):
        draft = self._draft()
        page = f"/inovasi/{draft['inovasi']}/indikator/"
        self.get(page, name="/inovasi/[id]/indikator/")
        indicator = random.choice(draft["indicators"])
        basis = draft.get("bases", {}).get(str(indicator), "")
        self.post(
            f"{page}{indicator}/",
            "/inovasi/[id]/indikator/[id]/ (claimed level)",
            {"level": str(random.randint(0, 3)), "note": "Diperbarui saat uji beban.", "basis": basis},
        )

    @task(2)
    def upload_evidence(self):
        draft = self._draft()
        indicator = random.choice(draft["pdf_indicators"])
        self.post(
            f"/inovasi/{draft['inovasi']}/indikator/{indicator}/bukti/",
            "/inovasi/[id]/indikator/[id]/bukti/ (1 MB PDF)",
            {"subject": "SK Inovasi (uji beban)", "document_number": "050/123/419.40/2026", "document_date": ""},
            files={"file": ("sk-inovasi.pdf", PDF, "application/pdf")},
        )


class Pendamping(_Portal):
    """Bappeda mentors: the review queue, the filtered list, notices, their dashboard."""

    role = "pendamping"
    weight = 3

    @task(2)
    def browse_list(self):
        self.innovation_list()

    @task(2)
    def review_queue(self):
        self.get("/reviu/")

    @task(1)
    def browse_notices(self):
        self.notices()

    @task(1)
    def dashboard(self):
        self.get("/", name="/ (pendamping home)")


class Pimpinan(_Portal):
    """City leadership: read-only lists and the leadership dashboard."""

    role = "pimpinan"
    weight = 2

    @task(2)
    def browse_list(self):
        self.innovation_list()

    @task(1)
    def browse_notices(self):
        self.notices()

    @task(1)
    def dashboard(self):
        if random.random() < 0.5:
            self.get("/", name="/ (pimpinan home)")
        else:
            self.get("/dasbor/pimpinan/")
