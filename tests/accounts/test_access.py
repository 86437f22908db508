"""The one access helper: which OPDs each role sees and may change."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.accounts.access import access_for
from portal.accounts.models import Membership, Opd, Role


def _visible(user):
    return sorted(access_for(user).visible_opds().values_list("short_name", flat=True))


def test_an_operator_sees_and_edits_only_its_own_opd(personas):
    access = access_for(personas.operator_a)
    assert _visible(personas.operator_a) == ["DUA"]
    assert access.can_edit_opd_data(personas.opd_a) is True
    assert access.can_edit_opd_data(personas.opd_b) is False
    assert access.can_view_opd(personas.opd_b) is False


def test_a_kepala_opd_reads_its_opd_but_does_not_edit(personas):
    access = access_for(personas.kepala_a)
    assert _visible(personas.kepala_a) == ["DUA"]
    assert access.can_view_opd(personas.opd_a) is True
    assert access.can_edit_opd_data(personas.opd_a) is False


@pytest.mark.parametrize("name", ["pendamping", "pimpinan", "admin"])
def test_city_wide_roles_see_every_active_opd_and_edit_none(personas, name):
    user = personas.by_name(name)
    Opd.objects.create(name="Kelurahan Lama", short_name="KLL", kind=Opd.Kind.KELURAHAN, is_active=False)
    assert _visible(user) == ["DUA", "PUB"]
    assert access_for(user).can_edit_opd_data(personas.opd_a) is False


def test_anonymous_has_no_access(db):
    access = access_for(AnonymousUser())
    assert (access.is_authenticated, access.roles, access.sees_all_opds) == (False, frozenset(), False)


def test_a_deactivated_opd_takes_its_members_rights_away(personas):
    personas.opd_a.is_active = False
    personas.opd_a.save()
    assert access_for(personas.operator_a).roles == frozenset()


def test_roles_that_need_totp(personas):
    needs = {
        name: access_for(personas.by_name(name)).requires_mfa
        for name in ["operator_a", "kepala_a", "pendamping", "pimpinan", "admin"]
    }
    assert needs == {"operator_a": False, "kepala_a": False, "pendamping": True, "pimpinan": True, "admin": True}


def test_an_opd_role_needs_an_opd_and_a_city_role_has_none(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Membership(user=personas.pimpinan, role=Role.OPERATOR).full_clean()
    with pytest.raises(ValidationError):
        Membership(user=personas.operator_b, role=Role.PIMPINAN, opd=personas.opd_b).full_clean()


def test_the_access_is_computed_once_per_request_user(personas, django_assert_num_queries):
    with django_assert_num_queries(1):
        access_for(personas.operator_a)
        access_for(personas.operator_a)


def test_the_admin_role_opens_the_django_admin_and_losing_it_closes_it(personas):
    from tests.personas import make_user

    user = make_user("admin_baru")
    membership = Membership.objects.create(user=user, role=Role.ADMIN)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (True, True)
    membership.delete()
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (False, False)


# --- the predicates views, templates and domain functions ask, per role ------------------------------------------

ROLES = ("operator_a", "kepala_a", "pendamping", "pimpinan", "admin", "anonymous")
T, F = True, False


def _access(personas, name):
    return access_for(AnonymousUser() if name == "anonymous" else personas.by_name(name))


def _per_role(personas, ask):
    return tuple(ask(_access(personas, name)) for name in ROLES)


# Expected answers in ROLES' order: operator_a, kepala_a, pendamping, pimpinan, admin, anonymous.
SITE_WIDE = {
    "can_list_innovations": (T, T, T, T, T, F),
    "can_export": (T, T, T, T, T, F),
    "can_administer": (F, F, F, F, T, F),
    "can_see_city_scores": (F, F, T, T, T, F),
    "can_recompute_scores": (F, F, F, F, T, F),
    "can_view_spd": (F, F, T, T, T, F),
    "can_manage_spd": (F, F, F, F, T, F),
    "can_create_innovations": (T, F, F, F, T, F),
    "can_see_deleted_innovations": (T, T, F, F, T, F),
    "sees_every_deleted_innovation": (F, F, F, F, T, F),
    "can_bypass_entry_window": (F, F, F, F, T, F),
    "can_send_nationally": (F, F, F, F, T, F),
    "can_resolve_threads": (F, F, T, F, T, F),
    "can_export_city": (F, F, T, T, T, F),
    "can_see_all_exports": (F, F, F, F, T, F),
}


@pytest.mark.parametrize("predicate", SITE_WIDE)
def test_each_site_wide_predicate_answers_each_role(personas, predicate):
    assert _per_role(personas, lambda access: getattr(access, predicate)) == SITE_WIDE[predicate]


def test_only_mentors_open_the_mentoring_overview(personas):
    assert _per_role(personas, lambda access: access.can_mentor()) == (F, F, T, F, T, F)


# (own OPD A, other OPD B) per role, in ROLES' order.
PER_OPD = {
    "can_view_opd": ((T, F), (T, F), (T, T), (T, T), (T, T), (F, F)),
    "can_edit_records": ((T, F), (F, F), (F, F), (F, F), (T, T), (F, F)),
    "can_restore_records": ((T, F), (F, F), (F, F), (F, F), (T, T), (F, F)),
    "can_comment": ((T, F), (F, F), (T, T), (F, F), (T, T), (F, F)),
    "can_mentor": ((F, F), (F, F), (T, T), (F, F), (T, T), (F, F)),
    "can_read_mentoring": ((T, F), (T, F), (T, T), (F, F), (T, T), (F, F)),
    "can_ask_for_mentoring": ((T, F), (F, F), (F, F), (F, F), (F, F), (F, F)),
    "can_complete_follow_up": ((T, F), (F, F), (T, T), (F, F), (T, T), (F, F)),
    "can_export_opds": ((T, F), (T, F), (T, T), (T, T), (T, T), (F, F)),
}


@pytest.mark.parametrize("predicate", PER_OPD)
def test_each_per_opd_predicate_answers_each_role_for_its_own_and_another_opd(personas, predicate):
    def ask(access, opd):
        method = getattr(access, predicate)
        return method([opd.pk]) if predicate == "can_export_opds" else method(opd)

    found = _per_role(personas, lambda access: (ask(access, personas.opd_a), ask(access, personas.opd_b)))
    assert found == PER_OPD[predicate]


def test_an_export_of_several_opds_needs_every_one_of_them(personas):
    both = [personas.opd_a.pk, personas.opd_b.pk]
    assert _per_role(personas, lambda access: access.can_export_opds(both)) == (F, F, T, T, T, F)


def test_each_role_lands_on_its_own_home_page(personas):
    from portal.accounts.access import Home

    assert _per_role(personas, lambda access: access.home_page) == (
        Home.OPD,
        Home.OPD,
        Home.BAPPEDA,
        Home.LEADERSHIP,
        Home.BAPPEDA,
        Home.NONE,
    )
    opd_a = personas.opd_a.pk
    assert _per_role(personas, lambda access: access.home_opd_id) == (opd_a, opd_a, None, None, None, None)


def test_the_opds_a_user_acts_for(personas):
    opd_a = personas.opd_a.pk
    assert _per_role(personas, lambda access: access.acting_opd_id) == (opd_a, None, None, None, None, None)
    assert _per_role(personas, lambda access: access.headed_opd_id) == (None, opd_a, None, None, None, None)
    member = _per_role(personas, lambda access: sorted(access.member_opds().values_list("short_name", flat=True)))
    assert member == (["DUA"], ["DUA"], [], [], [], [])


def test_the_widest_role_decides_the_home_page_and_a_user_without_a_role_has_none(personas):
    from portal.accounts.access import Home
    from tests.personas import make_user

    both = make_user("pimpinan_dan_pendamping", Role.PIMPINAN)
    Membership.objects.create(user=both, role=Role.PENDAMPING)
    nobody = make_user("tanpa_peran")
    assert (access_for(both).home_page, access_for(nobody).home_page) == (Home.BAPPEDA, Home.NONE)
    assert (access_for(nobody).can_list_innovations, access_for(nobody).home_opd_id) == (False, None)


def test_a_kepala_who_also_operates_another_opd_heads_no_single_opd(personas):
    Membership.objects.create(user=personas.kepala_a, role=Role.OPERATOR, opd=personas.opd_b)
    access = access_for(personas.kepala_a)
    assert (access.headed_opd_id, access.acting_opd_id) == (None, personas.opd_b.pk)
    assert (access.can_edit_records(personas.opd_a), access.can_edit_records(personas.opd_b)) == (False, True)
