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
