import io
from collections import Counter

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from inovasi.models import Answer, Evidence, Inovasi, Urusan
from portal.accounts.models import Bidang, Membership, Opd, PasswordHistory, User
from scoring.models import Period

PASSWORD = "Inovasi-Kediri-2026!"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
USERNAMES = ["operator", "operator2", "kepala", "pendamping", "pimpinan", "admin"]
OPD_COUNT = 95
BIDANG_COUNT = 335
# The innovation demo is generated from a fixed seed, so its size never varies.
INOVASI_PER_YEAR = {2026: 150, 2025: 40, 2023: 25}
ANSWER_COUNT = 3709  # SID answers of the three periods and 15 SPD answers of 2026
EVIDENCE_COUNT = 3389
STATUSES_2026 = {
    "draft": 45,
    "diajukan": 36,
    "direviu": 15,
    "dikembalikan": 16,
    "disetujui": 23,
    "siap_kirim": 11,
    "dikirim": 4,
}


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts():
    models = [Opd, Bidang, User, Membership, PasswordHistory, Authenticator, Period, Inovasi, Answer, Evidence]
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
    assert all(answer.level in (1, 2, 3) for answer in Answer.objects.all())


@pytest.mark.django_db
def test_seed_gives_the_demo_operators_mixed_innovations():
    seed()
    for opd, username in [("Diskominfo", "operator"), ("PKM Ngletih", "operator2")]:
        innovations = Inovasi.objects.filter(period__year=2026, opd__short_name=opd)
        assert innovations.count() >= 5
        assert set(innovations.values_list("created_by__username", flat=True)) == {username}
        statuses = set(innovations.values_list("status", flat=True))
        assert {"draft", "dikembalikan", "diajukan", "disetujui"} <= statuses
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
    assert {path.parent.name for path in settings.MEDIA_ROOT.rglob("*.pdf")} == {"evidence"}
    assert len(list(settings.MEDIA_ROOT.rglob("*.pdf"))) == files.count()
    videos = Evidence.objects.filter(file="")
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
