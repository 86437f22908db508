import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.urls import reverse

from portal.accounts.models import Bidang, Membership, Opd, PasswordHistory, User

PASSWORD = "Inovasi-Kediri-2026!"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
USERNAMES = ["operator", "operator2", "kepala", "pendamping", "pimpinan", "admin"]
OPD_COUNT = 95
BIDANG_COUNT = 335


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts():
    models = [Opd, Bidang, User, Membership, PasswordHistory, Authenticator]
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
def test_seed_twice_changes_nothing():
    seed()
    first = row_counts()
    seed()
    assert row_counts() == first
    assert first == {
        "Opd": OPD_COUNT,
        "Bidang": BIDANG_COUNT,
        "User": 6,
        "Membership": 6,
        "PasswordHistory": 6,
        "Authenticator": 6,
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
