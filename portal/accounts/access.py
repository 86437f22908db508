"""The one place that answers "what may this user see and do".

Views, querysets, templates and the navigation (portal.navigation) all ask `access_for(user)`; nothing else reads
memberships to decide permissions, so a permission bug has exactly one place to live.
"""

from dataclasses import dataclass

from django.conf import settings

from portal.accounts.models import Membership, Opd, Role

CITY_WIDE_READERS = {Role.PENDAMPING, Role.PIMPINAN, Role.ADMIN}
REVIEWER_ROLES = {Role.PENDAMPING, Role.ADMIN}


class Home:
    """The dashboard a user lands on (Access.home_page)."""

    LEADERSHIP = "leadership"  # where the city stands: leadership (pimpinan)
    BAPPEDA = "bappeda"  # what to do today: Bappeda's reviewers
    OPD = "opd"  # the OPD's own work: its operators and kepala
    NONE = "none"  # no role yet


@dataclass(frozen=True)
class Access:
    roles: frozenset = frozenset()
    opd_ids: frozenset = frozenset()  # OPDs the user acts for (operator, kepala OPD)
    operator_opd_ids: frozenset = frozenset()  # OPDs whose data the user may change
    kepala_opd_ids: frozenset = frozenset()  # OPDs the user heads
    is_authenticated: bool = False
    has_totp: bool = False

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
    def can_review(self):
        """Bappeda's pendamping and admin review, verify, comment as reviewers and mentor any OPD."""
        return bool(self.roles & REVIEWER_ROLES)

    @property
    def asks_for_mentoring(self):
        """Operators ask Bappeda for help; reviewers are the ones who give it."""
        return Role.OPERATOR in self.roles and not self.can_review

    def can_view_opd(self, opd):
        return self.sees_all_opds or opd.pk in self.opd_ids

    def can_edit_opd_data(self, opd):
        """Operators change their own OPD's data; kepala OPD and leadership only read."""
        return opd.pk in self.operator_opd_ids

    def heads(self, opd):
        """Whether the user speaks for the OPD as its head: its kepala, or the admin."""
        return opd.pk in self.kepala_opd_ids or self.is_admin

    def can_publish_opd(self, opd):
        """Whether the user may put the OPD in the public catalogue."""
        return self.heads(opd)

    def can_endorse(self, opd):
        """Whether the user endorses (or returns) the OPD's submissions before Bappeda sees them."""
        return self.heads(opd)

    def visible_opds(self):
        opds = Opd.objects.filter(is_active=True)
        return opds if self.sees_all_opds else opds.filter(pk__in=self.opd_ids)

    def member_opds(self):
        """The OPDs the user acts for (not every OPD a city-wide user reads)."""
        return Opd.objects.filter(pk__in=self.opd_ids)

    # Landing and the site's sections.

    @property
    def home_page(self):
        """Which dashboard the user lands on (a Home value): the widest role decides."""
        if self.can_review:
            return Home.BAPPEDA
        if Role.PIMPINAN in self.roles:
            return Home.LEADERSHIP
        return Home.OPD if self.opd_ids else Home.NONE

    @property
    def home_opd_id(self):
        """The OPD whose dashboard an OPD user lands on (the first of theirs); None for everyone else."""
        return min(self.opd_ids) if self.home_page == Home.OPD else None

    @property
    def can_list_innovations(self):
        """Anyone with a role reads innovations (which ones: Inovasi.objects.visible_to)."""
        return bool(self.roles)

    @property
    def can_administer(self):
        """The Bappeda admin opens the Django admin (accounts, OPDs, the catalogue)."""
        return self.is_admin

    # Scores and region-level (SPD) data.

    @property
    def can_see_city_scores(self):
        """The city-wide roles read the city's scores, the OPD ranking and the leadership dashboard."""
        return self.sees_all_opds

    @property
    def can_recompute_scores(self):
        return self.is_admin

    @property
    def can_view_spd(self):
        """Region-level (SPD) data is city-wide: the city-wide roles read it."""
        return self.sees_all_opds

    @property
    def can_manage_spd(self):
        """Region-level (SPD) data is Bappeda's: only the admin fills it in."""
        return self.is_admin

    # Innovation records and their review.

    def can_edit_records(self, opd):
        """Whether the user may change `opd`'s innovations: its operators, and the admin who corrects them."""
        return self.can_edit_opd_data(opd) or self.is_admin

    @property
    def can_create_innovations(self):
        """Operators create innovations for their OPD; the admin for any OPD they name."""
        return bool(self.operator_opd_ids) or self.is_admin

    @property
    def can_see_deleted_innovations(self):
        """Who opens *Inovasi yang dihapus*: an OPD's own people (their OPD's) and the admin (every OPD's)."""
        return bool(self.opd_ids) or self.is_admin

    @property
    def sees_every_deleted_innovation(self):
        """The admin sees (and restores) every OPD's deleted innovations; OPD users their own OPD's only."""
        return self.is_admin

    def can_restore_records(self, opd):
        """Whether the user may bring back `opd`'s deleted innovations: those who may change them (its
        operators, and the admin who corrects them); the entry window is checked by the rule."""
        return self.can_edit_records(opd)

    @property
    def acting_opd_id(self):
        """The OPD an operator acts for when none is named (the first of theirs); None for non-operators."""
        return min(self.operator_opd_ids) if self.operator_opd_ids else None

    @property
    def headed_opd_id(self):
        """The OPD the user heads, when it is the only OPD they act for (None otherwise)."""
        if len(self.opd_ids) == 1 and self.opd_ids == self.kepala_opd_ids:
            return next(iter(self.kepala_opd_ids))
        return None

    @property
    def can_bypass_entry_window(self):
        """The admin may act outside a period's data-entry window; everyone else only inside it."""
        return self.is_admin

    @property
    def can_send_nationally(self):
        """The admin marks approved innovations ready, sent, and records the national outcome."""
        return self.is_admin

    def can_comment(self, opd):
        """Reviewers and `opd`'s operators write in the comment threads of its innovations."""
        return self.can_review or self.can_edit_opd_data(opd)

    @property
    def keeps_shared_documents(self):
        """Bappeda's reviewers keep the city's shared evidence (the library), operators their OPD's and attach it."""
        return self.can_review or bool(self.operator_opd_ids)

    @property
    def can_resolve_threads(self):
        return self.can_review

    # Mentoring (pendampingan).

    def can_mentor(self, opd=None):
        """Whether the user mentors `opd` (records sessions, follow-ups, closes its case, handles its
        requests); without an OPD, whether they mentor at all (the mentoring overview)."""
        return self.can_review

    def can_read_mentoring(self, opd):
        """Mentors read every OPD's mentoring; an OPD's own people read theirs."""
        return self.can_mentor(opd) or opd.pk in self.opd_ids

    def can_ask_for_mentoring(self, opd):
        """An OPD's operators ask Bappeda for help on its work."""
        return opd.pk in self.operator_opd_ids

    def can_complete_follow_up(self, opd):
        """A follow-up is ticked off by the mentors or by the OPD's operators who did the work."""
        return self.can_mentor(opd) or self.can_edit_opd_data(opd)

    # Exports.

    @property
    def can_export(self):
        """Anyone with a role exports what they may read."""
        return bool(self.roles)

    @property
    def can_export_city(self):
        """City-wide exports (the leadership recap, workbooks with the region's SPD sheet): the city-wide roles."""
        return self.sees_all_opds

    def can_export_opds(self, opd_ids):
        """Whether the user may read an export holding the data of the OPDs `opd_ids`."""
        return self.can_export_city or set(opd_ids) <= self.opd_ids

    @property
    def can_see_all_exports(self):
        """The admin sees everyone's export jobs; everyone else their own."""
        return self.is_admin


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
    )


def _has_totp(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
