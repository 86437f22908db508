"""TOTP is required for pendamping, pimpinan and admin before any other page."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from portal.accounts.models import Role
from tests.personas import PASSWORD, TOTP_SECRET, current_code, make_user


@pytest.mark.parametrize("role", [Role.PENDAMPING, Role.PIMPINAN, Role.ADMIN])
def test_a_role_that_requires_totp_is_sent_to_enrol_first(client, db, role):
    user = make_user("baru", role, totp=False, staff=role == Role.ADMIN)
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_after_enrolling_the_pages_open(client, db):
    user = make_user("baru", Role.PENDAMPING, totp=False)
    client.force_login(user)
    TOTP.activate(user, TOTP_SECRET)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.KEPALA])
def test_totp_is_optional_for_opd_roles(client, personas, role):
    user = make_user("baru", role, personas.opd_a, totp=False)
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200


def test_sign_in_asks_for_the_code_and_accepts_a_valid_one(client, personas):
    response = client.post(reverse("account_login"), {"login": "pendamping", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.pendamping.pk)


def test_a_wrong_code_does_not_sign_in(client, personas):
    client.post(reverse("account_login"), {"login": "pendamping", "password": PASSWORD})
    wrong = f"{(int(current_code()) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def _deactivate_totp(client, user):
    client.force_login(user)
    # Switching TOTP off asks for the password again first.
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
    client.post(reverse("mfa_deactivate_totp"))
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).count()


def test_a_role_that_requires_totp_cannot_switch_it_off(client, personas):
    assert _deactivate_totp(client, personas.pendamping) == 1


def test_an_operator_may_switch_optional_totp_off(client, personas):
    TOTP.activate(personas.operator_a, TOTP_SECRET)
    assert _deactivate_totp(client, personas.operator_a) == 0
