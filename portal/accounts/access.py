"""The one place that answers "what may this user see and do".

Views, querysets and the navigation all ask `access_for(user)`; nothing else reads
memberships to decide permissions, so a permission bug has exactly one place to live.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.accounts.models import Membership, Opd, Role

CITY_WIDE_READERS = {Role.PENDAMPING, Role.PIMPINAN, Role.ADMIN}
REVIEWER_ROLES = {Role.PENDAMPING, Role.ADMIN}


@dataclass(frozen=True)
class Access:
    roles: frozenset = frozenset()
    opd_ids: frozenset = frozenset()  # OPDs the user acts for (operator, kepala OPD)
    operator_opd_ids: frozenset = frozenset()  # OPDs whose data the user may change
    kepala_opd_ids: frozenset = frozenset()  # OPDs the user heads
    is_authenticated: bool = False
    has_totp: bool = False
    nav: tuple = field(default=(), compare=False)

    def has(self, role):
        return role in self.roles

    @property
    def is_admin(self):
        return Role.ADMIN in self.roles

    @property
    def sees_all_opds(self):
        return bool(self.roles & CITY_WIDE_READERS)

    @property
    def requires_mfa(self):
        return bool(self.roles & set(settings.MFA_REQUIRED_ROLES))

    @property
    def primary_role(self):
        """The role whose home page the user lands on (the widest first)."""
        for role in (Role.ADMIN, Role.PENDAMPING, Role.PIMPINAN, Role.KEPALA, Role.OPERATOR):
            if role in self.roles:
                return role
        return None

    @property
    def can_review(self):
        """Bappeda's pendamping and admin review, verify, comment as reviewers and mentor any OPD."""
        return bool(self.roles & REVIEWER_ROLES)

    def can_view_opd(self, opd):
        return self.sees_all_opds or opd.pk in self.opd_ids

    def can_edit_opd_data(self, opd):
        """Operators change their own OPD's data; kepala OPD and leadership only read."""
        return opd.pk in self.operator_opd_ids

    def can_publish_opd(self, opd):
        """Whether the user may put the OPD in the public catalogue: its kepala or the admin."""
        return opd.pk in self.kepala_opd_ids or self.is_admin

    def visible_opds(self):
        opds = Opd.objects.filter(is_active=True)
        return opds if self.sees_all_opds else opds.filter(pk__in=self.opd_ids)


ANONYMOUS = Access()


def access_for(user):
    """Return the Access of `user`, computed once per user object (one query per request)."""
    if not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_portal_access", None)
    if cached is None:
        cached = user._portal_access = _build_access(user)
    return cached


def _build_access(user):
    memberships = list(Membership.objects.active().filter(user=user).values_list("role", "opd_id"))
    roles = frozenset(role for role, _opd in memberships)
    needs_mfa = bool(roles & set(settings.MFA_REQUIRED_ROLES))
    return Access(
        roles=roles,
        opd_ids=frozenset(opd for _role, opd in memberships if opd),
        operator_opd_ids=frozenset(opd for role, opd in memberships if role == Role.OPERATOR),
        kepala_opd_ids=frozenset(opd for role, opd in memberships if role == Role.KEPALA),
        is_authenticated=True,
        has_totp=needs_mfa and _has_totp(user),
        nav=_navigation(roles),
    )


def _has_totp(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _navigation(roles):
    """Menu entries as (label, url name); the menu follows access, it never grants it."""
    items = [(_("Home"), "home")]
    if roles:
        items.append((_("Innovations"), "inovasi-list"))
    if roles & REVIEWER_ROLES:
        items.append((_("Review queue"), "review-queue"))
        items.append((_("Mentoring"), "mentoring-index"))
    elif Role.OPERATOR in roles:
        items.append((_("Ask for mentoring"), "help-request-create"))
    if roles & REVIEWER_ROLES:
        items.append((pgettext_lazy("menu", "Leadership dashboard"), "dashboard-leadership"))
    if roles & CITY_WIDE_READERS:
        items.append((_("IID scores"), "scores"))
        items.append((_("Region data (SPD)"), "spd"))
    if roles:
        items.append((_("Exports"), "export-index"))
    if Role.ADMIN in roles:
        items.append((_("Administration"), "admin:index"))
    return tuple((label, reverse(name)) for label, name in items)
