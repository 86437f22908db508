"""The people every test talks about, created directly through the ORM.

operator_a and kepala_a belong to OPD A, operator_b to OPD B; pendamping, pimpinan and
admin are city-wide and have TOTP enrolled, as their roles require.
"""

from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

from portal.accounts.models import Bidang, Membership, Opd, Role, User

PASSWORD = "Uji-Coba-Portal-2026!"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


@dataclass
class Personas:
    opd_a: Opd
    opd_b: Opd
    operator_a: User
    kepala_a: User
    operator_b: User
    pendamping: User
    pimpinan: User
    admin: User

    @classmethod
    def create(cls):
        opd_a = Opd.objects.create(name="Dinas Uji A", short_name="DUA", kind=Opd.Kind.DINAS)
        opd_b = Opd.objects.create(name="Puskesmas Uji B", short_name="PUB", kind=Opd.Kind.PUSKESMAS)
        Bidang.objects.create(opd=opd_a, name="Bidang Satu")
        return cls(
            opd_a=opd_a,
            opd_b=opd_b,
            operator_a=make_user("operator_a", Role.OPERATOR, opd_a),
            kepala_a=make_user("kepala_a", Role.KEPALA, opd_a),
            operator_b=make_user("operator_b", Role.OPERATOR, opd_b),
            pendamping=make_user("pendamping", Role.PENDAMPING),
            pimpinan=make_user("pimpinan", Role.PIMPINAN),
            admin=make_user("admin", Role.ADMIN, staff=True),
        )

    def by_name(self, name):
        return getattr(self, name)


def make_user(username, role=None, opd=None, *, staff=False, totp=None):
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.test",
        password=PASSWORD,
        full_name=username.replace("_", " ").title(),
        is_staff=staff,
        is_superuser=staff,
    )
    if role:
        Membership.objects.create(user=user, role=role, opd=opd)
    needs_totp = role in (Role.PENDAMPING, Role.PIMPINAN, Role.ADMIN) if totp is None else totp
    if needs_totp:
        TOTP.activate(user, TOTP_SECRET)
    return user


def current_code(secret=TOTP_SECRET):
    """The TOTP code an authenticator app shows now (the middle of allauth's accepted windows)."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
