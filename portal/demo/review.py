"""The demo's review history and mentoring, for `manage.py seed_demo`.

Each IGA 2026 innovation whose planned status is beyond draft is created as a complete draft (see
portal.demo.innovations) and then taken to that status through the app's own code: `transition()` for every move,
`verify()` for the per-indicator verdicts, comment threads notified with `notify.comment_posted`. So
the status history, the revisions, the review queue and the inboxes hold what the app itself writes.

The app stamps these rows with the current time. Afterwards every row a step wrote gets that step's
time on a plausible timeline within the last 40 days (a queryset update: auto_now_add fields cannot
be given a value at creation), so the queue shows realistic waiting days.

Everything is drawn from a generator seeded per innovation: every run replays the same history.
"""

import datetime
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from inovasi import notify
from inovasi.models import (
    Answer,
    Comment,
    CommentThread,
    Evidence,
    FollowUp,
    HelpRequest,
    Inovasi,
    MentorAssignment,
    MentoringCase,
    MentoringSession,
    Revision,
    StatusChange,
)
from inovasi.reconcile import differing, lower_claim
from inovasi.verification import reset_verification, verify
from inovasi.workflow import transition
from portal.notices import send
from portal.notices.models import Notice

S = Inovasi.Status
V = Answer.Verification
FLAGS = (V.NEEDS_FIX, V.NOT_OK)
HISTORY_DAYS = 40  # the replayed steps fall within the last 1-40 days
WORK_HOURS = (8, 16)
JAKARTA = ZoneInfo("Asia/Jakarta")
# The history tables, reached once: `Model.history` builds a new manager class on every access.
INOVASI_HISTORY = Inovasi.history.model._default_manager
ANSWER_HISTORY = Answer.history.model._default_manager
EVIDENCE_HISTORY = Evidence.history.model._default_manager

# How often an innovation was returned once, fixed and submitted again before reaching its status.
ROUND_TRIP_CHANCE = {
    S.SUBMITTED: 0.2,
    S.IN_REVIEW: 0.25,
    S.RETURNED: 0.3,
    S.APPROVED: 0.3,
    S.READY: 0.3,
    S.SENT: 0.3,
    S.REJECTED: 0.2,
}

RETURN_NOTES = (
    "Mohon perbaiki bukti dukung pada indikator yang kami beri catatan, lalu ajukan kembali.",
    "Beberapa klaim level belum didukung dokumen yang memadai. Silakan lihat komentar pada tiap indikator.",
    "Rancang bangun sudah baik, tetapi bukti dukung beberapa indikator perlu diganti dengan dokumen resmi "
    "yang ditandatangani dan distempel.",
    "Level yang diklaim pada beberapa indikator lebih tinggi dari yang dibuktikan. Mohon sesuaikan level "
    "atau lengkapi dokumennya.",
)
REJECT_NOTES = (
    "Inovasi belum diterapkan secara nyata dan bukti dukung belum menunjukkan hasil, sehingga belum dapat "
    "diusulkan pada periode ini.",
    "Inovasi ini sama dengan inovasi yang sudah diusulkan perangkat daerah lain; mohon digabungkan.",
)
RESUBMIT_NOTES = (
    "Sudah kami perbaiki sesuai catatan pendamping.",
    "Bukti dukung dan level indikator sudah kami sesuaikan.",
    "",
)
APPROVE_NOTES = ("", "", "Seluruh indikator sudah diverifikasi dan bukti dukung memadai.")
SEND_NOTE = "Sudah diinput ke aplikasi Indeks Inovasi Daerah Kemendagri."
REVIEW_COMMENTS = (
    "Bukti dukung indikator {number} belum menunjukkan level {level} yang diklaim; yang terbukti baru "
    "level {verified}. Mohon lengkapi dokumennya atau sesuaikan levelnya.",
    "Nomor dan tanggal dokumen pada indikator {number} tidak sama dengan isi berkas yang diunggah. "
    "Mohon diperiksa kembali.",
    "Dokumen indikator {number} masih berupa draf tanpa tanda tangan dan stempel. Mohon unggah versi final.",
    "Untuk indikator {number}, mohon tambahkan data capaian dua tahun terakhir agar klaim level {level} "
    "dapat diverifikasi.",
)
OPERATOR_REPLIES = (
    "Baik, dokumen yang sudah ditandatangani akan kami unggah ulang minggu ini.",
    "Terima kasih atas masukannya. Levelnya sudah kami sesuaikan dengan bukti yang ada.",
    "Mohon arahan, apakah notulen rapat dapat dipakai sebagai bukti dukung untuk indikator ini?",
    "Siap, data capaian tahun lalu sedang kami minta dari bidang terkait.",
)
CLOSING_COMMENT = "Sudah sesuai, terima kasih. Catatan ini kami tandai selesai."


@dataclass
class Actors:
    operator: object  # the OPD's demo operator, or the admin acting for an OPD without one
    pendamping: object
    admin: object
    kepala: object = None  # the OPD's kepala, who endorses submissions; the admin for an OPD without one


def steps_for(rng, status, reply_chance=0.6):
    """The steps that lead a draft to `status`, in order."""
    round_trip = rng.random() < ROUND_TRIP_CHANCE.get(status, 0)
    steps = ["submit"]
    if round_trip:  # returned once, fixed by the operator and submitted again
        reply = maybe(rng, reply_chance, "reply")
        steps += ["review", "verify_strict", "comment", "return_", *reply, "fix", "resubmit"]
    if status == S.SUBMITTED:
        return steps
    steps += ["review", *maybe(rng, round_trip, "resolve")]
    if status == S.IN_REVIEW:
        steps += ["verify_partial", *maybe(rng, 0.5, "comment")]
    elif status == S.RETURNED:
        steps += ["verify_strict", "comment", "return_", *maybe(rng, reply_chance, "reply")]
    elif status == S.REJECTED:
        steps += ["verify_reject", "reject"]
    else:
        steps += ["verify_lenient", "approve", *maybe(rng, status in (S.READY, S.SENT), "ready")]
        steps += maybe(rng, status == S.SENT, "send")
    return steps


def maybe(rng, chance, step):
    return [step] if rng.random() < chance else []


def timeline(rng, count, now, earliest=None):
    """`count` increasing working-hour times on the last 1-40 days (after `earliest` when there is room)."""
    latest = now - datetime.timedelta(days=1)
    start = now - datetime.timedelta(days=HISTORY_DAYS)
    if earliest and start < earliest < latest - datetime.timedelta(days=1):
        start = earliest
    return sorted(_at_work(start + (latest - start) * rng.random(), latest, rng) for _ in range(count))


def _at_work(moment, latest, rng):
    """The same day in Jakarta during office hours, but never after `latest`."""
    local = timezone.localtime(moment, JAKARTA)
    at = local.replace(hour=rng.randint(*WORK_HOURS), minute=rng.randint(0, 59), second=rng.randint(0, 59))
    return at - datetime.timedelta(days=1) if at > latest else at


# --- time stamps ---------------------------------------------------------------------------------------


def move_rows(inovasi):
    """What a status move writes, with its time field."""
    return (
        (StatusChange.objects.filter(inovasi=inovasi), "created_at"),
        (Revision.objects.filter(inovasi=inovasi), "created_at"),
        (INOVASI_HISTORY.filter(id=inovasi.pk), "history_date"),
        (notices_about(inovasi), "created_at"),
    )


def answer_rows(inovasi):
    return ((ANSWER_HISTORY.filter(inovasi_id=inovasi.pk), "history_date"),)


def comment_rows(inovasi):
    return (
        (CommentThread.objects.filter(inovasi=inovasi), "created_at"),
        (Comment.objects.filter(thread__inovasi=inovasi), "created_at"),
        (notices_about(inovasi), "created_at"),
    )


def notices_about(inovasi):
    """The innovation's notices: they link to its review page (comments to an anchor on it)."""
    return Notice.objects.filter(url__startswith=reverse("inovasi-review", args=[inovasi.pk]))


ROWS_OF_STEP = {
    "ready": lambda inovasi: (*move_rows(inovasi), *answer_rows(inovasi), *comment_rows(inovasi)),
    "verify_strict": answer_rows,
    "verify_lenient": answer_rows,
    "verify_partial": answer_rows,
    "verify_reject": answer_rows,
    "fix": answer_rows,
    "comment": comment_rows,
    "reply": comment_rows,
    "resolve": comment_rows,
}  # every other step is a status move


def stamp(step, inovasi, at, started):
    """The rows the step just wrote (those dated since the seed started) get the step's time."""
    for queryset, name in ROWS_OF_STEP.get(step, move_rows)(inovasi):
        queryset.filter(**{f"{name}__gte": started}).update(**{name: at})


def backdate_creation(inovasi, at):
    """The draft's creation (record, answers, evidence and their first history rows) at `at`."""
    Inovasi.objects.filter(pk=inovasi.pk).update(created_at=at)
    INOVASI_HISTORY.filter(id=inovasi.pk, history_type="+").update(history_date=at)
    answer_ids = list(Answer.objects.filter(inovasi=inovasi).values_list("pk", flat=True))
    Answer.objects.filter(pk__in=answer_ids).update(updated_at=at)
    ANSWER_HISTORY.filter(id__in=answer_ids, history_type="+").update(history_date=at)
    Evidence.objects.filter(answer_id__in=answer_ids).update(uploaded_at=at)
    EVIDENCE_HISTORY.filter(answer_id__in=answer_ids, history_type="+").update(history_date=at)


# --- the replay ----------------------------------------------------------------------------------------


@dataclass
class Replay:
    """One innovation's way from draft to its planned status."""

    inovasi: Inovasi
    rng: random.Random
    actors: Actors
    started: datetime.datetime  # when the seed began: rows dated later are not stamped yet
    at: datetime.datetime = None
    threads: list = field(default_factory=list)  # the open ones
    with_kepala: bool = False  # its last submission stays with its kepala (see run)

    def run(self, status):
        # The demo operators always answer the reviewer, so their accounts show both sides of a thread.
        own_operator = self.actors.operator != self.actors.admin
        steps = steps_for(self.rng, status, reply_chance=1 if own_operator else 0.6)
        # A demo kepala has a submission to endorse: the OPD's last submission of a submitted one waits.
        waits = status == S.SUBMITTED and self.actors.kepala not in (None, self.actors.admin)
        times = timeline(self.rng, len(steps), self.started, self.inovasi.period.entry_opens_at)
        backdate_creation(self.inovasi, times[0] - datetime.timedelta(days=self.rng.uniform(1, 10)))
        for index, (step, self.at) in enumerate(zip(steps, times, strict=True)):
            self.with_kepala = waits and index == len(steps) - 1
            getattr(self, step)()
            stamp(step, self.inovasi, self.at, self.started)
        Inovasi.objects.filter(pk=self.inovasi.pk).update(updated_at=times[-1])

    def move(self, to, actor, note="", **extra):
        transition(self.inovasi, to, actor=actor, note=note, **extra)

    # status moves

    def submit(self, note=""):
        # The operator submits only while the window is open; outside it the admin does it for the OPD.
        operator = self.actors.operator if self.inovasi.period.entry_is_open() else self.actors.admin
        if not self.inovasi.period.kepala_endorsement:
            self.move(S.SUBMITTED, operator, note)
            return
        self.move(S.AWAITING_ENDORSEMENT, operator, note)
        if not self.with_kepala:
            self.move(S.SUBMITTED, self.actors.kepala or self.actors.admin)

    def resubmit(self):
        self.submit(self.rng.choice(RESUBMIT_NOTES))

    def review(self):
        self.move(S.IN_REVIEW, self.actors.pendamping)

    def return_(self):
        self.move(S.RETURNED, self.actors.pendamping, self.rng.choice(RETURN_NOTES))

    def approve(self):
        self.move(S.APPROVED, self.actors.pendamping, self.rng.choice(APPROVE_NOTES))

    def reject(self):
        self.move(S.REJECTED, self.actors.pendamping, self.rng.choice(REJECT_NOTES))

    def ready(self):
        """Siap kirim needs every claim to equal its verified level: the OPD lowers what Bappeda cut."""
        for answer in differing(self.inovasi):
            answer.inovasi = self.inovasi
            lower_claim(answer, actor=self.actors.operator)
        self.move(S.READY, self.actors.admin)

    def send(self):
        self.move(S.SENT, self.actors.admin, SEND_NOTE, sent_on=timezone.localdate(self.at))

    # verdicts per indicator, only while in review

    def verify_strict(self):
        """Before a return: two to four claims are not (fully) supported."""
        self.verdicts(flagged=self.rng.randint(2, 4))

    def verify_lenient(self):
        """Before an approval: mostly matching."""
        self.verdicts(flagged=self.rng.choice((0, 0, 1, 2)))

    def verify_partial(self):
        """Still in review: the first part of the indicators is done."""
        self.verdicts(flagged=self.rng.choice((0, 1)), share=self.rng.uniform(0.3, 0.9))

    def verify_reject(self):
        self.verdicts(flagged=self.rng.randint(4, 8), verdict=V.NOT_OK)

    def verdicts(self, *, flagged, share=1.0, verdict=None):
        pending = [answer for answer in self.answers() if answer.verification == V.PENDING]
        pending = pending[: max(1, round(len(pending) * share))]
        lowerable = [answer for answer in pending if answer.level >= 2]
        flags = {answer.pk for answer in self.rng.sample(lowerable, min(flagged, len(lowerable)))}
        for answer in pending:
            answer.inovasi = self.inovasi  # verify() reads the status from it
            answer._history_user = self.actors.pendamping
            if answer.pk in flags:
                kind = verdict or (V.NEEDS_FIX if self.rng.random() < 0.7 else V.NOT_OK)
                level = answer.level - (1 if kind == V.NEEDS_FIX else self.rng.randint(1, answer.level))
            else:
                kind, level = V.OK, answer.level
            verify(answer, actor=self.actors.pendamping, verification=kind, verified_level=level)
        Answer.objects.filter(pk__in=[answer.pk for answer in pending]).update(verified_at=self.at)

    def answers(self):
        return list(Answer.objects.filter(inovasi=self.inovasi).select_related("indicator"))

    def fix(self):
        """Back in the operator's hands: each flagged claim is lowered to what was verified."""
        for answer in self.answers():
            if answer.verification not in FLAGS:
                continue
            level = max(answer.verified_level or 0, 1)
            if level != answer.level:
                answer.level, answer.updated_by = level, self.actors.operator
                answer._history_user = self.actors.operator
                answer.save()
                Answer.objects.filter(pk=answer.pk).update(updated_at=self.at)
            reset_verification(answer)

    # comment threads

    def comment(self):
        """The reviewer opens threads on one or two indicators, the flagged ones first."""
        answers = [a for a in self.answers() if a.indicator_id not in {t.indicator_id for t in self.threads}]
        flagged = [answer for answer in answers if answer.verification in FLAGS]
        others = [answer for answer in answers if answer not in flagged]
        chosen = (flagged + self.rng.sample(others, len(others)))[: self.rng.choice((1, 2))]
        for answer in chosen:
            thread = CommentThread.objects.create(
                inovasi=self.inovasi, indicator=answer.indicator, created_by=self.actors.pendamping
            )
            verified = answer.verified_level if answer.verified_level is not None else answer.level - 1
            body = self.rng.choice(REVIEW_COMMENTS).format(
                number=answer.indicator.number, level=answer.level, verified=max(verified, 0)
            )
            self.post(thread, self.actors.pendamping, body)
            self.threads.append(thread)

    def reply(self):
        """The operator answers some open threads (always the first)."""
        for index, thread in enumerate(self.threads):
            if index == 0 or self.rng.random() < 0.5:
                self.post(thread, self.actors.operator, self.rng.choice(OPERATOR_REPLIES))

    def resolve(self):
        """After the resubmission the reviewer closes the threads, some with a last word."""
        for thread in self.threads:
            if self.rng.random() < 0.5:
                self.post(thread, self.actors.pendamping, CLOSING_COMMENT)
            thread.resolved_at, thread.resolved_by = self.at, self.actors.pendamping
            thread.save(update_fields=["resolved_at", "resolved_by"])
        self.threads = []

    def post(self, thread, author, body):
        revision = self.inovasi.revisions.aggregate(last=Max("number"))["last"]
        comment = Comment.objects.create(thread=thread, author=author, body=body, revision_number=revision)
        notify.comment_posted(comment, self.inovasi)


def replay(inovasi, status, *, seed, actors, started):
    """Take the freshly created draft `inovasi` to `status` through the workflow."""
    if status == S.DRAFT:
        return
    Replay(inovasi, random.Random(seed), actors, started).run(status)  # noqa: S311 -- demo data


@contextmanager
def notices_without_mail():
    """The seed's notices tell of the past: the inboxes show them, but no mail goes out.

    notify() queues one mail task per notice when the transaction commits (with no broker the task runs
    at once and logs a line each). While seeding that queueing does nothing, and the new notices are
    marked as mailed, so neither the daily digest nor the sweep for lost tasks sends them later.
    """
    since = Notice.objects.aggregate(last=Max("pk"))["last"] or 0
    queue_email = send.queue_email
    send.queue_email = _no_mail
    try:
        yield
    finally:
        send.queue_email = queue_email
    Notice.objects.filter(pk__gt=since, emailed_at__isnull=True).update(emailed_at=timezone.now())


def _no_mail(notice_id):
    return None


# --- mentoring -----------------------------------------------------------------------------------------

MENTORED_OPDS = (
    "Diskominfo",
    "PKM Ngletih",
    "Dinkes",
    "Dispendik",
    "DPUPR",
    "Dinsos",
    "Dispendukcapil",
    "DPMPTSP",
    "Dishub",
    "DLHKP",
    "DP3AP2KB",
    "Disperdagin",
    "Disnaker",
    "Bapenda",
    "BPBD",
    "Satpol PP",
    "Kec. Mojoroto",
    "Kec. Pesantren",
    "PKM Sukorame",
    "PKM Mrican",
)
CASE_OPD = "PKM Ngletih"
# Follow-ups: (action, owner, due in days from today (negative: past), done).
SESSIONS = (
    {
        "days_ago": 18,
        "mode": MentoringSession.Mode.CLINIC,
        "topic": "Klinik inovasi: penyusunan rancang bangun dan bukti dukung indikator wajib",
        "attendees": "Sri Rahayu (Bappeda); Dwi Ayu Lestari, operator; dr. Retno Kusumawati, Kepala Puskesmas",
        "notes": (
            "Rancang bangun dua inovasi sudah di atas 300 kata. SK penetapan inovasi (indikator 16) dan SK tim "
            "pengelola (indikator 17) masih berupa draf. Video inovasi belum diunggah ke kanal resmi."
        ),
        "follow_ups": (
            ("Unggah SK Kepala Puskesmas tentang penetapan inovasi yang sudah ditandatangani", "Operator", -7, True),
            (
                "Unggah video inovasi ke kanal YouTube Pemerintah Kota Kediri dan tautkan pada indikator 35",
                "Operator",
                5,
                False,
            ),
        ),
    },
    {
        "days_ago": 6,
        "mode": MentoringSession.Mode.VISIT,
        "topic": "Kunjungan lapangan: verifikasi penerapan inovasi di Puskesmas Ngletih",
        "attendees": "Sri Rahayu (Bappeda); Dwi Ayu Lestari, operator; kader posyandu Kelurahan Ngletih",
        "notes": (
            "Inovasi sudah berjalan di tiga posyandu. Data capaian belum direkap per bulan, sehingga indikator "
            "kemanfaatan (33) belum bisa diverifikasi pada level 3."
        ),
        "follow_ups": (
            ("Susun rekap capaian bulanan 2025-2026 sebagai bukti dukung indikator 33", "Kepala Puskesmas", 10, False),
        ),
    },
)
HELP_ON_INOVASI = (
    "Inovasi kami dikembalikan dengan catatan pada bukti dukung. Mohon pendampingan untuk memilih dokumen "
    "yang tepat sebelum kami ajukan kembali."
)
HELP_GENERAL = (
    "Mohon pendampingan penyusunan bukti dukung indikator kecepatan penciptaan inovasi (32) untuk seluruh "
    "inovasi Diskominfo."
)


def seed_mentoring(period, opds, pendamping, operators):
    """Mentor assignments, one mentoring case with sessions and follow-ups, and two help requests."""
    for short_name in MENTORED_OPDS:
        if short_name in opds:
            MentorAssignment.objects.get_or_create(period=period, opd=opds[short_name], mentor=pendamping)
    now = timezone.now()
    today = timezone.localdate(now, JAKARTA)
    ngletih = opds[CASE_OPD]
    case, created = MentoringCase.objects.get_or_create(period=period, opd=ngletih, defaults={"opened_by": pendamping})
    if created:
        MentoringCase.objects.filter(pk=case.pk).update(opened_at=now - datetime.timedelta(days=25))
    for data in SESSIONS:
        session, _created = MentoringSession.objects.get_or_create(
            case=case,
            mode=data["mode"],
            topic=data["topic"],
            defaults={
                "held_on": today - datetime.timedelta(days=data["days_ago"]),
                "attendees": data["attendees"],
                "notes": data["notes"],
                "recorded_by": pendamping,
            },
        )
        for action, owner, due_in, done in data["follow_ups"]:
            due_on = today + datetime.timedelta(days=due_in)
            done_at = now + datetime.timedelta(days=due_in - 2) if done else None
            FollowUp.objects.get_or_create(
                session=session, action=action, defaults={"owner": owner, "due_on": due_on, "done_at": done_at}
            )
    seed_help_requests(period, opds, pendamping, operators, now)


def seed_help_requests(period, opds, pendamping, operators, now):
    returned = (
        Inovasi.objects.filter(period=period, opd=opds[CASE_OPD], status=S.RETURNED).order_by("pk").first()
        or Inovasi.objects.filter(period=period, opd=opds[CASE_OPD]).order_by("pk").first()
    )
    requests = (
        (opds[CASE_OPD], operators[CASE_OPD], returned, HELP_ON_INOVASI, HelpRequest.Status.OPEN, None, 3),
        (
            opds["Diskominfo"],
            operators["Diskominfo"],
            None,
            HELP_GENERAL,
            HelpRequest.Status.IN_PROGRESS,
            pendamping,
            9,
        ),
    )
    for opd, requester, inovasi, topic, status, handler, days_ago in requests:
        request, created = HelpRequest.objects.get_or_create(
            period=period,
            opd=opd,
            requested_by=requester,
            topic=topic,
            defaults={"inovasi": inovasi, "status": status, "handled_by": handler},
        )
        if created:
            HelpRequest.objects.filter(pk=request.pk).update(requested_at=now - datetime.timedelta(days=days_ago))
