"""Load the demo organisation, one demo account per role and demo innovations; safe to run again."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inovasi.models import Inovasi
from portal.accounts.models import Bidang, Membership, Opd, Role, User
from portal.catalogue.models import Period
from portal.demo import awards as awards_demo
from portal.demo import events as events_demo
from portal.demo import innovations as inovasi_demo
from portal.demo import organisation as demo_data
from scoring import recompute


class Command(BaseCommand):
    help = gettext_lazy(
        "Create a demo organisation of a Kota Kediri-like city and one demo account per role. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            opds = seed_units()
            accounts = [seed_account(record, opds) for record in demo_data.ACCOUNTS]
            inovasi = inovasi_demo.seed()
            published = opt_in_catalogue()
            events_demo.seed()  # two past bimtek with their attendance
        # The demo's bulk inserts send no signals: compute every period's scores here, once.
        scores = [recompute.run(pk, full=True) for pk in Period.objects.values_list("pk", flat=True)]
        with transaction.atomic():
            awards_demo.seed()  # a past award, decided on the stored OPD ranking
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo data ready: %(opds)d OPDs, %(bidang)d bidang.")
                % {"opds": Opd.objects.count(), "bidang": Bidang.objects.count()}
            )
        )
        self.print_inovasi(inovasi)
        self.stdout.write(self.style.SUCCESS(_("Public catalogue: %(opds)s.") % {"opds": ", ".join(published)}))
        self.stdout.write(self.style.SUCCESS(_("Scores computed for %(count)d periods.") % {"count": len(scores)}))
        self.print_logins(accounts)

    def print_inovasi(self, summary):
        message = _(
            "Innovation demo ready: %(inovasi)d innovations (%(periods)s), "
            "%(answers)d answers, %(evidence)d pieces of evidence."
        )
        periods = ", ".join(f"{name}: {count}" for name, count in summary["periods"])
        self.stdout.write(self.style.SUCCESS(message % {**summary, "periods": periods}))

    def print_logins(self, accounts):
        header = (_("Username"), _("Role"), _("OPD"), _("Password"))
        rows = [header] + [(u.username, Role(role).label, opd or "—", demo_data.PASSWORD) for u, role, opd in accounts]
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
        self.stdout.write("")
        for row in rows:
            self.stdout.write(
                "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
        self.stdout.write("")
        self.stdout.write(
            _("TOTP secret for %(users)s (add it to an authenticator app): %(secret)s")
            % {"users": ", ".join(totp_usernames()), "secret": demo_data.TOTP_SECRET}
        )
        self.stdout.write(_("Demo accounts can only sign in while DEBUG is on."))


# The demo OPDs with the most approved innovations publish them, so the catalogue is not empty.
CATALOGUE_OPDS = 5


def opt_in_catalogue():
    """Opt the demo's most approved OPDs in to the public catalogue; return their short names."""
    approved = Inovasi.objects.alive().filter(status__in=Inovasi.PUBLIC_STATUSES)
    counts = (
        approved.values("opd_id", "opd__short_name").annotate(approved=Count("id")).order_by("-approved", "opd__name")
    )
    top = list(counts[:CATALOGUE_OPDS])
    Opd.objects.filter(pk__in=[row["opd_id"] for row in top]).update(public_catalogue=True)
    return sorted(row["opd__short_name"] for row in top)


def totp_usernames():
    return [username for username, _name, role, _opd in demo_data.ACCOUNTS if role in settings.MFA_REQUIRED_ROLES]


def seed_units():
    """Create or refresh every OPD and its bidang; return the OPDs by short name."""
    opds = {}
    for name, short_name, kind, parent, bidang in demo_data.UNITS:
        opd, _created = Opd.objects.update_or_create(
            short_name=short_name,
            defaults={"name": name, "kind": Opd.Kind(kind), "parent": opds[parent] if parent else None},
        )
        for bidang_name in bidang:
            Bidang.objects.get_or_create(opd=opd, name=bidang_name)
        opds[short_name] = opd
    return opds


def seed_account(record, opds):
    username, full_name, role, opd_short_name = record
    user = demo_user(username, full_name, role)
    opd = opds[opd_short_name] if opd_short_name else None
    Membership.objects.update_or_create(user=user, role=role, defaults={"opd": opd})
    if role in settings.MFA_REQUIRED_ROLES:
        enrol_totp(user)
    return user, role, opd_short_name


def demo_user(username, full_name, role):
    """The demo user, created with the demo password; an existing real account is never touched."""
    user = User.objects.filter(username=username).first()
    if user is None:
        is_admin = role == Role.ADMIN
        return User.objects.create_user(
            username=username,
            email=f"{username}@{demo_data.EMAIL_DOMAIN}",
            password=demo_data.PASSWORD,
            full_name=full_name,
            is_demo=True,
            is_staff=is_admin,
            is_superuser=is_admin,
        )
    if not user.is_demo:
        raise CommandError(
            _("User %(username)s exists and is not a demo account; nothing was changed.") % {"username": username}
        )
    return user


def enrol_totp(user):
    has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    if not has_totp:
        TOTP.activate(user, demo_data.TOTP_SECRET)
    # RecoveryCodes.activate reuses the user's existing codes, so this never adds a second set.
    RecoveryCodes.activate(user)
