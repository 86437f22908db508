import io
from collections import Counter
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

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
    SharedDocument,
    StatusChange,
)
from inovasi.workflow import RULES
from portal.accounts.models import Bidang, Membership, Opd, PasswordHistory, User
from portal.awards.models import Award, Criterion, JuryScore, Result
from portal.catalogue.models import Period, Urusan
from portal.events.models import Attendance, Event
from portal.notices.models import Notice

PASSWORD = "Inovasi-Kediri-2026!"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
USERNAMES = ["operator", "operator2", "kepala", "pendamping", "pimpinan", "admin"]
OPD_COUNT = 95
BIDANG_COUNT = 335
# The innovation demo is generated from a fixed seed, so its size never varies.
INOVASI_PER_YEAR = {2026: 150, 2025: 40, 2023: 25}
ANSWER_COUNT = 3781  # SID answers of the three periods and 15 SPD answers of 2026
EVIDENCE_COUNT = 3662  # 44 of them the shared SK attached to indicator 16
STATUSES_2026 = {
    "draft": 45,
    "menunggu_pengesahan": 1,  # Diskominfo's, for the demo kepala to endorse
    "diajukan": 35,
    "direviu": 15,
    "dikembalikan": 16,
    "disetujui": 23,
    "siap_kirim": 11,
    "dikirim": 4,
}


CATALOGUE_OPDS = ["BPBD", "Bakesbangpol", "Dinkes", "Disbudparpora", "Disperkim"]
CATALOGUE_COUNT = 25  # their approved, ready and sent innovations of the three periods


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


# The IGA 2026 review history the seed replays through the workflow (also fixed by the seed).
WORKFLOW_COUNTS = {
    "StatusChange": 455,  # endorsements and reconciliations included
    "Revision": 131,
    "CommentThread": 86,
    "Comment": 144,
    "Notice": 221,
    "MentorAssignment": 20,
    "HelpRequest": 2,
    "MentoringCase": 1,
    "MentoringSession": 2,
    "FollowUp": 3,
}
# The decided IGA 2025 award (portal/demo/awards.py): every ranked OPD in its table, 11 finalists × 2 jurors.
AWARD_COUNTS = {"Award": 1, "Criterion": 6, "JuryScore": 22, "Result": OPD_COUNT}


def row_counts():
    models = [
        Opd,
        Bidang,
        User,
        Membership,
        PasswordHistory,
        Authenticator,
        Period,
        Inovasi,
        Answer,
        Evidence,
        SharedDocument,
        StatusChange,
        Revision,
        CommentThread,
        Comment,
        Notice,
        MentorAssignment,
        HelpRequest,
        MentoringCase,
        MentoringSession,
        FollowUp,
        Award,
        Criterion,
        JuryScore,
        Result,
        Event,
        Attendance,
    ]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_seed_creates_the_organisation():
    seed()
    assert Opd.objects.count() == OPD_COUNT
    assert Bidang.objects.count() == BIDANG_COUNT
    assert Opd.objects.filter(kind=Opd.Kind.KECAMATAN).count() == 3
    assert Opd.objects.filter(kind=Opd.Kind.KELURAHAN).count() == 46
    ngletih = Opd.objects.get(name="Puskesmas Ngletih")
    assert ngletih.kind == Opd.Kind.PUSKESMAS
    assert ngletih.parent.short_name == "Dinkes"
    assert not Opd.objects.filter(bidang__isnull=True).exists()
    kelurahan = Opd.objects.filter(kind=Opd.Kind.KELURAHAN)
    assert set(kelurahan.values_list("parent__kind", flat=True)) == {Opd.Kind.KECAMATAN}
    per_kecamatan = {k.short_name: k.children.count() for k in Opd.objects.filter(kind=Opd.Kind.KECAMATAN)}
    assert per_kecamatan == {"Kec. Kota": 17, "Kec. Mojoroto": 14, "Kec. Pesantren": 15}


@pytest.mark.django_db
def test_seed_creates_one_account_per_role():
    seed()
    memberships = sorted(Membership.objects.values_list("user__username", "role", "opd__short_name"))
    assert memberships == [
        ("admin", "admin", None),
        ("kepala", "kepala_opd", "Diskominfo"),
        ("operator", "operator", "Diskominfo"),
        ("operator2", "operator", "PKM Ngletih"),
        ("pendamping", "pendamping", None),
        ("pimpinan", "pimpinan", None),
    ]
    users = User.objects.filter(username__in=USERNAMES)
    assert users.count() == 6
    assert all(u.is_demo and u.full_name and u.email == f"{u.username}@demo.kedirikota.go.id" for u in users)
    assert all(u.check_password(PASSWORD) for u in users)
    # The password counts as freshly set, so the expiry policy does not block the demo.
    assert all(u.password_changed_at for u in users)
    staff = sorted(users.filter(is_staff=True, is_superuser=True).values_list("username", flat=True))
    assert staff == ["admin"]
    totp = sorted(Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list("user__username", flat=True))
    assert totp == ["admin", "pendamping", "pimpinan"]
    codes = Authenticator.objects.filter(type=Authenticator.Type.RECOVERY_CODES)
    assert sorted(codes.values_list("user__username", flat=True)) == ["admin", "pendamping", "pimpinan"]


@pytest.mark.django_db
def test_seed_twice_changes_nothing(settings):
    seed()
    first = row_counts()
    files = sorted(settings.MEDIA_ROOT.rglob("*"))
    seed()
    assert row_counts() == first
    assert sorted(settings.MEDIA_ROOT.rglob("*")) == files
    assert first == {
        "Opd": OPD_COUNT,
        "Bidang": BIDANG_COUNT,
        "User": 6,
        "Membership": 6,
        "PasswordHistory": 6,
        "Authenticator": 6,
        "Period": 3,
        "Inovasi": sum(INOVASI_PER_YEAR.values()),
        "Answer": ANSWER_COUNT,
        "Evidence": EVIDENCE_COUNT,
        "SharedDocument": 1,
        **WORKFLOW_COUNTS,
        **AWARD_COUNTS,
        "Event": 2,  # two past bimtek: three attendances, PKM Ngletih missed both
        "Attendance": 3,
    }


@pytest.mark.django_db
def test_seed_prints_the_logins():
    output = seed()
    for username in USERNAMES:
        assert username in output
    assert PASSWORD in output
    assert TOTP_SECRET in output


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_demo_user_signs_in_only_with_debug_on(client, settings, debug):
    seed()
    settings.DEBUG = debug
    response = client.post(reverse("account_login"), {"login": "operator", "password": PASSWORD}, secure=True)
    assert response.status_code == (302 if debug else 200)
    operator_id = str(User.objects.get(username="operator").pk)
    assert client.session.get("_auth_user_id") == (operator_id if debug else None)


@pytest.mark.django_db
def test_seed_creates_the_innovation_demo():
    output = seed()
    per_year = Counter(Inovasi.objects.values_list("period__year", flat=True))
    assert per_year == INOVASI_PER_YEAR
    assert "IGA 2026: 150, IGA 2025: 40, IGA 2023: 25" in output
    assert Answer.objects.count() == ANSWER_COUNT
    assert Evidence.objects.count() == EVIDENCE_COUNT
    current = Inovasi.objects.filter(period__year=2026)
    assert Counter(current.values_list("status", flat=True)) == STATUSES_2026
    earlier = set(Inovasi.objects.exclude(period__year=2026).values_list("status", flat=True))
    assert earlier == {"dikirim", "ditolak"}
    dasar = Urusan.objects.filter(group=Urusan.Group.PELAYANAN_DASAR)
    assert current.filter(urusan_utama__in=dasar).values("urusan_utama").distinct().count() >= 5
    assert not Inovasi.objects.filter(completeness=0).exists()
    # Every claim has a level, but one lowered to a verified 0 before siap kirim.
    assert set(Answer.objects.values_list("level", flat=True)) <= {0, 1, 2, 3}
    assert not Answer.objects.filter(level=0).exclude(inovasi__status__in=["siap_kirim", "dikirim"]).exists()
    # The five OPDs with the most approved innovations publish them in the catalogue.
    assert sorted(Opd.objects.filter(public_catalogue=True).values_list("short_name", flat=True)) == CATALOGUE_OPDS
    assert Inovasi.objects.in_catalogue().count() == CATALOGUE_COUNT


@pytest.mark.django_db
def test_seed_gives_the_demo_operators_mixed_innovations():
    seed()
    for opd, username in [("Diskominfo", "operator"), ("PKM Ngletih", "operator2")]:
        innovations = Inovasi.objects.filter(period__year=2026, opd__short_name=opd)
        assert innovations.count() >= 5
        assert set(innovations.values_list("created_by__username", flat=True)) == {username}
        statuses = set(innovations.values_list("status", flat=True))
        assert {"draft", "dikembalikan", "disetujui"} <= statuses
        # Submitted: with Bappeda, or (Diskominfo, which has a demo kepala) waiting for its endorsement.
        assert statuses & {"diajukan", "menunggu_pengesahan"}
    diskominfo = Inovasi.objects.filter(period__year=2026, opd__short_name="Diskominfo")
    assert diskominfo.filter(status="menunggu_pengesahan").count() == 1
    others = Inovasi.objects.exclude(opd__short_name__in=["Diskominfo", "PKM Ngletih"])
    assert set(others.values_list("created_by__username", flat=True)) == {"admin"}


@pytest.mark.django_db
def test_seed_stores_every_evidence_file(settings):
    seed()
    files = Evidence.objects.exclude(file="")
    assert files.exists()
    for evidence in files:
        assert default_storage.exists(evidence.file.name)
        assert evidence.kind == "pdf" and evidence.size == default_storage.size(evidence.file.name)
    # One shared SK, stored once however many innovations it is attached to.
    assert {path.parent.name for path in settings.MEDIA_ROOT.rglob("*.pdf")} == {"evidence", "shareddocument"}
    shared = Evidence.objects.exclude(shared=None)
    assert shared.count() > 10 and not shared.exclude(file="").exists()
    assert len(list(settings.MEDIA_ROOT.rglob("*.pdf"))) == files.count() + 1
    videos = Evidence.objects.filter(file="", shared=None)
    assert set(videos.values_list("kind", "answer__indicator__number").distinct()) == {("video", "35")}
    assert all(url.startswith("https://www.youtube.com/watch?v=") for url in videos.values_list("url", flat=True))
    spd = Answer.objects.filter(inovasi=None)
    assert spd.count() == 15
    assert Evidence.objects.filter(answer__in=spd).count() == 15


@pytest.mark.django_db
def test_seed_opens_the_current_period_and_adds_iga_2025():
    seed()
    current = Period.objects.current()
    assert current.year == 2026
    assert current.entry_is_open()
    previous = Period.objects.get(year=2025)
    assert (previous.name, previous.status, previous.is_current) == ("IGA 2025", "closed", False)
    assert previous.indicators.count() == current.indicators.count()
    assert Period.objects.get(year=2023).status == "archived"


@pytest.mark.django_db
def test_seed_takes_the_current_innovations_through_the_workflow():
    seed()
    assert_valid_status_chains()
    assert_workflow_actors()
    assert_history_in_the_last_weeks()


def assert_valid_status_chains():
    current = Inovasi.objects.filter(period__year=2026)
    assert not StatusChange.objects.filter(inovasi__status="draft").exists()
    assert not StatusChange.objects.exclude(inovasi__period__year=2026).exists()  # earlier periods: imported
    for inovasi in current.exclude(status="draft"):
        changes = list(inovasi.status_changes.order_by("created_at", "id"))
        assert changes, inovasi
        assert [change.from_status for change in changes] == ["draft", *[c.to_status for c in changes[:-1]]]
        assert all((change.from_status, change.to_status) in RULES for change in changes)
        assert changes[-1].to_status == inovasi.status
        # A revision each time it leaves the OPD's hands (to the kepala, who endorses it to Bappeda).
        submissions = [change for change in changes if change.from_status in ("draft", "dikembalikan")]
        assert inovasi.revisions.count() == len(submissions) >= 1
        assert all(change.revision_id for change in submissions)
        assert inovasi.created_at < changes[0].created_at
    sent = current.filter(status="dikirim")
    assert sent.exists() and not sent.filter(sent_on=None).exists()


def assert_workflow_actors():
    actors = set(StatusChange.objects.values_list("to_status", "actor__username").distinct())
    assert {actor for status, actor in actors if status == "menunggu_pengesahan"} == {"operator", "operator2", "admin"}
    assert {actor for status, actor in actors if status == "diajukan"} == {"kepala", "admin"}  # the endorsements
    reviewer_moves = {"direviu", "dikembalikan", "disetujui", "ditolak"}
    assert {actor for status, actor in actors if status in reviewer_moves} == {"pendamping"}
    assert {actor for status, actor in actors if status in {"siap_kirim", "dikirim"}} == {"admin"}
    returns = StatusChange.objects.filter(to_status="dikembalikan")
    assert returns.exists() and not returns.filter(note="").exists()
    # Some returned innovations were fixed and submitted again.
    assert Revision.objects.filter(number=2).exists()


def assert_history_in_the_last_weeks():
    times = list(StatusChange.objects.values_list("created_at", flat=True))
    now = timezone.now()
    assert all(now - timedelta(days=41) < at < now - timedelta(hours=20) for at in times)
    assert max(times) - min(times) > timedelta(days=20)


@pytest.mark.django_db
def test_seed_creates_verdicts_threads_notices_and_mentoring():
    seed()
    assert_verdicts_threads_and_notices()
    assert_mentoring()


def assert_verdicts_threads_and_notices():
    verified = Answer.objects.exclude(verification="menunggu")
    assert verified.filter(verification="sesuai").count() > verified.exclude(verification="sesuai").count() > 0
    assert not verified.filter(verified_by=None).exists()
    assert not verified.filter(inovasi__status="draft").exists()
    # A claim Bappeda cut stays above its verified level until siap kirim, when the OPD lowered it.
    for answer in verified.exclude(verification="sesuai").exclude(inovasi__status__in=["siap_kirim", "dikirim"]):
        assert answer.verified_level < answer.level
    for answer in verified.filter(inovasi__status__in=["siap_kirim", "dikirim"]):
        assert answer.verified_level == answer.level
    assert CommentThread.objects.filter(resolved_at=None).exists()
    assert CommentThread.objects.exclude(resolved_at=None).filter(resolved_by__username="pendamping").exists()
    assert set(Comment.objects.values_list("author__username", flat=True)) >= {"pendamping", "operator"}
    assert not Comment.objects.filter(revision_number=None).exists()
    assert Comment.objects.filter(revision_number=2).exists()
    recipients = set(Notice.objects.values_list("recipient__username", flat=True))
    assert {"pendamping", "operator", "operator2"} <= recipients
    assert Notice.objects.filter(kind="comment").exists()
    # Shown in the inbox, never mailed: nothing is left for the mail tasks, the digest or the sweep.
    assert not Notice.objects.filter(emailed_at=None).exists()


def assert_mentoring():
    assigned = set(MentorAssignment.objects.values_list("opd__short_name", "mentor__username"))
    assert len(assigned) == 20
    assert {("Diskominfo", "pendamping"), ("PKM Ngletih", "pendamping")} <= assigned
    case = MentoringCase.objects.get()
    assert (case.opd.short_name, case.period.year, case.opened_by.username) == ("PKM Ngletih", 2026, "pendamping")
    assert sorted(case.sessions.values_list("mode", flat=True)) == ["clinic", "visit"]
    follow_ups = FollowUp.objects.filter(session__case=case)
    assert follow_ups.count() == 3
    assert follow_ups.exclude(done_at=None).count() == 1
    assert follow_ups.filter(done_at=None, due_on__gt=timezone.localdate()).count() == 2
    requests = {(r.requested_by.username, r.opd.short_name, r.status) for r in HelpRequest.objects.all()}
    assert requests == {("operator2", "PKM Ngletih", "open"), ("operator", "Diskominfo", "in_progress")}
    on_inovasi = HelpRequest.objects.get(requested_by__username="operator2")
    assert on_inovasi.inovasi.opd.short_name == "PKM Ngletih"
    assert HelpRequest.objects.get(requested_by__username="operator").handled_by.username == "pendamping"
