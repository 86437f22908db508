from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PortalUserManager(UserManager):
    def _create_user_object(self, username, email, password, **extra_fields):
        user = super()._create_user_object(username, email, password, **extra_fields)
        if password is not None:
            # set_password (not a bare hash) so saving records history and the change date.
            user.set_password(password)
        return user

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """`manage.py createsuperuser` makes a Bappeda admin: the admin membership is what grants
        the Django admin (the flags follow it); the user enrols TOTP at the first sign-in."""
        with transaction.atomic():
            user = super().create_superuser(username, email, password, **extra_fields)
            Membership.objects.create(user=user, role=Role.ADMIN)
        user.refresh_from_db(fields=["is_staff", "is_superuser"])
        return user


class User(AbstractUser):
    """A portal account. Roles come from Membership rows, never from flags on the user."""

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    # Demo accounts exist for newcomers and tests; they are refused when DEBUG is off.
    is_demo = models.BooleanField(_("demo account"), default=False)

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.email = self.email or None  # unique, so "no e-mail" must be NULL, not ""
        was_deactivated = self.pk and not self.is_active and self._was_active()
        self.is_staff = self.is_superuser = self._holds_admin_role()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "is_staff", "is_superuser"}
        super().save(*args, **kwargs)
        if was_deactivated:
            end_all_sessions(self)

    def _holds_admin_role(self):
        """Staff and superuser rights follow an admin membership of an active user, never a flag set by hand."""
        return bool(self.pk and self.is_active and self.memberships.filter(role=Role.ADMIN).exists())

    def _was_active(self):
        return User.objects.filter(pk=self.pk, is_active=True).exists()


def end_all_sessions(user):
    """Log the user out everywhere (OWASP ASVS 5.0 7.4.2: a disabled user keeps no session)."""
    from allauth.usersessions.models import UserSession

    for user_session in UserSession.objects.filter(user=user):
        user_session.end()


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so that none of the last five is reused."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user} @ {self.created_at:%Y-%m-%d}"


class Opd(models.Model):
    """A unit of the city government (Perangkat Daerah) that owns innovations."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        SEKRETARIAT = "sekretariat", _("Sekretariat / Bagian")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        PUSKESMAS = "puskesmas", _("Puskesmas")
        SEKOLAH = "sekolah", _("Sekolah")
        UPTD = "uptd", _("UPTD")
        OTHER = "lainnya", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Opt-in: the OPD's approved innovations appear in the public catalogue only when it says so.
    public_catalogue = models.BooleanField(
        _("in the public catalogue"),
        default=False,
        help_text=_("Show this OPD's approved innovations in the public catalogue."),
    )

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPDs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Bidang(models.Model):
    """A division inside an OPD: the 2023 target is one innovation per bidang."""

    opd = models.ForeignKey(Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="bidang")
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("bidang")
        verbose_name_plural = _("bidang")
        ordering = ["opd__name", "name"]
        constraints = [models.UniqueConstraint(fields=["opd", "name"], name="bidang_unique_per_opd")]

    def __str__(self):
        return f"{self.name} ({self.opd.short_name})"


class Role(models.TextChoices):
    OPERATOR = "operator", _("OPD operator")
    KEPALA = "kepala_opd", _("Head of OPD")
    PENDAMPING = "pendamping", _("Bappeda mentor / verifier")
    PIMPINAN = "pimpinan", _("City leadership")
    ADMIN = "admin", _("Bappeda admin")


# Roles that act for one OPD; the others act city-wide and carry no OPD.
OPD_ROLES = [Role.OPERATOR, Role.KEPALA]


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(user__is_active=True).filter(Q(opd__isnull=True) | Q(opd__is_active=True))


class Membership(models.Model):
    """A user's role, bound to one OPD for operator and kepala OPD, city-wide otherwise."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    opd = models.ForeignKey(
        Opd,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(role__in=OPD_ROLES, opd__isnull=False) | (~Q(role__in=OPD_ROLES) & Q(opd__isnull=True))),
                name="membership_opd_matches_role",
                violation_error_message=_(
                    "Operators and heads of OPD need an OPD; Bappeda and leadership roles have none."
                ),
            ),
            # An operator or kepala OPD is bound to exactly one OPD.
            models.UniqueConstraint(fields=["user", "role"], name="membership_one_per_role"),
        ]

    def __str__(self):
        label = self.get_role_display()
        return f"{self.user} — {label} {self.opd.short_name}" if self.opd_id else f"{self.user} — {label}"


def sync_admin_rights(user_id):
    """Re-derive a user's staff and superuser flags from its memberships (see `User._holds_admin_role`).

    Called after every membership save and delete (receivers.py), so a demoted admin loses the
    Django admin at once, including through queryset deletes and cascades.
    """
    is_admin = Membership.objects.active().filter(user_id=user_id, role=Role.ADMIN).exists()
    User.objects.filter(pk=user_id).update(is_staff=is_admin, is_superuser=is_admin)
